package io.cohortlm.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class InteractionsTest {
    @Test
    void groups_events_by_user_in_time_order_with_ties_in_input_order() {
        Events ev = new Events();
        byte v = ev.types().code("view");
        ev.add(1, 0, v, Float.NaN, Float.NaN, 30);   // e0
        ev.add(0, 0, v, Float.NaN, Float.NaN, 20);   // e1
        ev.add(1, 0, v, Float.NaN, Float.NaN, 10);   // e2
        ev.add(1, 0, v, Float.NaN, Float.NaN, 30);   // e3 (ties e0, comes after it)
        ev.add(0, 0, v, Float.NaN, Float.NaN, Events.NO_TIME); // e4: no time sorts first
        Interactions in = Interactions.byUser(ev, 3);
        assertEquals(3, in.userCount());
        assertEquals(5, in.eventCount());
        assertArrayEquals(new int[] {4, 1}, in.events(0));
        assertArrayEquals(new int[] {2, 0, 3}, in.events(1));
        assertArrayEquals(new int[0], in.events(2));
        assertEquals(0, in.count(2));
        assertEquals(in.end(1), in.start(2));
    }

    @Test
    void long_unsorted_histories_are_sorted_stably() {
        long seed = 20261128L;
        SplittableRandom rng = new SplittableRandom(seed);
        Events ev = new Events();
        byte v = ev.types().code("view");
        int n = 5000;
        for (int e = 0; e < n; e++) {
            ev.add(rng.nextInt(3), 0, v, Float.NaN, Float.NaN, rng.nextInt(50));
        }
        Interactions in = Interactions.byUser(ev, 3);
        int total = 0;
        for (int u = 0; u < 3; u++) {
            int[] es = in.events(u);
            total += es.length;
            for (int i = 1; i < es.length; i++) {
                long a = ev.time(es[i - 1]);
                long b = ev.time(es[i]);
                boolean ok = a < b || (a == b && es[i - 1] < es[i]);
                assertEquals(true, ok, "seed " + seed + ": user " + u + " position " + i);
                assertEquals(u, ev.user(es[i]));
            }
        }
        assertEquals(n, total);
    }
}
