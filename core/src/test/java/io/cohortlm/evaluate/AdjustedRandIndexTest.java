package io.cohortlm.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cohortlm.CohortException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AdjustedRandIndexTest {
    @Test
    void identical_partitions_score_one_whatever_the_label_names() {
        assertEquals(1.0, AdjustedRandIndex.score(new int[] {0, 0, 1, 1, 2}, new int[] {7, 7, 3, 3, 9}), 1e-12);
    }

    @Test
    void matches_scikit_learn_on_known_examples() {
        // sklearn.metrics.adjusted_rand_score([0, 0, 1, 1], [0, 0, 1, 2]) == 0.5714285714285715
        assertEquals(0.5714285714285715, AdjustedRandIndex.score(new int[] {0, 0, 1, 1}, new int[] {0, 0, 1, 2}),
                1e-12);
        // adjusted_rand_score([0, 0, 1, 1], [0, 1, 0, 1]) == -0.5
        assertEquals(-0.5, AdjustedRandIndex.score(new int[] {0, 0, 1, 1}, new int[] {0, 1, 0, 1}), 1e-12);
    }

    @Test
    void independent_random_partitions_score_near_zero() {
        long seed = 11;
        SplittableRandom r = new SplittableRandom(seed);
        int[] a = new int[20000];
        int[] b = new int[20000];
        for (int i = 0; i < a.length; i++) {
            a[i] = r.nextInt(5);
            b[i] = r.nextInt(5);
        }
        double ari = AdjustedRandIndex.score(a, b);
        assertTrue(Math.abs(ari) < 0.01, "seed " + seed + ": ARI " + ari);
    }

    @Test
    void rejects_partitions_of_different_lengths() {
        CohortException e = assertThrows(CohortException.class,
                () -> AdjustedRandIndex.score(new int[] {0, 1}, new int[] {0}));
        assertEquals("partitions must have the same length, were 2 and 1", e.getMessage());
    }
}
