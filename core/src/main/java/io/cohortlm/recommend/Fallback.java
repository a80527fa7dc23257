package io.cohortlm.recommend;

/**
 * What history-based models do when they have nothing to say: a user without history is scored by global
 * popularity, and a tiny popularity term ({@value #TIE_BREAK} × share) breaks ties among items a model scores
 * equally (typically the many zeros), so rankings never fall back to item-index order.
 */
final class Fallback {
    static final float TIE_BREAK = 1e-6f;

    private final float[] share;

    Fallback(TrainingData data) {
        int[] c = data.itemUserCounts();
        share = new float[c.length];
        double users = Math.max(1, data.userCount());
        for (int i = 0; i < c.length; i++) {
            share[i] = (float) (c[i] / users);
        }
    }

    /** Writes global popularity. */
    void popularity(float[] out) {
        System.arraycopy(share, 0, out, 0, share.length);
    }

    /** Adds the tie-breaking popularity term. */
    void tieBreak(float[] out) {
        for (int i = 0; i < share.length; i++) {
            out[i] += TIE_BREAK * share[i];
        }
    }
}
