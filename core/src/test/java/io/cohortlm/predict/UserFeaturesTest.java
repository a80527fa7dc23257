package io.cohortlm.predict;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cohortlm.data.Events;
import io.cohortlm.data.Items;
import java.util.List;
import org.junit.jupiter.api.Test;

class UserFeaturesTest {
    static final long DAY = 86_400;

    @Test
    void rfm_features_and_outcomes_match_hand_computation() {
        Items items = new Items();
        items.setCategories(items.addRow("a"), List.of("kitchen"));
        items.setCategories(items.addRow("b"), List.of("garden", "kitchen"));
        items.addRow("c"); // no category
        Events ev = new Events();
        byte buy = ev.types().code("purchase");
        byte view = ev.types().code("view");
        // user 0: before the cut (day 10): day 1 buy 2 × 3.0, day 1 view, day 4 buy 1 × 5.0; after: day 12 view c, day 11 view b
        ev.add(0, 0, buy, 2, 3, 1 * DAY + 100);
        ev.add(0, 1, view, Float.NaN, Float.NaN, 1 * DAY + 200);
        ev.add(0, 0, buy, 1, 5, 4 * DAY);
        ev.add(0, 2, view, Float.NaN, Float.NaN, 12 * DAY);
        ev.add(0, 1, view, Float.NaN, Float.NaN, 11 * DAY);
        // user 1: only after the cut, buys a on day 15; user 2: nothing timed
        ev.add(1, 0, buy, 1, 1, 15 * DAY);
        ev.add(2, 0, buy, 1, 1, Events.NO_TIME);
        TemporalSplit split = new TemporalSplit(10 * DAY, 10 * DAY);
        UserFeatures f = UserFeatures.at(ev, 3, new float[][] {{1, 2}, {3, 4}, {5, 6}}, split.cut());
        assertEquals(List.of("v0", "v1", "recency_days", "log1p_recency_days", "log1p_events", "log1p_active_days",
                "log1p_purchases", "log1p_spend"), f.names());
        assertArrayEquals(new int[] {2, 3}, f.groups().get("recency"));
        assertArrayEquals(new double[] {1, 2, 6, Math.log1p(6), Math.log1p(3), Math.log1p(2), Math.log1p(2), Math.log1p(11)},
                f.x()[0], 1e-12);
        assertTrue(f.hasHistory()[0]);
        assertFalse(f.hasHistory()[1], "user 1's only event is after the cut");
        assertFalse(f.hasHistory()[2], "untimed events are ignored");
        assertEquals(1, f.withHistory());

        Outcomes o = Outcomes.of(ev, items, 3, split);
        assertArrayEquals(new boolean[] {true, true, false}, o.active());
        assertArrayEquals(new boolean[] {false, true, false}, o.purchased());
        // user 0's earliest categorised event after the cut is item b on day 11: its first category, garden.
        assertEquals("garden", items.categoryName(o.nextCategory()[0]));
        assertEquals("kitchen", items.categoryName(o.nextCategory()[1]));
        assertEquals(-1, o.nextCategory()[2]);
    }

    @Test
    void last_period_split_ends_just_after_the_latest_event() {
        Events ev = new Events();
        byte buy = ev.types().code("purchase");
        ev.add(0, 0, buy, 1, 1, 100 * DAY);
        ev.add(0, 0, buy, 1, 1, Events.NO_TIME);
        TemporalSplit s = TemporalSplit.lastPeriod(ev, 30);
        assertEquals(100 * DAY + 1, s.end());
        assertTrue(s.inLabelPeriod(100 * DAY));
        assertTrue(s.inFeaturePeriod(70 * DAY));
        assertFalse(s.inLabelPeriod(Events.NO_TIME));
    }
}
