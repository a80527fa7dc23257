package io.cohortlm.predict;

import io.cohortlm.data.EventTypes;
import io.cohortlm.data.Events;
import io.cohortlm.data.Items;
import java.util.Arrays;

/**
 * What each user did in a split's label period.
 *
 * @param active       any event in the period
 * @param purchased    any purchase event in the period (all false when the data has no purchase type)
 * @param nextCategory first category code of the earliest event (time, then input order) whose item has a
 *                     category; -1 if none
 * @param hasPurchaseType whether the data has a {@code purchase} event type at all
 */
public record Outcomes(boolean[] active, boolean[] purchased, int[] nextCategory, boolean hasPurchaseType) {

    public static Outcomes of(Events events, Items items, int users, TemporalSplit split) {
        int purchase = events.types().find(EventTypes.PURCHASE);
        boolean[] active = new boolean[users];
        boolean[] bought = new boolean[users];
        int[] next = new int[users];
        Arrays.fill(next, -1);
        long[] nextTime = new long[users];
        Arrays.fill(nextTime, Long.MAX_VALUE);
        for (int e = 0; e < events.size(); e++) {
            long t = events.time(e);
            if (!split.inLabelPeriod(t)) {
                continue;
            }
            int u = events.user(e);
            active[u] = true;
            if (events.type(e) == purchase) {
                bought[u] = true;
            }
            int[] cats = items.categories(events.item(e));
            if (cats.length > 0 && t < nextTime[u]) {
                nextTime[u] = t;
                next[u] = cats[0];
            }
        }
        return new Outcomes(active, bought, next, purchase >= 0);
    }
}
