package io.cohortlm.explain;

/**
 * Settings of the {@link SurrogateTrainer}.
 *
 * @param maxDepth   tree depth, in [1, 6] (3–4 keeps rules readable)
 * @param minLeaf    fewest training users in a leaf, ≥ 1
 * @param holdout    share of users held out to measure fidelity, in [0, 0.5]
 * @param maxSamples most training users (a seeded sample beyond that), ≥ 10
 * @param seed       seed of the hold-out split and the sample
 */
public record SurrogateConfig(int maxDepth, int minLeaf, double holdout, int maxSamples, long seed) {
    public SurrogateConfig {
        if (maxDepth < 1 || maxDepth > 6) {
            throw new IllegalArgumentException("maxDepth must be in [1, 6], was " + maxDepth);
        }
        if (minLeaf < 1) {
            throw new IllegalArgumentException("minLeaf must be ≥ 1, was " + minLeaf);
        }
        if (!(holdout >= 0 && holdout <= 0.5)) {
            throw new IllegalArgumentException("holdout must be in [0, 0.5], was " + holdout);
        }
        if (maxSamples < 10) {
            throw new IllegalArgumentException("maxSamples must be ≥ 10, was " + maxSamples);
        }
    }

    /** Depth 3, leaves of ≥ 10 users, 25 % held out, ≤ 50,000 training users, seed 42. */
    public static SurrogateConfig defaults() {
        return new SurrogateConfig(3, 10, 0.25, 50_000, 42);
    }
}
