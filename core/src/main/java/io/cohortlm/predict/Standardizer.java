package io.cohortlm.predict;

/**
 * Per-column mean and standard deviation learned on training rows; {@link #apply} maps a raw row to z-scores.
 * A constant column (sd 0) maps to 0. Immutable and thread-safe.
 */
public final class Standardizer {
    private final double[] mean;
    private final double[] sd;

    private Standardizer(double[] mean, double[] sd) {
        this.mean = mean;
        this.sd = sd;
    }

    /** A standardiser from saved column means and standard deviations (copied; equal lengths). */
    public static Standardizer of(double[] mean, double[] sd) {
        if (mean.length != sd.length) {
            throw new IllegalArgumentException("sd length must equal mean length " + mean.length + ", was " + sd.length);
        }
        return new Standardizer(mean.clone(), sd.clone());
    }

    /** Column means (copy). */
    public double[] mean() {
        return mean.clone();
    }

    /** Column standard deviations (copy). */
    public double[] sd() {
        return sd.clone();
    }

    /** Learns the columns of {@code x} (rows × d, at least one row). */
    public static Standardizer fit(double[][] x) {
        if (x.length == 0) {
            throw new IllegalArgumentException("x must have at least one row, had 0");
        }
        int d = x[0].length;
        double[] mean = new double[d];
        double[] sq = new double[d];
        for (double[] row : x) {
            for (int j = 0; j < d; j++) {
                mean[j] += row[j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= x.length;
        }
        for (double[] row : x) {
            for (int j = 0; j < d; j++) {
                double c = row[j] - mean[j];
                sq[j] += c * c;
            }
        }
        double[] sd = new double[d];
        for (int j = 0; j < d; j++) {
            sd[j] = Math.sqrt(sq[j] / x.length);
        }
        return new Standardizer(mean, sd);
    }

    public int dimension() {
        return mean.length;
    }

    /** A new standardised copy of {@code row}. */
    public double[] apply(double[] row) {
        if (row.length != mean.length) {
            throw new IllegalArgumentException("row length must be " + mean.length + ", was " + row.length);
        }
        double[] z = new double[row.length];
        for (int j = 0; j < row.length; j++) {
            z[j] = sd[j] > 1e-12 ? (row[j] - mean[j]) / sd[j] : 0;
        }
        return z;
    }

    public double[][] apply(double[][] x) {
        double[][] z = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            z[i] = apply(x[i]);
        }
        return z;
    }
}
