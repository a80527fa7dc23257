package io.cohortlm.resolution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cohortlm.evaluate.AdjustedRandIndex;
import io.cohortlm.represent.EventWeights;
import io.cohortlm.represent.UserItemMatrix;
import java.util.Arrays;
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
        NestedTastes planted = NestedTastes.generate(1920, COARSE, FINE_PER, SEED);
        fineOf = planted.fineOf();
        coarseOf = planted.coarseOf();
        UserItemMatrix matrix = UserItemMatrix.of(planted.data(), EventWeights.defaults());
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
