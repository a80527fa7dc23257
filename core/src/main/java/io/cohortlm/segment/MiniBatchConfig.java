package io.cohortlm.segment;

import io.cohortlm.CohortException;

/**
 * Settings of a {@link MiniBatchKMeansClusterer}. Validated on construction; errors name the field and value.
 *
 * @param k         number of segments, in [2, 10000]
 * @param metric    distance, not null
 * @param batchSize rows per mini-batch (drawn uniformly with replacement), in [16, 1048576]
 * @param maxSteps  most mini-batch steps, in [1, 10000000]
 * @param tolerance stop when one step moves the centroids by at most
 *                  {@code tolerance × (mean per-column variance)} in summed squares; 0 never stops early; finite,
 *                  &ge; 0
 * @param seed      seed of every random choice; same seed, same model, whatever {@code threads} is
 * @param threads   worker threads, in [1, 1024]
 */
public record MiniBatchConfig(int k, Metric metric, int batchSize, int maxSteps, double tolerance, long seed,
                              int threads) {
    public MiniBatchConfig {
        if (k < 2 || k > KMeansConfig.MAX_K) {
            throw new CohortException("k must be in [2, " + KMeansConfig.MAX_K + "], was " + k);
        }
        if (metric == null) {
            throw new CohortException("metric must be one of euclidean, cosine, was null");
        }
        if (batchSize < 16 || batchSize > (1 << 20)) {
            throw new CohortException("batchSize must be in [16, 1048576], was " + batchSize);
        }
        if (maxSteps < 1 || maxSteps > 10_000_000) {
            throw new CohortException("maxSteps must be in [1, 10000000], was " + maxSteps);
        }
        if (!(tolerance >= 0) || Double.isInfinite(tolerance)) {
            throw new CohortException("tolerance must be finite and >= 0, was " + tolerance);
        }
        if (threads < 1 || threads > 1024) {
            throw new CohortException("threads must be in [1, 1024], was " + threads);
        }
    }

    /** Defaults for {@code k}: Euclidean, batches of 4096, 300 steps, tolerance 0, seed 42, one thread per core. */
    public static MiniBatchConfig defaults(int k) {
        return new MiniBatchConfig(k, Metric.EUCLIDEAN, 4096, 300, 0.0, 42L,
                Runtime.getRuntime().availableProcessors());
    }

    public MiniBatchConfig withMetric(Metric v) {
        return new MiniBatchConfig(k, v, batchSize, maxSteps, tolerance, seed, threads);
    }

    public MiniBatchConfig withBatchSize(int v) {
        return new MiniBatchConfig(k, metric, v, maxSteps, tolerance, seed, threads);
    }

    public MiniBatchConfig withMaxSteps(int v) {
        return new MiniBatchConfig(k, metric, batchSize, v, tolerance, seed, threads);
    }

    public MiniBatchConfig withTolerance(double v) {
        return new MiniBatchConfig(k, metric, batchSize, maxSteps, v, seed, threads);
    }

    public MiniBatchConfig withSeed(long v) {
        return new MiniBatchConfig(k, metric, batchSize, maxSteps, tolerance, v, threads);
    }

    public MiniBatchConfig withThreads(int v) {
        return new MiniBatchConfig(k, metric, batchSize, maxSteps, tolerance, seed, v);
    }
}
