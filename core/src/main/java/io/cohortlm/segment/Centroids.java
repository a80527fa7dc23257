package io.cohortlm.segment;

import java.util.Arrays;

/**
 * k centroids in the layout the {@link DistanceKernel} wants: transposed (coordinate-major, padded to a multiple
 * of {@link DistanceKernel#QUERY_PAD} centroids) with squared norms computed once per iteration (double,
 * coordinates ascending) rather than once per row. Immutable after construction.
 */
final class Centroids {
    final int k;
    final int d;
    /** Row-major k × d. */
    final float[] rows;
    final int kq;
    final float[] transposed;
    final float[] norms;

    Centroids(float[] rows, int k, int d) {
        this.k = k;
        this.d = d;
        this.rows = rows;
        this.kq = (k + DistanceKernel.QUERY_PAD - 1) / DistanceKernel.QUERY_PAD * DistanceKernel.QUERY_PAD;
        this.transposed = new float[kq * d];
        this.norms = new float[kq];
        Arrays.fill(norms, Float.POSITIVE_INFINITY);
        for (int c = 0; c < k; c++) {
            double s = 0;
            for (int j = 0; j < d; j++) {
                float v = rows[c * d + j];
                s += (double) v * v;
                transposed[j * kq + c] = v;
            }
            norms[c] = (float) s;
        }
    }

    /** Centroid {@code c} as a new array. */
    float[] row(int c) {
        return Arrays.copyOfRange(rows, c * d, (c + 1) * d);
    }
}
