package io.cohortlm.recommend;

import io.cohortlm.data.Users;
import io.cohortlm.represent.UserItemMatrix;
import java.util.Objects;

/**
 * What a recommender is fitted on: the training interactions plus the side information CohortLM has about users
 * and items. Segments are plain inputs computed elsewhere.
 *
 * @param matrix        users × items training weights (a user with no training events has an empty row)
 * @param firstTime     per matrix entry, the earliest event time (epoch s), aligned with the matrix entries; null
 *                      if unknown (orderings then fall back to a seeded shuffle)
 * @param users         the users table (attributes for demographic grouping); rows align with matrix rows
 * @param userSegment   segment per user in {@code [0, segmentCount)}, -1 = none; length = matrix rows
 * @param segmentCount  number of segments, ≥ 0
 * @param userVectors   per-user vectors in segmentation space (for the assigner), or null
 * @param itemVectors   per-item vectors in item-text space (for content scoring), or null
 * @param assigner      assigns a segment from a user vector for users without one, or null
 * @param threads       worker threads, ≥ 1 (results never depend on it)
 * @param seed          seed for every random choice made while fitting
 */
public record TrainingData(UserItemMatrix matrix, long[] firstTime, Users users, int[] userSegment, int segmentCount,
        float[][] userVectors, float[][] itemVectors, SegmentAssigner assigner, int threads, long seed) {
    public TrainingData {
        Objects.requireNonNull(matrix, "matrix");
        Objects.requireNonNull(userSegment, "userSegment");
        if (userSegment.length != matrix.rows()) {
            throw new IllegalArgumentException("userSegment must have one entry per user (" + matrix.rows()
                    + "), was " + userSegment.length);
        }
        if (segmentCount < 0) {
            throw new IllegalArgumentException("segmentCount must be ≥ 0, was " + segmentCount);
        }
        for (int s : userSegment) {
            if (s < -1 || s >= segmentCount) {
                throw new IllegalArgumentException("userSegment must be in [-1, " + segmentCount + "), was " + s);
            }
        }
        if (firstTime != null && firstTime.length != matrix.nonZeros()) {
            throw new IllegalArgumentException("firstTime must have one entry per matrix entry ("
                    + matrix.nonZeros() + "), was " + firstTime.length);
        }
        if (itemVectors != null && itemVectors.length != matrix.cols()) {
            throw new IllegalArgumentException("itemVectors must have one row per item (" + matrix.cols()
                    + "), was " + itemVectors.length);
        }
        if (userVectors != null && userVectors.length != matrix.rows()) {
            throw new IllegalArgumentException("userVectors must have one row per user (" + matrix.rows()
                    + "), was " + userVectors.length);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be ≥ 1, was " + threads);
        }
    }

    /** Interactions only: no segments, vectors or attributes; one thread; seed 0. */
    public static TrainingData of(UserItemMatrix matrix) {
        return new TrainingData(matrix, null, null, filled(matrix.rows()), 0, null, null, null, 1, 0);
    }

    private static int[] filled(int n) {
        int[] s = new int[n];
        java.util.Arrays.fill(s, -1);
        return s;
    }

    public int userCount() {
        return matrix.rows();
    }

    public int itemCount() {
        return matrix.cols();
    }

    /** A copy with another training matrix (and entry times aligned with it, or null). */
    public TrainingData withMatrix(UserItemMatrix m, long[] times) {
        return new TrainingData(m, times, users, userSegment, segmentCount, userVectors, itemVectors, assigner,
                threads, seed);
    }

    /** A copy with only the entries where {@code keep} is true (entry times kept aligned). */
    public TrainingData keeping(boolean[] keep) {
        UserItemMatrix m = matrix.select(p -> keep[p]);
        long[] times = null;
        if (firstTime != null) {
            times = new long[m.nonZeros()];
            int o = 0;
            for (int p = 0; p < keep.length; p++) {
                if (keep[p]) {
                    times[o++] = firstTime[p];
                }
            }
        }
        return withMatrix(m, times);
    }

    /** A copy with other segments. */
    public TrainingData withSegments(int[] segments, int count) {
        return new TrainingData(matrix, firstTime, users, segments, count, userVectors, itemVectors, assigner,
                threads, seed);
    }

    /** A copy with other side information. */
    public TrainingData withVectors(float[][] users, float[][] items, SegmentAssigner a) {
        return new TrainingData(matrix, firstTime, this.users, userSegment, segmentCount, users, items, a, threads,
                seed);
    }

    /** A copy with another users table. */
    public TrainingData withUsers(Users u) {
        return new TrainingData(matrix, firstTime, u, userSegment, segmentCount, userVectors, itemVectors, assigner,
                threads, seed);
    }

    /** A copy with another thread count and seed. */
    public TrainingData withExecution(int t, long s) {
        return new TrainingData(matrix, firstTime, users, userSegment, segmentCount, userVectors, itemVectors,
                assigner, t, s);
    }

    /**
     * The segment to use for a query: its own if known, else the assigner's on its vector, else -1. Never
     * outside {@code [-1, segmentCount)}.
     */
    public int segmentOf(UserQuery q) {
        if (q.segment() >= 0) {
            return q.segment();
        }
        if (assigner != null) {
            int s = assigner.place(q);
            return s >= 0 && s < segmentCount ? s : -1;
        }
        return -1;
    }

    /** Number of training users per item (binary presence). */
    public int[] itemUserCounts() {
        return matrix.itemUserCounts();
    }
}
