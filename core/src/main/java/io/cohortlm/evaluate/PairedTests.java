package io.cohortlm.evaluate;

import java.util.Arrays;

/**
 * Paired two-sided significance tests on per-user metric differences: Student's paired t-test and the Wilcoxon
 * signed-rank test (normal approximation with tie correction; zero differences dropped, Pratt-free). Both
 * assume users are independent units.
 */
public final class PairedTests {
    private PairedTests() {
    }

    /** A test statistic and its two-sided p-value (NaN when undefined, e.g. no non-zero difference). */
    public record Outcome(double statistic, double pValue) {
    }

    /** Paired t-test of mean(a − b) = 0; t follows Student's t with n − 1 degrees of freedom. */
    public static Outcome pairedT(double[] a, double[] b) {
        int n = check(a, b);
        if (n < 2) {
            return new Outcome(Double.NaN, Double.NaN);
        }
        double mean = 0;
        for (int i = 0; i < n; i++) {
            mean += a[i] - b[i];
        }
        mean /= n;
        double ss = 0;
        for (int i = 0; i < n; i++) {
            double d = a[i] - b[i] - mean;
            ss += d * d;
        }
        double sd = Math.sqrt(ss / (n - 1));
        if (sd == 0) {
            return mean == 0 ? new Outcome(Double.NaN, Double.NaN)
                    : new Outcome(Math.copySign(Double.POSITIVE_INFINITY, mean), 0);
        }
        double t = mean / (sd / Math.sqrt(n));
        double df = n - 1;
        // Two-sided p = I_{df/(df+t²)}(df/2, 1/2).
        double p = regularizedBeta(df / (df + t * t), df / 2, 0.5);
        return new Outcome(t, Math.min(1, Math.max(0, p)));
    }

    /** Wilcoxon signed-rank test; the statistic is the standardised z of W+. */
    public static Outcome wilcoxon(double[] a, double[] b) {
        int n = check(a, b);
        double[] d = new double[n];
        int m = 0;
        for (int i = 0; i < n; i++) {
            double x = a[i] - b[i];
            if (x != 0) {
                d[m++] = x;
            }
        }
        if (m == 0) {
            return new Outcome(Double.NaN, Double.NaN);
        }
        Integer[] idx = new Integer[m];
        for (int i = 0; i < m; i++) {
            idx[i] = i;
        }
        double[] dd = Arrays.copyOf(d, m);
        Arrays.sort(idx, (x, y) -> Double.compare(Math.abs(dd[x]), Math.abs(dd[y])));
        double wPlus = 0;
        double tieTerm = 0;
        int i = 0;
        while (i < m) {
            int j = i;
            while (j + 1 < m && Math.abs(dd[idx[j + 1]]) == Math.abs(dd[idx[i]])) {
                j++;
            }
            double rank = (i + j) / 2.0 + 1;
            int t = j - i + 1;
            tieTerm += (double) t * t * t - t;
            for (int q = i; q <= j; q++) {
                if (dd[idx[q]] > 0) {
                    wPlus += rank;
                }
            }
            i = j + 1;
        }
        double mean = m * (m + 1) / 4.0;
        double var = m * (m + 1) * (2.0 * m + 1) / 24.0 - tieTerm / 48.0;
        if (!(var > 0)) {
            return new Outcome(Double.NaN, Double.NaN);
        }
        double z = (wPlus - mean) / Math.sqrt(var);
        return new Outcome(z, Math.min(1, 2 * normalUpper(Math.abs(z))));
    }

    private static int check(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("paired samples must have equal length, were " + a.length + " and "
                    + b.length);
        }
        return a.length;
    }

    /** P(Z &gt; z) for a standard normal, via erfc (Numerical Recipes' Chebyshev fit, |error| &lt; 1.2e-7). */
    static double normalUpper(double z) {
        double x = z / Math.sqrt(2);
        double t = 1 / (1 + 0.5 * Math.abs(x));
        double erfc = t * Math.exp(-x * x - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223
                + t * 0.17087277)))))))));
        erfc = x >= 0 ? erfc : 2 - erfc;
        return erfc / 2;
    }

    /** Regularised incomplete beta I_x(a, b) by Lentz's continued fraction (Numerical Recipes §6.4). */
    static double regularizedBeta(double x, double a, double b) {
        if (x <= 0) {
            return 0;
        }
        if (x >= 1) {
            return 1;
        }
        double lbeta = lgamma(a + b) - lgamma(a) - lgamma(b) + a * Math.log(x) + b * Math.log(1 - x);
        if (x < (a + 1) / (a + b + 2)) {
            return Math.exp(lbeta) * betaFraction(x, a, b) / a;
        }
        return 1 - Math.exp(lbeta) * betaFraction(1 - x, b, a) / b;
    }

    private static double betaFraction(double x, double a, double b) {
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
            if (Math.abs(del - 1) < 1e-14) {
                break;
            }
        }
        return h;
    }

    /** log Γ(x) for x &gt; 0 (Lanczos, g = 7, n = 9). */
    static double lgamma(double x) {
        double[] c = {0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
            -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
            1.5056327351493116e-7};
        if (x < 0.5) {
            return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - lgamma(1 - x);
        }
        x -= 1;
        double s = c[0];
        for (int i = 1; i < 9; i++) {
            s += c[i] / (x + i);
        }
        double t = x + 7.5;
        return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(s);
    }
}
