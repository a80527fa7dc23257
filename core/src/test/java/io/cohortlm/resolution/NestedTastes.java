package io.cohortlm.resolution;

import io.cohortlm.data.Dataset;
import io.cohortlm.data.Events;
import io.cohortlm.data.Items;
import io.cohortlm.data.Users;
import java.util.SplittableRandom;

/**
 * Planted two-level taste structure: {@code coarse} broad tastes, each split into {@code finePer} narrower ones; a
 * narrow taste owns a block of 30 items. Each event is from the user's own block (60%), their broad taste's blocks
 * (32%) or anywhere (8%), spaced in time.
 *
 * @param data     the events
 * @param fineOf   planted narrow taste per user
 * @param coarseOf planted broad taste per user
 */
record NestedTastes(Dataset data, int[] fineOf, int[] coarseOf) {
    static final int BLOCK = 30;

    static NestedTastes generate(int users, int coarse, int finePer, long seed) {
        int fineGroups = coarse * finePer;
        int items = fineGroups * BLOCK;
        SplittableRandom rnd = new SplittableRandom(seed);
        Users us = new Users();
        Items it = new Items();
        for (int i = 0; i < items; i++) {
            it.addRow("i" + i);
        }
        Events ev = new Events();
        byte purchase = ev.types().code("purchase");
        int[] fineOf = new int[users];
        int[] coarseOf = new int[users];
        for (int u = 0; u < users; u++) {
            us.addRow("u" + u);
            int f = u % fineGroups;
            fineOf[u] = f;
            coarseOf[u] = f / finePer;
            int count = 8 + rnd.nextInt(30);
            long t = 1_600_000_000L;
            for (int e = 0; e < count; e++) {
                double r = rnd.nextDouble();
                int item;
                if (r < 0.6) {
                    item = f * BLOCK + rnd.nextInt(BLOCK);
                } else if (r < 0.92) {
                    item = coarseOf[u] * finePer * BLOCK + rnd.nextInt(finePer * BLOCK);
                } else {
                    item = rnd.nextInt(items);
                }
                t += 600 + rnd.nextInt(86_400);
                ev.add(u, item, purchase, Float.NaN, Float.NaN, t);
            }
        }
        us.seal();
        return new NestedTastes(new Dataset("nested", us, it, ev), fineOf, coarseOf);
    }
}
