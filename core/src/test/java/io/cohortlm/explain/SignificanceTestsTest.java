package io.cohortlm.explain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SignificanceTestsTest {
    @Test
    void student_t_tail_matches_tables() {
        // t = 2.228, df = 10 is the two-sided 5 % critical value; t = 2, df = 10 → p = 0.07339.
        assertEquals(0.05, io.cohortlm.stats.Distributions.studentTwoSided(2.228, 10), 2e-4);
        assertEquals(0.07339, io.cohortlm.stats.Distributions.studentTwoSided(2, 10), 1e-4);
        assertEquals(0.0455, io.cohortlm.stats.Distributions.normalUpperTail(2) * 2, 1e-4);
    }

    @Test
    void two_proportion_z_matches_hand_computation() {
        // 30/100 vs 20/100: pooled p 0.25, se 0.06124, z 1.633 → p 0.1025
        assertEquals(0.1025, SignificanceTests.twoProportionZ(30, 100, 20, 100), 5e-4);
        assertEquals(1, SignificanceTests.twoProportionZ(0, 0, 5, 10));
    }

    @Test
    void welch_t_matches_hand_computation() {
        // means 5 vs 4, variances 4 and 9, n 20 and 30: t = 1.4142, df ≈ 48.0 → p = 0.16375
        // (scipy.stats.ttest_ind_from_stats)
        assertEquals(0.16375, SignificanceTests.welchT(5, 4, 20, 4, 9, 30), 1e-4);
    }

    @Test
    void benjamini_hochberg_matches_the_textbook_example() {
        double[] p = {0.01, 0.04, 0.03, 0.005};
        // sorted 0.005, 0.01, 0.03, 0.04 → 0.02, 0.02, 0.04, 0.04
        assertArrayEquals(new double[] {0.02, 0.04, 0.04, 0.02}, SignificanceTests.benjaminiHochberg(p), 1e-12);
    }
}
