package io.cohortlm.recommend;

/**
 * Assigns a user who was not part of segmentation (a cold-start user) to a segment from their vector — typically
 * a fitted segment model's nearest-centroid rule. Must be thread-safe and deterministic.
 */
@FunctionalInterface
public interface SegmentAssigner {
    /** The segment of a user vector, in {@code [0, segmentCount)}, or -1 for none (an outlier). */
    int assign(float[] userVector);
}
