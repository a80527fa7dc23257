package io.cohortlm.recommend;

/**
 * The segment-hybrid's blend for one activity level: weights on the per-user standardised scores of the
 * personalised model, the segment prior, content and the demographic prior. Non-negative, summing to 1.
 *
 * @param personal    weight of the personalised model, in [0, 1]
 * @param segment     weight of segment popularity, in [0, 1]
 * @param content     weight of content similarity, in [0, 1]
 * @param demographic weight of demographic popularity, in [0, 1]
 */
public record BlendWeights(double personal, double segment, double content, double demographic) {
    public BlendWeights {
        for (double w : new double[] {personal, segment, content, demographic}) {
            if (!(w >= 0 && w <= 1)) {
                throw new IllegalArgumentException("blend weights must be in [0, 1], were " + personal + ", "
                        + segment + ", " + content + ", " + demographic);
            }
        }
        if (Math.abs(personal + segment + content + demographic - 1) > 1e-6) {
            throw new IllegalArgumentException("blend weights must sum to 1, summed to "
                    + (personal + segment + content + demographic));
        }
    }

    /** Personal, segment and content only. */
    public BlendWeights(double personal, double segment, double content) {
        this(personal, segment, content, 0);
    }

    /** The personalised model alone. */
    public static BlendWeights personalOnly() {
        return new BlendWeights(1, 0, 0, 0);
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "personal=%.2f segment=%.2f content=%.2f demographic=%.2f",
                personal, segment, content, demographic);
    }
}
