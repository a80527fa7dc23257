package io.cohortlm.recommend;

import java.util.List;

/**
 * Writes the interests text a user would state about some items ("interested in lanterns and tea lights") and
 * encodes it into item-text space with the same language model as the item vectors. It lets the stated-interest
 * path be tuned and evaluated without real statements: a user's first items stand for what they would say, and
 * the model never sees those items' ids.
 */
@FunctionalInterface
public interface StatedInterests {
    /**
     * One encoded interests text per set of dense item indices, in order.
     *
     * @param itemSets non-empty sets of item indices
     * @return vectors in item-text space, one per set
     */
    float[][] vectors(List<int[]> itemSets);

    /**
     * Statements simulated without the language model: the sum of the stated items' text vectors (the direction
     * an encoded list of their titles points in, approximately). For fitting where encoding thousands of texts
     * would cost too much, e.g. when a service loads a bundle; {@code evaluate} encodes real texts instead.
     */
    static StatedInterests pooled(float[][] itemVectors) {
        java.util.Objects.requireNonNull(itemVectors, "itemVectors");
        return sets -> {
            float[][] out = new float[sets.size()][];
            int d = itemVectors.length == 0 ? 0 : itemVectors[0].length;
            for (int s = 0; s < sets.size(); s++) {
                float[] v = new float[d];
                for (int i : sets.get(s)) {
                    double n = 0;
                    for (float x : itemVectors[i]) {
                        n += (double) x * x;
                    }
                    double inv = n > 0 ? 1 / Math.sqrt(n) : 0;
                    for (int k = 0; k < d; k++) {
                        v[k] += (float) (itemVectors[i][k] * inv);
                    }
                }
                out[s] = v;
            }
            return out;
        };
    }
}
