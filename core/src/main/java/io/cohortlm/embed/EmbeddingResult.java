package io.cohortlm.embed;

import java.util.Objects;

/**
 * Vectors for a list of texts, with what it took.
 *
 * @param vectors {@code vectors[i]} is the vector of text {@code i}
 * @param stats   hits, misses, encoder calls of this call
 */
public record EmbeddingResult(float[][] vectors, EmbeddingStats stats) {
    public EmbeddingResult {
        Objects.requireNonNull(vectors, "vectors");
        Objects.requireNonNull(stats, "stats");
        if (vectors.length != stats.texts()) {
            throw new IllegalArgumentException("vectors must have one row per text (" + stats.texts() + "), had "
                    + vectors.length);
        }
    }
}
