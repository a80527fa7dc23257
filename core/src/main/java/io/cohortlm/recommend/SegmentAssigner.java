package io.cohortlm.recommend;

/**
 * Places a user who was not part of segmentation (a cold-start, few-shot or validation user) in a segment —
 * typically a fitted segment model's nearest-centroid rule. Must be thread-safe and deterministic.
 * <p>{@link #assign} works on a precomputed user vector; {@link #place} sees the whole query, so an assigner that
 * can fold a user's revealed history and attributes into the segmentation space (see
 * {@code io.cohortlm.resolution.FineSegments}) places a few-shot user from what they actually did, not from a
 * vector computed with their hidden items.
 */
@FunctionalInterface
public interface SegmentAssigner {
    /** The segment of a user vector, in {@code [0, segmentCount)}, or -1 for none (an outlier). */
    int assign(float[] userVector);

    /** The segment of a query, or -1: by default {@link #assign} on its vector (-1 without one). */
    default int place(UserQuery query) {
        return query.vector() == null ? -1 : assign(query.vector());
    }
}
