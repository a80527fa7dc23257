package io.cohortlm.embed;

/**
 * What an encoder has done so far, cumulative since it was created.
 *
 * @param texts         texts encoded, non-negative
 * @param truncated     of those, texts longer than {@link Encoder#maxTokens()} that were cut (the model saw only
 *                      their first tokens), in [0, texts]
 * @param longestTokens most tokens any text had before truncation (special tokens included), non-negative
 */
public record EncoderDiagnostics(long texts, long truncated, int longestTokens) {
    /** Nothing encoded. */
    public static final EncoderDiagnostics NONE = new EncoderDiagnostics(0, 0, 0);

    public EncoderDiagnostics {
        if (texts < 0) {
            throw new IllegalArgumentException("texts must be >= 0, was " + texts);
        }
        if (truncated < 0 || truncated > texts) {
            throw new IllegalArgumentException("truncated must be in [0, texts=" + texts + "], was " + truncated);
        }
        if (longestTokens < 0) {
            throw new IllegalArgumentException("longestTokens must be >= 0, was " + longestTokens);
        }
    }
}
