package io.cohortlm.resolution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cohortlm.data.Dataset;
import io.cohortlm.data.Events;
import io.cohortlm.data.Items;
import io.cohortlm.data.Users;
import io.cohortlm.evaluate.AdjustedRandIndex;
import io.cohortlm.represent.EventWeights;
import io.cohortlm.represent.UserItemMatrix;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Planted two-level taste structure: 4 broad tastes, each split into 4 narrower ones. */
class SegmentHierarchyTest {
    static final long SEED = 5;
    static final int COARSE = 4;
    static final int FINE_PER = 4;
    static int[] fineOf;
    static int[] coarseOf;
    static FineSegments fine;
    static CoarseSegments coarse;

    @BeforeAll
    static void fit() {
        int users = 1920;
        int fineGroups = COARSE * FINE_PER;
        int block = 30;
        int items = fineGroups * block;
        SplittableRandom rnd = new SplittableRandom(SEED);
        Users us = new Users();
        Items it = new Items();
        for (int i = 0; i < items; i++) {
            it.addRow("i" + i);
        }
        Events ev = new Events();
        byte purchase = ev.types().code("purchase");
        fineOf = new int[users];
        coarseOf = new int[users];
        for (int u = 0; u < users; u++) {
            us.addRow("u" + u);
            int f = u % fineGroups;
            fineOf[u] = f;
            coarseOf[u] = f / FINE_PER;
            int count = 8 + rnd.nextInt(30);
            long t = 1_600_000_000L;
            for (int e = 0; e < count; e++) {
                double r = rnd.nextDouble();
                int item;
                if (r < 0.6) {
                    item = f * block + rnd.nextInt(block);
                } else if (r < 0.92) {
                    item = coarseOf[u] * FINE_PER * block + rnd.nextInt(FINE_PER * block);
                } else {
                    item = rnd.nextInt(items);
                }
                t += 600 + rnd.nextInt(86_400);
                ev.add(u, item, purchase, Float.NaN, Float.NaN, t);
            }
        }
        us.seal();
        UserItemMatrix matrix = UserItemMatrix.of(new Dataset("nested", us, it, ev), EventWeights.defaults());
        fine = SegmentResolution.defaults(SEED, 2).fit(matrix, null, null);
        coarse = SegmentHierarchy.defaults(SEED).fit(fine);
    }

    @Test
    void both_levels_recover_their_planted_structure() {
        double fineAri = AdjustedRandIndex.score(fineOf, fine.labels());
        assertEquals(COARSE * FINE_PER, fine.k(), fine.reason() + " " + fine.sweep());
        assertTrue(fineAri >= 0.9, "fine ARI " + fineAri + " (" + fine.reason() + ")");
        assertEquals(COARSE, coarse.k(), coarse.reason() + " " + coarse.sweep());
        double coarseAri = AdjustedRandIndex.score(coarseOf, coarse.labels());
        assertTrue(coarseAri >= 0.9, "coarse ARI " + coarseAri + " (" + coarse.reason() + ")");
    }

    @Test
    void every_coarse_segment_is_a_union_of_fine_segments_and_the_sweep_is_reported() {
        for (int u = 0; u < fine.labels().length; u++) {
            assertEquals(coarse.fineToCoarse()[fine.labels()[u]], coarse.labels()[u]);
        }
        assertEquals(fine.k(), coarse.fineToCoarse().length);
        assertTrue(coarse.sweep().size() >= 5, coarse.sweep().toString());
        assertTrue(coarse.reason().contains("stable"), coarse.reason());
        int[] sizes = coarse.sizes();
        for (int c = 1; c < sizes.length; c++) {
            assertTrue(sizes[c - 1] >= sizes[c], "ids ordered by size: " + Arrays.toString(sizes));
        }
    }

    @Test
    void the_coarse_level_is_deterministic_for_a_seed() {
        CoarseSegments again = SegmentHierarchy.defaults(SEED).fit(fine);
        assertEquals(Arrays.toString(coarse.labels()), Arrays.toString(again.labels()));
        assertEquals(coarse.sweep(), again.sweep());
    }
}
