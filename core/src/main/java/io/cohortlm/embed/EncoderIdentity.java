package io.cohortlm.embed;

import java.util.Objects;

/**
 * Identity of an encoder, carried by every vector set it produces. Two vector sets can be compared or mixed
 * only if their identities are equal.
 *
 * @param modelId           model name, e.g. {@code all-minilm-l6-v2} or {@code openai:text-embedding-3-small}
 * @param weightsFingerprint sha256 of the weights file (or, for remote models, of model id + endpoint)
 * @param dimension         vector length, positive
 * @param pooling           how token vectors become one vector, e.g. {@code mean}, {@code cls}
 * @param normalized        true if vectors are L2-normalised
 */
public record EncoderIdentity(String modelId, String weightsFingerprint, int dimension, String pooling,
        boolean normalized) {
    public EncoderIdentity {
        Objects.requireNonNull(modelId, "modelId");
        Objects.requireNonNull(weightsFingerprint, "weightsFingerprint");
        Objects.requireNonNull(pooling, "pooling");
        if (dimension <= 0) {
            throw new IllegalArgumentException("dimension must be positive, was " + dimension);
        }
    }

    /** A short stable key (model id + first 12 hex of the fingerprint + dimension), e.g. for cache folders. */
    public String key() {
        String fp = weightsFingerprint.length() > 12 ? weightsFingerprint.substring(0, 12) : weightsFingerprint;
        return modelId.replaceAll("[^A-Za-z0-9._-]", "_") + "-" + fp + "-" + dimension;
    }
}
