package io.cohortlm.segment;

/**
 * How the distance between a vector and a segment centroid is measured.
 * <ul>
 *   <li>{@link #EUCLIDEAN}: distance is {@code ‖x − c‖}; inertia sums {@code ‖x − c‖²}.</li>
 *   <li>{@link #COSINE}: vectors and centroids are normalised to unit length (spherical k-means); distance is
 *   {@code 1 − cos(x, c)} in [0, 2]; inertia sums those distances. A zero vector is at distance 1 from every
 *   centroid.</li>
 * </ul>
 */
public enum Metric {
    EUCLIDEAN,
    COSINE
}
