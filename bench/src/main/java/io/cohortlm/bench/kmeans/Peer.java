package io.cohortlm.bench.kmeans;

import io.cohortlm.segment.Matrix;

/**
 * Another k-means implementation timed on the same data. Java peers are timed by difference, which removes their
 * set-up and initialisation from the figure: {@code (time(1 + m) − time(1)) / m} seconds per Lloyd iteration,
 * after a warm-up run on a tenth of the data.
 */
interface Peer extends AutoCloseable {
    /** Key in kmeans.json. */
    String name();

    /** How this peer starts (same centroids as CohortLM, or its own seeding). */
    String init();

    /** Prepares the peer's own copy of the data (not timed). */
    void load(Matrix data, Matrix init, int threads, long seed) throws Exception;

    /** Seconds for one complete run capped at {@code iterations} Lloyd iterations. */
    double run(int iterations, boolean warmUp) throws Exception;

    @Override
    default void close() throws Exception {
    }
}
