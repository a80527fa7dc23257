package io.cohortlm.predict;

import io.cohortlm.data.Dataset;
import io.cohortlm.data.Events;
import io.cohortlm.data.Items;
import io.cohortlm.data.Users;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Synthetic users whose future depends on planted signals: 4 segments (u % 4) with a favourite item category
 * each; user vectors = 2 × one-hot(segment) + N(0, 1) noise; before day 90 every user has 1–6 events, the last
 * one {@code recency} ∈ [0, 60) days before the cut; in days [90, 120) a user is active with probability
 * sigmoid(2 − 0.1 · recency + segmentEffect) and then buys (segment-dependent rate) mostly from the favourite.
 */
public final class PlantedPropensityData {
    public static final long DAY = 86_400;
    public static final long CUT = 90 * DAY;
    public static final TemporalSplit SPLIT = new TemporalSplit(CUT, 30 * DAY);
    public static final List<String> CATEGORIES = List.of("kitchenware", "garden", "toys", "books");
    static final double[] SEGMENT_EFFECT = {1.0, 0.0, -2.5, 0.5};
    static final double[] BUY_RATE = {0.8, 0.5, 0.3, 0.6};

    public final Dataset data;
    public final float[][] vectors;
    public final int[] segments;
    /** The true P(active) of each user: the best any model can do. */
    public final double[] activeProbability;

    public PlantedPropensityData(int users, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Users us = new Users();
        Items items = new Items();
        for (int i = 0; i < 40; i++) {
            int row = items.addRow("i" + i);
            items.setTitle(row, "item " + i);
            items.setCategories(row, List.of(CATEGORIES.get(i % 4)));
        }
        Events ev = new Events();
        byte buy = ev.types().code("purchase");
        byte view = ev.types().code("view");
        vectors = new float[users][6];
        segments = new int[users];
        activeProbability = new double[users];
        for (int u = 0; u < users; u++) {
            us.addRow("u" + u);
            int s = u % 4;
            segments[u] = s;
            for (int j = 0; j < 6; j++) {
                vectors[u][j] = (float) ((j == s ? 2 : 0) + gaussian(r));
            }
            double recency = r.nextDouble() * 60;
            int past = 1 + r.nextInt(6);
            for (int k = 0; k < past; k++) {
                double daysBefore = k == 0 ? recency : recency + r.nextDouble() * 30;
                ev.add(u, item(r, s), r.nextDouble() < 0.5 ? buy : view, 1 + r.nextInt(3), 2 + r.nextInt(9),
                        CUT - (long) (daysBefore * DAY) - 1);
            }
            double logit = 2 - 0.1 * recency + SEGMENT_EFFECT[s];
            activeProbability[u] = 1 / (1 + Math.exp(-logit));
            if (r.nextDouble() < activeProbability[u]) {
                int future = 1 + r.nextInt(3);
                for (int k = 0; k < future; k++) {
                    ev.add(u, item(r, s), r.nextDouble() < BUY_RATE[s] ? buy : view, 1, 5,
                            CUT + (long) (r.nextDouble() * 29 * DAY));
                }
            }
        }
        us.seal();
        items.seal();
        data = new Dataset("planted", us, items, ev);
    }

    /** An item of the segment's favourite category with probability 0.7, else of any category. */
    private static int item(SplittableRandom r, int segment) {
        int cat = r.nextDouble() < 0.7 ? segment : r.nextInt(4);
        return cat + 4 * r.nextInt(10);
    }

    static double gaussian(SplittableRandom r) {
        double u1 = r.nextDouble(), u2 = r.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
    }
}
