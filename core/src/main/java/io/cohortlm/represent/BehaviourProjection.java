package io.cohortlm.represent;

import java.util.Objects;

/**
 * The fitted state of the {@link BehaviourView}: item weights (inverse user frequency) and the top right singular
 * vectors V of the training interaction matrix. A user's behaviour vector is their log-damped, IDF-weighted,
 * L2-normalised item row projected onto V — the same rule for training users and for users folded in later, so a
 * new user's vector needs no refit.
 *
 * @param idf   per item (catalogue order), ≥ 0
 * @param v     items × rank, row-major
 * @param rank  output dimension (columns of V; trailing columns may be zero when the SVD found fewer)
 */
public record BehaviourProjection(float[] idf, float[] v, int rank) {
    public BehaviourProjection {
        Objects.requireNonNull(idf, "idf");
        Objects.requireNonNull(v, "v");
        if (rank < 1 || v.length != (long) idf.length * rank) {
            throw new IllegalArgumentException("v must be items × rank (" + idf.length + " × " + rank + "), was "
                    + v.length + " values");
        }
    }

    public int items() {
        return idf.length;
    }

    /**
     * Projects one user's history into {@code out} (length {@link #rank()}, overwritten).
     *
     * @param items   distinct item indices
     * @param weights summed event weight per item (aligned with {@code items}); entries ≤ 0 are skipped
     * @return false if nothing was projected (no usable history: the vector stays zero)
     */
    public boolean project(int[] items, float[] weights, int from, int to, float[] out) {
        java.util.Arrays.fill(out, 0f);
        double norm = 0;
        for (int p = from; p < to; p++) {
            if (weights[p] > 0) {
                double x = Math.log1p(weights[p]) * idf[items[p]];
                norm += x * x;
            }
        }
        if (norm == 0) {
            return false;
        }
        double inv = 1 / Math.sqrt(norm);
        for (int p = from; p < to; p++) {
            if (weights[p] <= 0) {
                continue;
            }
            float x = (float) (Math.log1p(weights[p]) * idf[items[p]] * inv);
            int o = items[p] * rank;
            for (int j = 0; j < rank; j++) {
                out[j] += x * v[o + j];
            }
        }
        return true;
    }
}
