package io.cohortlm.predict;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BoostedStumpsTest {
    /** y depends on |x0| (U-shaped: a linear model cannot use it); x1 is noise. */
    static double[][] data(int n, boolean[] y, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] x = new double[n][2];
        for (int i = 0; i < n; i++) {
            x[i][0] = r.nextDouble() * 4 - 2;
            x[i][1] = r.nextDouble();
            double p = 1 / (1 + Math.exp(-(3 * Math.abs(x[i][0]) - 3)));
            y[i] = r.nextDouble() < p;
        }
        return x;
    }

    @Test
    void stumps_capture_a_non_linear_effect_that_logistic_regression_misses() {
        boolean[] ytr = new boolean[3000], yte = new boolean[2000];
        double[][] xtr = data(3000, ytr, 1), xte = data(2000, yte, 2);
        BoostedStumps.Model gb = BoostedStumps.defaults().fit(xtr, ytr);
        int[] ytrInt = new int[3000];
        for (int i = 0; i < 3000; i++) {
            ytrInt[i] = ytr[i] ? 1 : 0;
        }
        LogisticModel lr = LogisticRegression.defaults().fit(xtr, ytrInt, 2);
        double aucGb = BinaryMetrics.rocAuc(gb.positiveProbability(xte), yte);
        double aucLr = BinaryMetrics.rocAuc(lr.positiveProbability(xte), yte);
        System.out.printf("U-shaped signal: stumps AUC %.3f, logistic AUC %.3f%n", aucGb, aucLr);
        assertTrue(aucGb > 0.8, "stumps AUC " + aucGb);
        assertEquals(0.5, aucLr, 0.05, "logistic AUC on a symmetric U " + aucLr);
        assertTrue(BinaryMetrics.of(gb.positiveProbability(xte), yte).calibration().ece() < 0.05);
    }

    @Test
    void fitting_is_deterministic_and_a_value_on_the_threshold_goes_left() {
        boolean[] y = new boolean[500];
        double[][] x = data(500, y, 3);
        BoostedStumps.Model a = new BoostedStumps(20, 0.3, 16, 1, 1).fit(x, y);
        BoostedStumps.Model b = new BoostedStumps(20, 0.3, 16, 1, 1).fit(x, y);
        assertArrayEquals(a.threshold(), b.threshold());
        assertArrayEquals(a.left(), b.left());
        BoostedStumps.Model one = new BoostedStumps(1, 1, 16, 0, 0).fit(new double[][] {{0}, {1}, {2}, {3}},
                new boolean[] {false, false, true, true});
        assertEquals(1, one.feature().length);
        assertEquals(1.0, one.threshold()[0]);
        assertTrue(one.positiveProbability(new double[] {1.0}) < 0.5, "x = threshold goes left");
        assertTrue(one.positiveProbability(new double[] {1.5}) > 0.5);
    }
}
