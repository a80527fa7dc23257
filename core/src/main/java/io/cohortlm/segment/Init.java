package io.cohortlm.segment;

/** How the first centroids of a k-means run are chosen (all seeded). */
public enum Init {
    /**
     * Greedy k-means++ (Arthur and Vassilvitskii, 2007, with scikit-learn's {@code 2 + ln k} trials per step): the
     * first centroid is a uniformly drawn row, each next one the best of a few rows drawn with probability
     * proportional to their squared distance to the nearest chosen centroid.
     */
    KMEANS_PLUS_PLUS,
    /** k distinct rows drawn uniformly: cheap, and what peers mean by "random" init. */
    RANDOM_ROWS
}
