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
            for (int j = 0; j < d; j++) {
                float v = src[o + j];
                if (!Float.isFinite(v)) {
                    throw new CohortException("row " + i + ", column " + j + " must be finite, was " + v);
                }
            }
            double s = squaredNorm(src, o, d);
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
        for (int j = 0; j < d; j++) {
            dst[doff + j] = src[so + j] * scale;
        }
        return squaredNorm(dst, doff, d);
    }

    /**
     * {@code Σ x[off + j]²} in double, in a fixed order: eight interleaved partial sums (coordinate {@code j} goes
     * to sum {@code j % 8}) added pairwise at the end. One running sum would be a chain of d dependent additions
     * (4 cycles each): 1,500 cycles at d = 384, a quarter of a single-query assignment.
     */
    static double squaredNorm(float[] x, int off, int d) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        double s4 = 0;
        double s5 = 0;
        double s6 = 0;
        double s7 = 0;
        int j = 0;
        for (; j + 8 <= d; j += 8) {
            int o = off + j;
            s0 += (double) x[o] * x[o];
            s1 += (double) x[o + 1] * x[o + 1];
            s2 += (double) x[o + 2] * x[o + 2];
            s3 += (double) x[o + 3] * x[o + 3];
            s4 += (double) x[o + 4] * x[o + 4];
            s5 += (double) x[o + 5] * x[o + 5];
            s6 += (double) x[o + 6] * x[o + 6];
            s7 += (double) x[o + 7] * x[o + 7];
        }
        for (; j < d; j++) {
            double v = x[off + j];
            switch (j & 7) {
                case 0 -> s0 += v * v;
                case 1 -> s1 += v * v;
                case 2 -> s2 += v * v;
                case 3 -> s3 += v * v;
                case 4 -> s4 += v * v;
                case 5 -> s5 += v * v;
                case 6 -> s6 += v * v;
                default -> s7 += v * v;
            }
        }
        return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
    }

    /** Row {@code i} copied into {@code out} at {@code off}. */
    void copyRow(int i, float[] out, int off) {
        System.arraycopy(x, i * d, out, off, d);
    }
}
