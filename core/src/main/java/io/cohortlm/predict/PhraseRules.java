package io.cohortlm.predict;

/**
 * When a segment's predicted propensities earn a phrase in its description. A ratio compares the segment mean
 * with the population mean of users with history.
 *
 * @param lowRatio      segment/population ≤ this ⇒ "likely to lapse" / "unlikely to purchase", in (0, 1)
 * @param highRatio     segment/population ≥ this ⇒ "likely to stay active" / "likely to purchase", &gt; 1
 * @param categoryLift  the segment's top predicted next category over-indexes when its mean probability is at
 *                      least this many times the population's, &gt; 1
 * @param minUsers      segments smaller than this get no phrases, ≥ 1
 */
public record PhraseRules(double lowRatio, double highRatio, double categoryLift, int minUsers) {
    public PhraseRules {
        if (!(lowRatio > 0 && lowRatio < 1)) {
            throw new IllegalArgumentException("lowRatio must be in (0, 1), was " + lowRatio);
        }
        if (!(highRatio > 1) || Double.isInfinite(highRatio)) {
            throw new IllegalArgumentException("highRatio must be a finite number > 1, was " + highRatio);
        }
        if (!(categoryLift > 1) || Double.isInfinite(categoryLift)) {
            throw new IllegalArgumentException("categoryLift must be a finite number > 1, was " + categoryLift);
        }
        if (minUsers < 1) {
            throw new IllegalArgumentException("minUsers must be ≥ 1, was " + minUsers);
        }
    }

    /** Low 0.75, high 1.25, category lift 1.3, at least 10 users. */
    public static PhraseRules defaults() {
        return new PhraseRules(0.75, 1.25, 1.3, 10);
    }
}
