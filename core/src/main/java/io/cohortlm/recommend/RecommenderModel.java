package io.cohortlm.recommend;

/**
 * A fitted recommender. Scores every item of the catalogue for a user (evaluation never samples negatives) and
 * returns top-k lists over the full catalogue. Thread-safe: many users may be scored concurrently.
 */
public interface RecommenderModel {
    /** Catalogue size: the length of every score vector. */
    int itemCount();

    /**
     * Writes a score for every item into {@code out} (length {@link #itemCount()}); higher is better. Seen items
     * are scored too; excluding them is the caller's choice (see {@link #recommend}). Scores are finite.
     */
    void score(UserQuery user, float[] out);

    /** What fitting did (sizes, caps, timings), for reports; empty by default. */
    default java.util.Map<String, Object> diagnostics() {
        return java.util.Map.of();
    }

    /** The {@code k} best items over the full catalogue, best first, the user's known items excluded. */
    default int[] recommend(UserQuery user, int k) {
        return recommend(user, k, true);
    }

    /** The {@code k} best items, best first, excluding the user's known items if {@code excludeSeen}. */
    default int[] recommend(UserQuery user, int k, boolean excludeSeen) {
        float[] s = new float[itemCount()];
        score(user, s);
        return TopK.select(s, k, excludeSeen ? user.items() : null);
    }
}
