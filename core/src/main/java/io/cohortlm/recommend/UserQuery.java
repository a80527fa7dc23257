package io.cohortlm.recommend;

import java.util.Objects;

/**
 * A user to score: their known history and what is known about them. The history need not be the user's row
 * of the training matrix (few-shot and cold-start users are scored from a revealed prefix or from nothing).
 *
 * @param user       dense user index (for attributes), or -1 if the user is not in the users table
 * @param items      distinct item indices of the known history, ascending (never null; may be empty)
 * @param weights    event weight per item, aligned with {@code items}
 * @param segment    the user's segment, or -1 if unknown (then models may assign one from {@code vector})
 * @param vector     the user's vector in segmentation space for a {@link SegmentAssigner}, or null
 * @param inTraining true if {@code items} is exactly the user's row of the training matrix, so models may use
 *                   per-user state computed at fit time (e.g. iALS user factors)
 * @param text       the encoded text of the user's stated interests, in item-text space (same encoder as the
 *                   item vectors), or null if they stated none
 */
public record UserQuery(int user, int[] items, float[] weights, int segment, float[] vector, boolean inTraining,
        float[] text) {
    public UserQuery {
        Objects.requireNonNull(items, "items");
        Objects.requireNonNull(weights, "weights");
        if (items.length != weights.length) {
            throw new IllegalArgumentException("weights must match items, was " + weights.length + " for "
                    + items.length + " items");
        }
    }

    /** A query without stated interests. */
    public UserQuery(int user, int[] items, float[] weights, int segment, float[] vector, boolean inTraining) {
        this(user, items, weights, segment, vector, inTraining, null);
    }

    /** A copy with another segment (the stated interests kept). */
    public UserQuery withSegment(int s) {
        return new UserQuery(user, items, weights, s, vector, inTraining, text);
    }

    /** A copy with stated interests (an encoded text in item-text space, or null). */
    public UserQuery withText(float[] t) {
        return new UserQuery(user, items, weights, segment, vector, inTraining, t);
    }

    /** The query for user {@code u} from their training row, segment and vector. */
    public static UserQuery ofTraining(TrainingData data, int u) {
        var m = data.matrix();
        int a = m.rowStart(u);
        int len = m.rowEnd(u) - a;
        int[] items = new int[len];
        float[] w = new float[len];
        for (int i = 0; i < len; i++) {
            items[i] = m.col(a + i);
            w[i] = m.value(a + i);
        }
        return new UserQuery(u, items, w, data.userSegment()[u], data.userVectors() == null ? null
                : data.userVectors()[u], true);
    }

    /** Whether this user has seen item {@code i} (binary search over {@code items}). */
    public boolean seen(int i) {
        return java.util.Arrays.binarySearch(items, i) >= 0;
    }
}
