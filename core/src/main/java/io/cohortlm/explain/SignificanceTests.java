package io.cohortlm.explain;

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

    /** P(|T| ≥ t) for Student's t with {@code df} degrees of freedom: I_{df/(df+t²)}(df/2, 1/2). */
    static double studentTwoSided(double t, double df) {
        if (df > 1e6) {
            return 2 * normalUpperTail(t);
        }
        return regularizedBeta(df / (df + t * t), df / 2, 0.5);
    }

    /** P(Z ≥ z) for a standard normal Z, via {@link #erfc}. */
    static double normalUpperTail(double z) {
        return 0.5 * erfc(z / Math.sqrt(2));
    }

    /** Complementary error function, Numerical Recipes' erfcc (fractional error < 1.2e-7). */
    static double erfc(double x) {
        double z = Math.abs(x);
        double t = 1 / (1 + 0.5 * z);
        double r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? r : 2 - r;
    }

    /** Regularised incomplete beta I_x(a, b) by Lentz's continued fraction (Numerical Recipes betacf). */
    static double regularizedBeta(double x, double a, double b) {
        if (x <= 0) {
            return 0;
        }
        if (x >= 1) {
            return 1;
        }
        double lbeta = logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log1p(-x);
        double front = Math.exp(lbeta);
        if (x < (a + 1) / (a + b + 2)) {
            return front * betaCf(x, a, b) / a;
        }
        return 1 - front * betaCf(1 - x, b, a) / b;
    }

    private static double betaCf(double x, double a, double b) {
        double tiny = 1e-300;
        double qab = a + b;
        double qap = a + 1;
        double qam = a - 1;
        double c = 1;
        double d = 1 - qab * x / qap;
        d = Math.abs(d) < tiny ? tiny : d;
        d = 1 / d;
        double h = d;
        for (int m = 1; m <= 300; m++) {
            int m2 = 2 * m;
            double aa = m * (b - m) * x / ((qam + m2) * (a + m2));
            d = 1 + aa * d;
            d = Math.abs(d) < tiny ? tiny : d;
            c = 1 + aa / c;
            c = Math.abs(c) < tiny ? tiny : c;
            d = 1 / d;
            h *= d * c;
            aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
            d = 1 + aa * d;
            d = Math.abs(d) < tiny ? tiny : d;
            c = 1 + aa / c;
            c = Math.abs(c) < tiny ? tiny : c;
            d = 1 / d;
            double del = d * c;
            h *= del;
            if (Math.abs(del - 1) < 1e-12) {
                break;
            }
        }
        return h;
    }

    /** Lanczos log-gamma (g = 7, n = 9), accurate to ~1e-15 for x > 0. */
    static double logGamma(double x) {
        double[] g = {0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
            -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
            1.5056327351493116e-7};
        if (x < 0.5) {
            return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
        }
        x -= 1;
        double s = g[0];
        for (int i = 1; i < 9; i++) {
            s += g[i] / (x + i);
        }
        double t = x + 7.5;
        return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(s);
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
