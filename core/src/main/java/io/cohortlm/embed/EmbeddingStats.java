package io.cohortlm.embed;

/**
 * What a {@link CachedEncoder} did: for one call ({@link CachedEncoder#embedAll}) or cumulatively
 * ({@link CachedEncoder#stats()}). Counts are non-negative.
 *
 * @param texts               texts asked for
 * @param duplicatesCollapsed texts identical to an earlier text of the same call (answered from that one)
 * @param cacheHits           distinct texts found in the cache
 * @param encoded             distinct texts sent to the encoder (cache misses)
 * @param encoderCalls        calls made to the wrapped encoder (one per batch)
 * @param truncated           of the encoded texts, how many exceeded the model's token limit
 * @param encodeNanos         wall time spent in the wrapped encoder
 */
public record EmbeddingStats(long texts, long duplicatesCollapsed, long cacheHits, long encoded, long encoderCalls,
        long truncated, long encodeNanos) {
    public static final EmbeddingStats ZERO = new EmbeddingStats(0, 0, 0, 0, 0, 0, 0);

    public EmbeddingStats {
        check("texts", texts);
        check("duplicatesCollapsed", duplicatesCollapsed);
        check("cacheHits", cacheHits);
        check("encoded", encoded);
        check("encoderCalls", encoderCalls);
        check("truncated", truncated);
        check("encodeNanos", encodeNanos);
        if (duplicatesCollapsed + cacheHits + encoded != texts) {
            throw new IllegalArgumentException("duplicatesCollapsed + cacheHits + encoded must equal texts ("
                    + texts + "), was " + (duplicatesCollapsed + cacheHits + encoded));
        }
    }

    private static void check(String field, long v) {
        if (v < 0) {
            throw new IllegalArgumentException(field + " must be >= 0, was " + v);
        }
    }

    /** Distinct texts of the call(s). */
    public long distinctTexts() {
        return cacheHits + encoded;
    }

    /** Field-wise sum. */
    public EmbeddingStats plus(EmbeddingStats o) {
        return new EmbeddingStats(texts + o.texts, duplicatesCollapsed + o.duplicatesCollapsed,
                cacheHits + o.cacheHits, encoded + o.encoded, encoderCalls + o.encoderCalls,
                truncated + o.truncated, encodeNanos + o.encodeNanos);
    }
}
