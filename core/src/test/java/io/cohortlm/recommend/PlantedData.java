package io.cohortlm.recommend;

import io.cohortlm.data.AttributeColumn;
import io.cohortlm.data.AttributeKind;
import io.cohortlm.data.AttributeSpec;
import io.cohortlm.data.Dataset;
import io.cohortlm.data.Events;
import io.cohortlm.data.Items;
import io.cohortlm.data.Users;
import java.util.SplittableRandom;

/**
 * A planted synthetic dataset: {@code groups} user groups, each with its own block of items; a user draws
 * {@code share} of their events from their group's block (Zipf-skewed inside it) and the rest from the whole
 * catalogue (Zipf-skewed globally). Users carry a categorical attribute {@code region} = their group; item
 * vectors are a noisy one-hot of their block; user vectors a noisy one-hot of their group; segments = groups.
 */
public final class PlantedData {
    public final Dataset data;
    public final int groups;
    public final int[] groupOf;
    public final int[] blockOf;
    public final float[][] userVectors;
    public final float[][] itemVectors;

    public PlantedData(int users, int items, int groups, int eventsPerUser, double share, long seed) {
        this.groups = groups;
        SplittableRandom rnd = new SplittableRandom(seed);
        Users us = new Users();
        AttributeColumn region = us.declare(new AttributeSpec("region", AttributeKind.CATEGORICAL, false));
        Items it = new Items();
        for (int i = 0; i < items; i++) {
            it.addRow("i" + i);
        }
        blockOf = new int[items];
        int block = items / groups;
        itemVectors = new float[items][groups + 2];
        for (int i = 0; i < items; i++) {
            blockOf[i] = Math.min(groups - 1, i / block);
            itemVectors[i][blockOf[i]] = 1;
            for (int k = 0; k < groups + 2; k++) {
                itemVectors[i][k] += (float) (0.3 * rnd.nextGaussian());
            }
        }
        groupOf = new int[users];
        userVectors = new float[users][groups];
        Events ev = new Events();
        byte purchase = ev.types().code("purchase");
        for (int u = 0; u < users; u++) {
            us.addRow("u" + u);
            int g = u % groups;
            groupOf[u] = g;
            region.setLevel(u, "r" + g);
            userVectors[u][g] = 1;
            for (int k = 0; k < groups; k++) {
                userVectors[u][k] += (float) (0.2 * rnd.nextGaussian());
            }
            int count = 3 + rnd.nextInt(2 * eventsPerUser - 3);
            long t = 1_600_000_000L + rnd.nextInt(1000) * 3600L;
            for (int e = 0; e < count; e++) {
                int item;
                if (rnd.nextDouble() < share) {
                    item = g * block + zipf(rnd, block);
                } else {
                    item = zipf(rnd, items);
                }
                t += 600 + rnd.nextInt(86_400);
                ev.add(u, item, purchase, Float.NaN, Float.NaN, t);
            }
        }
        us.seal();
        data = new Dataset("planted", us, it, ev);
    }

    /** Zipf-like draw over [0, n) with exponent ~1 (inverse-CDF of a continuous power law). */
    static int zipf(SplittableRandom rnd, int n) {
        double x = Math.pow(n + 1.0, rnd.nextDouble()) - 1;
        return Math.min(n - 1, (int) x);
    }

    /** Segments = planted groups. */
    public int[] segments() {
        return groupOf.clone();
    }

    /** Nearest-one-hot assigner over the first {@code groups} coordinates. */
    public SegmentAssigner assigner() {
        return v -> {
            int best = 0;
            for (int k = 1; k < groups; k++) {
                if (v[k] > v[best]) {
                    best = k;
                }
            }
            return best;
        };
    }
}
