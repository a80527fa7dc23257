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
    /**
     * The same transposed centroids for one query, stored block by block so that each block is one contiguous
     * stream: blocks of {@link #queryBlock} centroids; centroid {@code c0 + c} of the block starting at {@code c0}
     * with width {@code w}, coordinate {@code j}, at {@code c0·d + j·w + c}.
     */
    final float[] query;

    /** Width of the query block that starts with {@code remaining} centroids (padded) left: 128, 64 or 16. */
    static int queryBlock(int remaining) {
        return remaining >= 128 ? 128 : remaining >= 64 ? 64 : DistanceKernel.QUERY_PAD;
    }

    Centroids(float[] rows, int k, int d) {
        this.k = k;
        this.d = d;
        this.rows = rows;
        this.kq = (k + DistanceKernel.QUERY_PAD - 1) / DistanceKernel.QUERY_PAD * DistanceKernel.QUERY_PAD;
        this.transposed = new float[kq * d];
        this.norms = new float[kq];
        this.query = new float[kq * d];
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
        for (int c0 = 0; c0 < kq; c0 += queryBlock(kq - c0)) {
            int w = queryBlock(kq - c0);
            for (int c = c0; c < Math.min(k, c0 + w); c++) {
                for (int j = 0; j < d; j++) {
                    query[c0 * d + j * w + (c - c0)] = rows[c * d + j];
                }
            }
        }
    }

    /** Centroid {@code c} as a new array. */
    float[] row(int c) {
        return Arrays.copyOfRange(rows, c * d, (c + 1) * d);
    }
}
