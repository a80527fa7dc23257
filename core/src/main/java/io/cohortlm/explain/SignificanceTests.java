package io.cohortlm.explain;

import static io.cohortlm.stats.Distributions.normalUpperTail;
import static io.cohortlm.stats.Distributions.studentTwoSided;

import java.util.Arrays;
import java.util.Comparator;

/**
 * The hypothesis tests behind distinguishing features: two-proportion z-test (levels, categories), Welch's
 * t-test (numeric features) and Benjamini–Hochberg adjustment. All p-values are two-sided, in [0, 1]; a test with
 * no information (empty group, zero variance on both sides) returns p = 1.
 */
public final class SignificanceTests {
    private SignificanceTests() {
    }

    /** Two-sided p-value of the pooled two-proportion z-test of {@code x1/n1} vs {@code x2/n2}. */
    public static double twoProportionZ(long x1, long n1, long x2, long n2) {
        if (n1 <= 0 || n2 <= 0) {
            return 1;
        }
        double p1 = (double) x1 / n1;
        double p2 = (double) x2 / n2;
        double p = (double) (x1 + x2) / (n1 + n2);
        double se = Math.sqrt(p * (1 - p) * (1.0 / n1 + 1.0 / n2));
        if (se == 0) {
            return p1 == p2 ? 1 : 0;
        }
        return 2 * normalUpperTail(Math.abs(p1 - p2) / se);
    }

    /**
     * Two-sided p-value of Welch's unequal-variance t-test from group summaries (mean, sample variance, n);
     * Welch–Satterthwaite degrees of freedom.
     */
    public static double welchT(double m1, double v1, long n1, double m2, double v2, long n2) {
        if (n1 < 2 || n2 < 2) {
            return 1;
        }
        double a = v1 / n1;
        double b = v2 / n2;
        double se2 = a + b;
        if (!(se2 > 0)) {
            return m1 == m2 ? 1 : 0;
        }
        double t = Math.abs(m1 - m2) / Math.sqrt(se2);
        double df = se2 * se2 / (a * a / (n1 - 1) + b * b / (n2 - 1));
        return studentTwoSided(t, df);
    }

    /**
     * Benjamini–Hochberg adjusted p-values (q-values), same order as the input; controls the false discovery
     * rate across all tests of one report.
     */
    public static double[] benjaminiHochberg(double[] p) {
        int m = p.length;
        Integer[] order = new Integer[m];
        for (int i = 0; i < m; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> p[i]));
        double[] q = new double[m];
        double min = 1;
        for (int r = m - 1; r >= 0; r--) {
            int i = order[r];
            min = Math.min(min, p[i] * m / (r + 1));
            q[i] = Math.min(1, min);
        }
        return q;
    }
}
