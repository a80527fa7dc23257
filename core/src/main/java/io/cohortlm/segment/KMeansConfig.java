package io.cohortlm.segment;

import io.cohortlm.CohortException;

/**
 * Settings of a {@link KMeansClusterer}. Validated on construction; errors name the field and the bad value.
 *
 * @param k             number of segments, in [2, 10000]
 * @param metric        distance, not null
 * @param maxIterations most Lloyd iterations per restart, in [1, 100000]
 * @param tolerance     stop when the summed squared centroid movement of an iteration is at most
 *                      {@code tolerance × (mean per-column variance of the data)} (scikit-learn's rule); 0 stops
 *                      only when no assignment changes or at {@code maxIterations}; finite, &ge; 0
 * @param seed          seed of every random choice; the same seed gives bit-identical results whatever
 *                      {@code threads} is
 * @param threads       worker threads, in [1, 1024]; changes speed only, never results
 * @param init          how starting centroids are chosen, not null
 * @param nInit         restarts with seeds derived from {@code seed}; the lowest-inertia run is kept (first on
 *                      ties), in [1, 1000]
 */
public record KMeansConfig(int k, Metric metric, int maxIterations, double tolerance, long seed, int threads,
                           Init init, int nInit) {
    public static final int MAX_K = 10_000;

    public KMeansConfig {
        if (k < 2 || k > MAX_K) {
            throw new CohortException("k must be in [2, " + MAX_K + "], was " + k);
        }
        if (metric == null) {
            throw new CohortException("metric must be one of euclidean, cosine, was null");
        }
        if (maxIterations < 1 || maxIterations > 100_000) {
            throw new CohortException("maxIterations must be in [1, 100000], was " + maxIterations);
        }
        if (!(tolerance >= 0) || Double.isInfinite(tolerance)) {
            throw new CohortException("tolerance must be finite and >= 0, was " + tolerance);
        }
        if (threads < 1 || threads > 1024) {
            throw new CohortException("threads must be in [1, 1024], was " + threads);
        }
        if (init == null) {
            throw new CohortException("init must be one of kmeans++, random-rows, was null");
        }
        if (nInit < 1 || nInit > 1000) {
            throw new CohortException("nInit must be in [1, 1000], was " + nInit);
        }
    }

    /**
     * Defaults for {@code k} segments: Euclidean, 300 iterations, tolerance 1e-4, seed 42, one thread per core,
     * k-means++, one restart.
     */
    public static KMeansConfig defaults(int k) {
        return new KMeansConfig(k, Metric.EUCLIDEAN, 300, 1e-4, 42L, Runtime.getRuntime().availableProcessors(),
                Init.KMEANS_PLUS_PLUS, 1);
    }

    public KMeansConfig withK(int v) {
        return new KMeansConfig(v, metric, maxIterations, tolerance, seed, threads, init, nInit);
    }

    public KMeansConfig withMetric(Metric v) {
        return new KMeansConfig(k, v, maxIterations, tolerance, seed, threads, init, nInit);
    }

    public KMeansConfig withMaxIterations(int v) {
        return new KMeansConfig(k, metric, v, tolerance, seed, threads, init, nInit);
    }

    public KMeansConfig withTolerance(double v) {
        return new KMeansConfig(k, metric, maxIterations, v, seed, threads, init, nInit);
    }

    public KMeansConfig withSeed(long v) {
        return new KMeansConfig(k, metric, maxIterations, tolerance, v, threads, init, nInit);
    }

    public KMeansConfig withThreads(int v) {
        return new KMeansConfig(k, metric, maxIterations, tolerance, seed, v, init, nInit);
    }

    public KMeansConfig withInit(Init v) {
        return new KMeansConfig(k, metric, maxIterations, tolerance, seed, threads, v, nInit);
    }

    public KMeansConfig withNInit(int v) {
        return new KMeansConfig(k, metric, maxIterations, tolerance, seed, threads, init, v);
    }
}
