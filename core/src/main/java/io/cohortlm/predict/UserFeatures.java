package io.cohortlm.predict;

import io.cohortlm.data.EventTypes;
import io.cohortlm.data.Events;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Model inputs of every user as of a moment: the user's vector (group {@code vector}) and recency / frequency /
 * monetary features computed from that user's events strictly before {@code asOf}:
 * <ul>
 * <li>{@code recency}: days since the last event, and its log1p;</li>
 * <li>{@code frequency}: log1p of the event count, of distinct active days and of purchase events;</li>
 * <li>{@code monetary}: log1p of max(0, Σ value × price) over purchase events with both present.</li>
 * </ul>
 * Users with no event before {@code asOf} have no history; their rows are zeros and they are left out of
 * training and scoring.
 *
 * @param x          n × d raw features (row u = user u)
 * @param names      column names, length d
 * @param groups     group name → its column indices, in the order vector, recency, frequency, monetary
 * @param hasHistory whether user u had an event before {@code asOf}
 * @param asOf       epoch seconds the features describe
 */
public record UserFeatures(double[][] x, List<String> names, Map<String, int[]> groups, boolean[] hasHistory,
        long asOf) {
    public static final String VECTOR = "vector";
    public static final String RECENCY = "recency";
    public static final String FREQUENCY = "frequency";
    public static final String MONETARY = "monetary";

    public UserFeatures {
        names = List.copyOf(names);
        groups = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(groups));
    }

    /**
     * @param events  the events table
     * @param users   number of users n
     * @param vectors n user vectors of one dimension, or null for RFM features only; they should be built from
     *                events before {@code asOf}, or the evaluation leaks the future
     * @param asOf    epoch seconds
     */
    public static UserFeatures at(Events events, int users, float[][] vectors, long asOf) {
        if (vectors != null && vectors.length != users) {
            throw new IllegalArgumentException("vectors must have one row per user (" + users + "), had " + vectors.length);
        }
        int vd = vectors == null || users == 0 ? 0 : vectors[0].length;
        int purchase = events.types().find(EventTypes.PURCHASE);
        long[] last = new long[users];
        java.util.Arrays.fill(last, Long.MIN_VALUE);
        int[] count = new int[users];
        int[] purchases = new int[users];
        double[] spend = new double[users];
        long[] userDay = new long[16];
        int pairs = 0;
        for (int e = 0; e < events.size(); e++) {
            long t = events.time(e);
            if (t == Events.NO_TIME || t >= asOf) {
                continue;
            }
            int u = events.user(e);
            last[u] = Math.max(last[u], t);
            count[u]++;
            if (pairs == userDay.length) {
                userDay = java.util.Arrays.copyOf(userDay, pairs + (pairs >> 1) + 16);
            }
            // (user, day) packed so that sorting groups a user's days; day offset keeps it non-negative.
            userDay[pairs++] = ((long) u << 32) | (Math.floorDiv(t, 86_400L) + (1L << 31));
            if (events.type(e) == purchase) {
                purchases[u]++;
                double v = (double) events.value(e) * events.price(e);
                if (Double.isFinite(v)) {
                    spend[u] += v;
                }
            }
        }
        int[] days = new int[users];
        java.util.Arrays.sort(userDay, 0, pairs);
        for (int i = 0; i < pairs; i++) {
            if (i == 0 || userDay[i] != userDay[i - 1]) {
                days[(int) (userDay[i] >>> 32)]++;
            }
        }
        List<String> names = new ArrayList<>();
        Map<String, int[]> groups = new LinkedHashMap<>();
        for (int j = 0; j < vd; j++) {
            names.add("v" + j);
        }
        if (vd > 0) {
            groups.put(VECTOR, range(0, vd));
        }
        names.addAll(List.of("recency_days", "log1p_recency_days"));
        groups.put(RECENCY, range(vd, vd + 2));
        names.addAll(List.of("log1p_events", "log1p_active_days", "log1p_purchases"));
        groups.put(FREQUENCY, range(vd + 2, vd + 5));
        names.add("log1p_spend");
        groups.put(MONETARY, range(vd + 5, vd + 6));
        double[][] x = new double[users][vd + 6];
        boolean[] has = new boolean[users];
        for (int u = 0; u < users; u++) {
            has[u] = count[u] > 0;
            if (!has[u]) {
                continue;
            }
            double[] row = x[u];
            for (int j = 0; j < vd; j++) {
                row[j] = vectors[u][j];
            }
            double rec = (asOf - last[u]) / 86_400.0;
            row[vd] = rec;
            row[vd + 1] = Math.log1p(rec);
            row[vd + 2] = Math.log1p(count[u]);
            row[vd + 3] = Math.log1p(days[u]);
            row[vd + 4] = Math.log1p(purchases[u]);
            row[vd + 5] = Math.log1p(Math.max(0, spend[u]));
        }
        return new UserFeatures(x, names, groups, has, asOf);
    }

    /** Number of users with history. */
    public int withHistory() {
        int c = 0;
        for (boolean b : hasHistory) {
            c += b ? 1 : 0;
        }
        return c;
    }

    /** Rows of the given users (shared, not copied). */
    double[][] rows(int[] users) {
        double[][] r = new double[users.length][];
        for (int i = 0; i < users.length; i++) {
            r[i] = x[users[i]];
        }
        return r;
    }

    private static int[] range(int from, int to) {
        int[] r = new int[to - from];
        for (int i = 0; i < r.length; i++) {
            r[i] = from + i;
        }
        return r;
    }
}
