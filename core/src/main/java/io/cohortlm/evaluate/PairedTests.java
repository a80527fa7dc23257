package io.cohortlm.evaluate;

import io.cohortlm.stats.Distributions;

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
        double p = Distributions.studentTwoSided(t, df);
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
        return new Outcome(z, Math.min(1, 2 * Distributions.normalUpperTail(Math.abs(z))));
    }

    private static int check(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("paired samples must have equal length, were " + a.length + " and "
                    + b.length);
        }
        return a.length;
    }
}
