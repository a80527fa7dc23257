package io.cohortlm.segment;

import java.util.Arrays;

/**
 * Plain-Java {@link DistanceKernel}: the same operations in the same order as the vector kernel (one fused
 * multiply-add per coordinate, coordinates ascending), hence bit-identical results, just slower.
 */
final class ScalarKernel extends DistanceKernel {
    @Override
    String name() {
        return "scalar";
    }

    @Override
    void nearest4(float[] x, int o0, int o1, int o2, int o3, int d, float[] ct, float[] cn, int kq, float[] out) {
        float[] p = new float[kq];
        int[] offs = {o0, o1, o2, o3};
        for (int r = 0; r < 4; r++) {
            rowPartials(x, offs[r], d, ct, cn, kq, p);
            int best = 0;
            for (int c = 1; c < kq; c++) {
                if (p[c] < p[best]) {
                    best = c;
                }
            }
            out[r] = best;
            out[4 + r] = p[best];
        }
    }

    @Override
    void partials4(float[] x, int o0, int o1, int o2, int o3, int d, float[] ct, float[] cn, int kq, float[] out) {
        float[] p = new float[kq];
        int[] offs = {o0, o1, o2, o3};
        for (int r = 0; r < 4; r++) {
            rowPartials(x, offs[r], d, ct, cn, kq, p);
            System.arraycopy(p, 0, out, r * kq, kq);
        }
    }

    @Override
    void queryPartials(float[] q, int qOff, int d, float[] query, float[] cn, int kq, float[] out) {
        Arrays.fill(out, 0, kq, 0f);
        for (int c0 = 0; c0 < kq; c0 += Centroids.queryBlock(kq - c0)) {
            int w = Centroids.queryBlock(kq - c0);
            for (int j = 0; j < d; j++) {
                float x = q[qOff + j];
                int o = c0 * d + j * w;
                for (int c = 0; c < w; c++) {
                    out[c0 + c] = Math.fma(query[o + c], x, out[c0 + c]);
                }
            }
        }
        for (int c = 0; c < kq; c++) {
            out[c] = Math.fma(out[c], -2f, cn[c]);
        }
    }

    /** Partials of one row from the plain transposed layout (stride kq), for {@link #nearest4} and partials4. */
    private static void rowPartials(float[] q, int qOff, int d, float[] ct, float[] cn, int kq, float[] out) {
        Arrays.fill(out, 0, kq, 0f);
        for (int j = 0; j < d; j++) {
            float w = q[qOff + j];
            int o = j * kq;
            for (int c = 0; c < kq; c++) {
                out[c] = Math.fma(ct[o + c], w, out[c]);
            }
        }
        for (int c = 0; c < kq; c++) {
            out[c] = Math.fma(out[c], -2f, cn[c]);
        }
    }

    @Override
    void addRow(float[] x, int xo, float[] s, int so, int len) {
        for (int j = 0; j < len; j++) {
            s[so + j] += x[xo + j];
        }
    }
}
