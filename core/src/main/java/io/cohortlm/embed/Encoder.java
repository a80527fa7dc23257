package io.cohortlm.embed;

import java.util.List;

/**
 * Turns texts into dense vectors with a language model. Implementations: the in-process ONNX encoder (default)
 * and a remote OpenAI-compatible {@code /v1/embeddings} endpoint; tests of other stages may use a fake.
 * <p>Contract: {@code encode(texts)[i]} is the vector of {@code texts.get(i)}, of length
 * {@link EncoderIdentity#dimension()}; the result for a text does not depend on which other texts are in the
 * same call (within float tolerance). Implementations are thread-safe. Close releases native resources.
 */
public interface Encoder extends AutoCloseable {
    /** Who this encoder is: every vector set it produces carries this. */
    EncoderIdentity identity();

    /** Encodes a batch of texts; never returns null rows. */
    float[][] encode(List<String> texts);

    /** Counts the model's tokens for a text (special tokens included), for fitting texts to the budget. */
    int countTokens(String text);

    /** Most tokens the model reads; longer texts are truncated. */
    int maxTokens();

    /**
     * What this encoder has done so far (texts, truncated texts), cumulative since it was created. Encoders
     * that do not count return {@link EncoderDiagnostics#NONE}.
     */
    default EncoderDiagnostics diagnostics() {
        return EncoderDiagnostics.NONE;
    }

    @Override
    default void close() {
    }
}
