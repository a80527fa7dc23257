package io.cohortlm.segment;

import io.cohortlm.CohortException;

/**
 * The rows a fit works on: the caller's row-major floats (for cosine, a copy scaled to unit length; zero rows stay
 * zero) and every row's squared norm, computed once per fit (double, coordinates ascending) instead of once per
 * iteration. Rejects non-finite values.
 */
final class Rows {
    final int n;
    final int d;
    final float[] x;
    final double[] sqNorms;

    Rows(int n, int d, float[] x, double[] sqNorms) {
        this.n = n;
        this.d = d;
        this.x = x;
        this.sqNorms = sqNorms;
    }

    static Rows of(Matrix m, boolean normalize) {
        int n = m.rows();
        int d = m.cols();
        float[] src = m.data();
        float[] x = normalize ? new float[src.length] : src;
        double[] sq = new double[n];
        for (int i = 0; i < n; i++) {
            int o = i * d;
            double s = 0;
            for (int j = 0; j < d; j++) {
                float v = src[o + j];
                if (!Float.isFinite(v)) {
                    throw new CohortException("row " + i + ", column " + j + " must be finite, was " + v);
                }
                s += (double) v * v;
            }
            if (normalize) {
                s = unit(src, o, d, x, o, s);
            }
            sq[i] = s;
        }
        return new Rows(n, d, x, sq);
    }

    /**
     * Writes {@code src[so, so + d)} scaled to unit length into {@code dst} (a zero vector stays zero) and returns
     * the squared norm of what was written. {@code sq} is the squared norm of the source.
     */
    static double unit(float[] src, int so, int d, float[] dst, int doff, double sq) {
        float scale = sq > 0 ? (float) (1.0 / Math.sqrt(sq)) : 1f;
        double s = 0;
        for (int j = 0; j < d; j++) {
            float v = src[so + j] * scale;
            dst[doff + j] = v;
            s += (double) v * v;
        }
        return s;
    }

    /** Row {@code i} copied into {@code out} at {@code off}. */
    void copyRow(int i, float[] out, int off) {
        System.arraycopy(x, i * d, out, off, d);
    }
}
