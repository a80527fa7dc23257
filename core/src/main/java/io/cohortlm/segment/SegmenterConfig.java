package io.cohortlm.segment;

import java.util.Locale;

/**
 * Configuration of the segment stage.
 *
 * @param method      {@code kmeans} or {@code hdbscan}
 * @param k           fixed number of segments (k-means), or 0 to let the {@link KAdvisor} choose
 * @param kMin        smallest k the advisor tries, ≥ 2
 * @param kMax        largest k the advisor tries, ≥ kMin
 * @param minSize     smallest acceptable segment (advisor floor; HDBSCAN's min cluster size), ≥ 2
 * @param metric      distance for k-means
 * @param seed        the one seed of every random choice
 * @param threads     worker threads (speed only; results do not depend on it), ≥ 1
 * @param mapSample   users laid out exactly on the 2-D map, ≥ 10
 */
public record SegmenterConfig(String method, int k, int kMin, int kMax, int minSize, Metric metric, long seed,
        int threads, int mapSample) {
    public SegmenterConfig {
        method = method == null ? "kmeans" : method.strip().toLowerCase(Locale.ROOT);
        if (!method.equals("kmeans") && !method.equals("hdbscan")) {
            throw new IllegalArgumentException("method must be kmeans or hdbscan, was '" + method + "'");
        }
        if (k != 0 && (k < 2 || k > KMeansConfig.MAX_K)) {
            throw new IllegalArgumentException("k must be auto or in [2, " + KMeansConfig.MAX_K + "], was " + k);
        }
        if (kMin < 2 || kMax < kMin) {
            throw new IllegalArgumentException("k range must satisfy 2 ≤ kMin ≤ kMax, was [" + kMin + ", " + kMax + "]");
        }
        if (minSize < 2) {
            throw new IllegalArgumentException("minSize must be ≥ 2, was " + minSize);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be ≥ 1, was " + threads);
        }
        if (mapSample < 10) {
            throw new IllegalArgumentException("mapSample must be ≥ 10, was " + mapSample);
        }
    }

    /** k-means, k chosen in [2, 12], segments of at least 20 users, Euclidean, all cores, 1,500-user map. */
    public static SegmenterConfig defaults(long seed) {
        return new SegmenterConfig("kmeans", 0, 2, 12, 20, Metric.EUCLIDEAN, seed,
                Runtime.getRuntime().availableProcessors(), 1500);
    }

    public SegmenterConfig withMethod(String m) {
        return new SegmenterConfig(m, k, kMin, kMax, minSize, metric, seed, threads, mapSample);
    }

    public SegmenterConfig withK(int v) {
        return new SegmenterConfig(method, v, kMin, kMax, minSize, metric, seed, threads, mapSample);
    }

    public SegmenterConfig withMinSize(int v) {
        return new SegmenterConfig(method, k, kMin, kMax, v, metric, seed, threads, mapSample);
    }

    public SegmenterConfig withKRange(int lo, int hi) {
        return new SegmenterConfig(method, k, lo, hi, minSize, metric, seed, threads, mapSample);
    }
}
