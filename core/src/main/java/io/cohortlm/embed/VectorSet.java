package io.cohortlm.embed;

import io.cohortlm.CohortException;
import java.util.Arrays;
import java.util.Objects;

/**
 * Vectors together with the identity of the encoder that made them. Vectors of two encoders live in
 * unrelated spaces (even at the same dimension), so a set refuses to be combined with a set of another
 * encoder: {@link #concat} and {@link #requireSameEncoder} fail naming both identities.
 * <p>The array is held as given (no copy) and must not be changed afterwards; equality is by reference.
 *
 * @param identity the encoder that produced every row
 * @param vectors  one row per text, each of length {@code identity.dimension()}
 */
public record VectorSet(EncoderIdentity identity, float[][] vectors) {
    public VectorSet {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(vectors, "vectors");
        for (int i = 0; i < vectors.length; i++) {
            if (vectors[i] == null || vectors[i].length != identity.dimension()) {
                throw new IllegalArgumentException("vectors[" + i + "] must have length " + identity.dimension()
                        + " (" + identity.modelId() + "), was " + (vectors[i] == null ? "null" : vectors[i].length));
            }
        }
    }

    /** Number of vectors. */
    public int size() {
        return vectors.length;
    }

    /** Row {@code i}. */
    public float[] vector(int i) {
        return vectors[i];
    }

    /** The rows of this set followed by those of {@code other}; both must come from the same encoder. */
    public VectorSet concat(VectorSet other) {
        requireSameEncoder(other.identity);
        float[][] all = Arrays.copyOf(vectors, vectors.length + other.vectors.length);
        System.arraycopy(other.vectors, 0, all, vectors.length, other.vectors.length);
        return new VectorSet(identity, all);
    }

    /**
     * Fails unless {@code other} equals this set's identity, e.g. before comparing these vectors with vectors
     * (centroids, a cache, a query) made elsewhere.
     *
     * @throws CohortException naming both identities
     */
    public void requireSameEncoder(EncoderIdentity other) {
        requireSame(identity, other);
    }

    /** Fails with a message naming both identities unless {@code a} equals {@code b}. */
    public static void requireSame(EncoderIdentity a, EncoderIdentity b) {
        if (!a.equals(b)) {
            throw new CohortException("cannot mix vectors of different encoders: " + describe(a) + " vs "
                    + describe(b) + "; re-encode with one encoder");
        }
    }

    /** E.g. {@code openai:nomic-embed-text [fp 3f9a0c17d2b4, 768-d, remote pooling, normalized]}. */
    static String describe(EncoderIdentity id) {
        String fp = id.weightsFingerprint();
        return id.modelId() + " [fp " + (fp.length() > 12 ? fp.substring(0, 12) : fp) + ", " + id.dimension()
                + "-d, " + id.pooling() + " pooling" + (id.normalized() ? ", normalized" : ", not normalized") + "]";
    }
}
