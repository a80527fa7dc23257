package io.cohortlm.predict;

import java.util.Arrays;

/**
 * Quality of predicted probabilities for a binary outcome. Undefined values are NaN: ROC-AUC when only one
 * class is present, precision when nothing is predicted positive, recall when nothing is positive, F1 when
 * precision or recall is undefined.
 *
 * @param n           rows scored
 * @param positives   rows whose label is true
 * @param threshold   probability at or above which a row is predicted positive
 * @param accuracy    share of rows predicted correctly at {@code threshold}
 * @param precision   TP / (TP + FP)
 * @param recall      TP / (TP + FN)
 * @param f1          harmonic mean of precision and recall
 * @param rocAuc      exact ROC-AUC (Mann–Whitney with mid-ranks: a tied positive/negative pair counts ½)
 * @param logLoss     mean negative log-likelihood, probabilities clipped to [1e-15, 1 − 1e-15] (nats)
 * @param brier       mean squared error of the probabilities
 * @param calibration reliability bins and expected calibration error
 */
public record BinaryMetrics(int n, int positives, double threshold, double accuracy, double precision, double recall,
        double f1, double rocAuc, double logLoss, double brier, Calibration calibration) {

    /** Metrics at threshold 0.5 with 10 equal-width calibration bins. */
    public static BinaryMetrics of(double[] p, boolean[] y) {
        return of(p, y, 0.5, 10);
    }

    public static BinaryMetrics of(double[] p, boolean[] y, double threshold, int bins) {
        if (p.length != y.length) {
            throw new IllegalArgumentException("y length must equal p length " + p.length + ", was " + y.length);
        }
        int n = p.length;
        int tp = 0, fp = 0, fn = 0, pos = 0;
        double ll = 0, brier = 0;
        for (int i = 0; i < n; i++) {
            if (!(p[i] >= 0 && p[i] <= 1)) {
                throw new IllegalArgumentException("p[" + i + "] must be in [0, 1], was " + p[i]);
            }
            boolean predicted = p[i] >= threshold;
            if (y[i]) {
                pos++;
                if (predicted) {
                    tp++;
                } else {
                    fn++;
                }
            } else if (predicted) {
                fp++;
            }
            double c = Math.min(Math.max(p[i], 1e-15), 1 - 1e-15);
            ll -= y[i] ? Math.log(c) : Math.log(1 - c);
            double e = p[i] - (y[i] ? 1 : 0);
            brier += e * e;
        }
        int tn = n - tp - fp - fn;
        double precision = tp + fp == 0 ? Double.NaN : (double) tp / (tp + fp);
        double recall = pos == 0 ? Double.NaN : (double) tp / pos;
        double f1 = Double.isNaN(precision) || Double.isNaN(recall) ? Double.NaN
                : precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        return new BinaryMetrics(n, pos, threshold, n == 0 ? Double.NaN : (double) (tp + tn) / n, precision, recall,
                f1, rocAuc(p, y), n == 0 ? Double.NaN : ll / n, n == 0 ? Double.NaN : brier / n,
                Calibration.of(p, y, bins));
    }

    /**
     * Exact ROC-AUC: the probability that a random positive scores above a random negative, ties counting ½,
     * computed from mid-ranks in O(n log n). NaN when either class is absent.
     */
    public static double rocAuc(double[] p, boolean[] y) {
        int n = p.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(p[a], p[b]));
        double rankSumPos = 0;
        long pos = 0;
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && p[order[j + 1]] == p[order[i]]) {
                j++;
            }
            double midRank = (i + j) / 2.0 + 1; // 1-based mean rank of the tie group
            for (int k = i; k <= j; k++) {
                if (y[order[k]]) {
                    rankSumPos += midRank;
                    pos++;
                }
            }
            i = j + 1;
        }
        long neg = n - pos;
        if (pos == 0 || neg == 0) {
            return Double.NaN;
        }
        return (rankSumPos - pos * (pos + 1) / 2.0) / ((double) pos * neg);
    }
}
