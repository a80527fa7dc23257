package io.cohortlm.predict;

import java.util.ArrayList;
import java.util.List;

/**
 * Reliability diagram over equal-width probability bins and the expected calibration error
 * ECE = Σ_b (n_b / n) · |mean predicted_b − observed rate_b| (Naeini et al. 2015). A probability p falls in bin
 * min(⌊p · bins⌋, bins − 1), so p = 1 lands in the last bin. Empty bins are listed with count 0 and NaN means.
 *
 * @param bins reliability bins in probability order
 * @param ece  expected calibration error in [0, 1]; NaN for no rows
 */
public record Calibration(List<Bin> bins, double ece) {
    public Calibration {
        bins = List.copyOf(bins);
    }

    /**
     * @param lower         inclusive lower edge
     * @param upper         upper edge (exclusive, except the last bin)
     * @param count         rows in the bin
     * @param meanPredicted mean predicted probability
     * @param observedRate  share of positive labels
     */
    public record Bin(double lower, double upper, int count, double meanPredicted, double observedRate) {
    }

    public static Calibration of(double[] p, boolean[] y, int bins) {
        if (bins < 1) {
            throw new IllegalArgumentException("bins must be ≥ 1, was " + bins);
        }
        int[] count = new int[bins];
        double[] sumP = new double[bins];
        int[] sumY = new int[bins];
        for (int i = 0; i < p.length; i++) {
            int b = Math.min((int) Math.floor(p[i] * bins), bins - 1);
            count[b]++;
            sumP[b] += p[i];
            sumY[b] += y[i] ? 1 : 0;
        }
        List<Bin> out = new ArrayList<>(bins);
        double ece = 0;
        for (int b = 0; b < bins; b++) {
            double mp = count[b] == 0 ? Double.NaN : sumP[b] / count[b];
            double obs = count[b] == 0 ? Double.NaN : (double) sumY[b] / count[b];
            out.add(new Bin((double) b / bins, (double) (b + 1) / bins, count[b], mp, obs));
            if (count[b] > 0) {
                ece += (double) count[b] / p.length * Math.abs(mp - obs);
            }
        }
        return new Calibration(out, p.length == 0 ? Double.NaN : ece);
    }
}
