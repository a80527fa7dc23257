package io.cohortlm.segment;

/**
 * Where many vectors land; entry {@code i} describes row {@code i} as an {@link Assignment} would.
 *
 * @param segments    nearest centroid per row
 * @param distances   distance to it per row (the model's metric)
 * @param confidences margin to the runner-up per row, see {@link Assignment#confidence()}
 * @param runnerUps   second-nearest centroid per row
 */
public record Assignments(int[] segments, double[] distances, double[] confidences, int[] runnerUps) {
    public int size() {
        return segments.length;
    }

    /** Row {@code i} as an {@link Assignment}. */
    public Assignment get(int i) {
        return new Assignment(segments[i], distances[i], confidences[i], runnerUps[i]);
    }
}
