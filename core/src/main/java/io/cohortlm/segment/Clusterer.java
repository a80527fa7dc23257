package io.cohortlm.segment;

/**
 * Groups vectors (one per user) into segments. A configured, immutable, thread-safe object; {@link #fit} returns
 * an immutable {@link SegmentModel} that assigns new vectors. Implementations: {@link KMeansClusterer} (Lloyd),
 * {@link MiniBatchKMeansClusterer} (for millions of rows).
 * <p>Contract: the same configuration (seed included) and data give bit-identical models, whatever the number of
 * threads.
 */
public interface Clusterer {
    /**
     * Fits segments to {@code data} (one row per user).
     *
     * @throws io.cohortlm.CohortException if the data cannot be clustered with this configuration (fewer rows than
     *                                     segments, non-finite values)
     */
    SegmentModel fit(Matrix data);

    /** Convenience for {@link #fit(Matrix)} on a rectangular array (copied). */
    default SegmentModel fit(float[][] data) {
        return fit(Matrix.of(data));
    }
}
