package io.cohortlm.segment;

/**
 * Where one vector lands.
 *
 * @param segment    index of the nearest centroid, in [0, k); ties go to the lowest index
 * @param distance   distance to that centroid under the model's {@link Metric} (Euclidean: {@code ‖x − c‖};
 *                   cosine: {@code 1 − cos})
 * @param confidence margin to the runner-up centroid, {@code (d2 − d1) / (d2 + d1)} where {@code d1 ≤ d2} are the
 *                   distances to the nearest and second-nearest centroid: 0 when the vector sits exactly between
 *                   two segments, 1 when it sits on its centroid (and 0 when both distances are 0, i.e. duplicate
 *                   centroids). Scale-free, so comparable across models.
 * @param runnerUp   index of the second-nearest centroid (the segment this vector would join next), or -1 when k = 1
 */
public record Assignment(int segment, double distance, double confidence, int runnerUp) {
    /** The confidence defined above, from the nearest and second-nearest distances. */
    static double margin(double d1, double d2) {
        double s = d1 + d2;
        return s > 0 ? (d2 - d1) / s : 0.0;
    }
}
