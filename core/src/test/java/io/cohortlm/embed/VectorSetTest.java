package io.cohortlm.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cohortlm.CohortException;
import org.junit.jupiter.api.Test;

class VectorSetTest {
    private static final EncoderIdentity MINILM =
            new EncoderIdentity("all-minilm-l6-v2", "aaaaaaaaaaaaaaaaaaaa", 2, "mean", true);
    private static final EncoderIdentity REMOTE =
            new EncoderIdentity("openai:nomic-embed-text", "bbbbbbbbbbbbbbbbbbbb", 2, "remote", false);

    @Test
    void sets_of_one_encoder_concatenate_in_order() {
        VectorSet a = new VectorSet(MINILM, new float[][] {{1, 0}});
        VectorSet b = new VectorSet(MINILM, new float[][] {{0, 1}, {1, 1}});
        VectorSet ab = a.concat(b);
        assertEquals(3, ab.size());
        assertArrayEquals(new float[] {0, 1}, ab.vector(1));
        assertEquals(MINILM, ab.identity());
    }

    @Test
    void mixing_two_encoders_is_refused_naming_both() {
        VectorSet a = new VectorSet(MINILM, new float[][] {{1, 0}});
        VectorSet b = new VectorSet(REMOTE, new float[][] {{0, 1}});
        var e = assertThrows(CohortException.class, () -> a.concat(b));
        assertEquals("cannot mix vectors of different encoders: all-minilm-l6-v2 [fp aaaaaaaaaaaa, 2-d, mean pooling, "
                + "normalized] vs openai:nomic-embed-text [fp bbbbbbbbbbbb, 2-d, remote pooling, not normalized]; "
                + "re-encode with one encoder", e.getMessage());
    }

    @Test
    void same_model_name_with_other_weights_is_another_encoder() {
        EncoderIdentity retrained = new EncoderIdentity("all-minilm-l6-v2", "cccccccccccccccc", 2, "mean", true);
        assertThrows(CohortException.class, () -> VectorSet.requireSame(MINILM, retrained));
    }

    @Test
    void rows_must_match_the_identity_dimension() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new VectorSet(MINILM, new float[][] {{1, 0}, {1, 2, 3}}));
        assertEquals("vectors[1] must have length 2 (all-minilm-l6-v2), was 3", e.getMessage());
    }
}
