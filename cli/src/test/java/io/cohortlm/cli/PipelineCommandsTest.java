package io.cohortlm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stage commands run in-process on a small synthetic dataset (no language model needed: behaviour + attributes). */
class PipelineCommandsTest {
    @TempDir
    static Path tmp;

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    @BeforeAll
    static void ingest_and_embed() {
        Run r = run("ingest", "--data", "synthetic:users=600,segments=3,signals=attributes+behaviour,seed=5,strength=0.95,events=20", "--out",
                tmp.resolve("data").toString());
        assertEquals(0, r.code(), r.err());
        r = run("embed", "--data", "dataset:" + tmp.resolve("data"), "--views", "behaviour,attributes", "--out",
                tmp.resolve("vec").toString(), "--quiet");
        assertEquals(0, r.code(), r.err());
    }

    @Test
    void embed_writes_vectors_with_a_manifest_and_pseudonymised_ids() throws Exception {
        JsonNode m = new ObjectMapper().readTree(tmp.resolve("vec/manifest.json").toFile());
        assertEquals(600, m.get("users").asInt());
        assertEquals("embed", m.get("manifest").get("stage").asText());
        assertEquals(64, m.get("manifest").get("inputFingerprint").asText().length());
        List<String> ids = Files.readAllLines(tmp.resolve("vec/users.ids"));
        assertTrue(ids.stream().allMatch(id -> id.startsWith("u_") && id.length() == 18), ids.get(0));
        assertTrue(ids.stream().noneMatch(id -> id.equals("u0")), "raw ids never leave the process");
    }

    @Test
    void segment_recovers_planted_segments_and_assign_places_vectors() throws Exception {
        Run r = run("segment", "--vectors", tmp.resolve("vec").toString(), "--data", "dataset:" + tmp.resolve("data"),
                "--truth", tmp.resolve("data/truth.csv").toString(), "--out", tmp.resolve("model").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("coarse k=3"), r.out());
        assertTrue(r.out().contains("fine k="), "two levels with --data: " + r.out());
        double ari = Double.parseDouble(r.out().replaceAll("(?s).*planted segments: ([0-9.]+).*", "$1"));
        assertTrue(ari > 0.7, "ARI " + ari); // 0.79 measured; behaviour + attribute signals overlap by design
        Run again = run("segment", "--vectors", tmp.resolve("vec").toString(), "--out", tmp.resolve("model").toString());
        assertEquals(1, again.code(), "an existing bundle is not replaced without --force");
        assertTrue(again.err().contains("--force"), again.err());

        Run a = run("assign", "--model", tmp.resolve("model").toString(), "--input", tmp.resolve("vec").toString(),
                "--out", tmp.resolve("assign.jsonl").toString());
        assertEquals(0, a.code(), a.err());
        List<String> lines = Files.readAllLines(tmp.resolve("assign.jsonl"));
        assertEquals(600, lines.size());
        JsonNode first = new ObjectMapper().readTree(lines.get(0));
        assertTrue(first.has("segment") && first.has("confidence") && first.has("runner_up") && first.has("outlier")
                && first.has("fine_segment"), first.toString());

        Files.writeString(tmp.resolve("bad.csv"), "id,a,b\nx,1,2\n");
        Run bad = run("assign", "--model", tmp.resolve("model").toString(), "--input", tmp.resolve("bad.csv").toString(),
                "--out", tmp.resolve("o.csv").toString());
        assertEquals(1, bad.code());
        assertTrue(bad.err().contains("bad.csv:2: vector has 2 values, the model expects"), bad.err());
        assertEquals(1, bad.err().strip().lines().count(), "one line, no stack trace");
    }

    @Test
    void evaluate_writes_the_results_array_and_the_ablation() throws Exception {
        Run r = run("evaluate", "--data", "dataset:" + tmp.resolve("data"), "--no-text", "--protocol", "random,cold",
                "--seeds", "0", "--no-tune", "--k", "3", "--out", tmp.resolve("eval").toString());
        assertEquals(0, r.code(), r.err());
        JsonNode j = new ObjectMapper().readTree(tmp.resolve("eval/evaluation.json").toFile());
        assertEquals(3, j.get("segmentation").get("k").asInt());
        boolean sawHybridAll = false;
        for (JsonNode res : j.get("results")) {
            if (res.get("method").asText().equals("segment-hybrid") && res.get("cohort").asText().equals("all")) {
                sawHybridAll = true;
                assertTrue(res.get("metrics").has("ndcg@10") && res.get("metrics").has("recall@20"));
            }
        }
        assertTrue(sawHybridAll);
        assertEquals(3, j.get("ablation").size(), "behaviour-only, attributes-only, hybrid");
        assertTrue(Files.readString(tmp.resolve("eval/evaluation.html")).contains("segment-hybrid"));
    }

    @Test
    void bad_flags_are_usage_errors() {
        assertEquals(2, run("segment", "--vectors", "x", "--out", "y", "--k", "many").code());
        assertEquals(2, run("evaluate", "--data", "dataset:x", "--out", "y", "--protocol", "sideways").code());
        assertEquals(2, run("embed", "--data", "dataset:x", "--out", "y", "--views", "smell").code());
    }
}
