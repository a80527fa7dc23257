package io.cohortlm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code cohortlm explain} in-process on a small synthetic dataset (400 users, 3 planted segments) that is
 * ingested, embedded (behaviour + attributes, no encoder) and segmented (k = 3) once for the class.
 */
class ExplainCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> FILES = List.of("segments.csv", "segments.jsonl", "segments.parquet",
            "membership.csv", "membership.jsonl", "membership.parquet", "explanations.json", "report.html");

    @TempDir
    static Path dir;
    static Path data;
    static Path vectors;
    static Path model;
    static Path explained;
    static IngestCommandTest.Run first;

    @BeforeAll
    static void segment() {
        data = dir.resolve("data");
        vectors = dir.resolve("vectors");
        model = dir.resolve("model");
        explained = dir.resolve("explain");
        ok(IngestCommandTest.run("ingest", "--data", "synthetic:users=400,segments=3,seed=1", "--out", data.toString()));
        ok(IngestCommandTest.run("embed", "--data", "dataset:" + data, "--views", "behaviour,attributes", "--out",
                vectors.toString(), "--quiet"));
        ok(IngestCommandTest.run("segment", "--vectors", vectors.toString(), "--data", "dataset:" + data, "--k", "3",
                "--out", model.toString()));
        first = explain(explained);
    }

    private static IngestCommandTest.Run ok(IngestCommandTest.Run r) {
        assertEquals(0, r.code(), r.err() + r.out());
        return r;
    }

    private static IngestCommandTest.Run explain(Path out, String... extra) {
        List<String> args = new ArrayList<>(List.of("explain", "--model", model.toString(), "--vectors",
                vectors.toString(), "--data", "dataset:" + data, "--out", out.toString()));
        args.addAll(List.of(extra));
        return IngestCommandTest.run(args.toArray(String[]::new));
    }

    /** Members per segment key in membership.csv (empty key = suppressed). */
    private static Map<String, Integer> membership(Path out) throws IOException {
        Map<String, Integer> m = new TreeMap<>();
        List<String> lines = Files.readAllLines(out.resolve("membership.csv"));
        assertEquals("user_id,segment_key,confidence,suppressed", lines.get(0));
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            assertTrue(f[0].startsWith("u_") && f[0].length() == 18, "pseudonymised id: " + f[0]);
            m.merge(f[1], 1, Integer::sum);
        }
        return m;
    }

    @Test
    void explain_writes_every_export_the_json_and_the_report() throws IOException {
        ok(first);
        for (String f : FILES) {
            assertTrue(Files.size(explained.resolve(f)) > 0, f);
        }
        Map<String, Integer> m = membership(explained);
        assertEquals(400, m.values().stream().mapToInt(Integer::intValue).sum());
        assertEquals(3, m.size(), "three segments, nothing withheld at the default floor: " + m);
        JsonNode j = JSON.readTree(explained.resolve("explanations.json").toFile());
        assertEquals(3, j.get("segments").size());
        assertTrue(j.get("surrogate_fidelity_holdout").asDouble() > 0.5, j.get("surrogate_fidelity_holdout").toString());
        for (JsonNode s : j.get("segments")) {
            assertEquals(m.get(s.get("segment_key").asText()).intValue(), s.get("size").asInt());
            assertFalse(s.get("profile").get("distinguishing").isEmpty(), "distinguishing features");
            assertFalse(s.get("rules").isEmpty(), "surrogate rules");
            assertEquals("template", s.get("persona").get("source").asText());
        }
        assertTrue(j.get("propensity").get("metrics").get("metrics").size() > 0, "propensity metrics");
        assertEquals("explain", j.get("manifest").get("stage").asText());
        String out = first.out();
        assertTrue(out.contains("surrogate rules: fidelity"), out);
        assertTrue(out.contains("P(active) ROC-AUC"), out);
        for (String key : m.keySet()) {
            assertTrue(out.contains("  " + key + " "), "summary line for " + key + ": " + out);
        }
        String html = Files.readString(explained.resolve("report.html"));
        assertTrue(html.contains("<script type=\"application/json\""), "report embeds its data");
        assertFalse(html.contains("src=\"http"), "self-contained");
    }

    @Test
    void a_floor_above_the_smallest_segment_withholds_it_everywhere(@TempDir Path tmp) throws IOException {
        Map<String, Integer> sizes = membership(explained);
        String small = sizes.entrySet().stream().min(Map.Entry.comparingByValue()).orElseThrow().getKey();
        int smallSize = sizes.get(small);
        int floor = smallSize + 1;
        sizes.forEach((k, v) -> assertTrue(k.equals(small) || v >= floor, "only " + small + " is below " + floor));
        Path out = tmp.resolve("floored");
        IngestCommandTest.Run r = ok(explain(out, "--min-size", Integer.toString(floor)));
        Map<String, Integer> m = membership(out);
        assertFalse(m.containsKey(small), small + " members must not be listed under its key: " + m);
        assertEquals(smallSize, m.get(""), "its members are shown with no key (merged bucket is below the floor too)");
        List<String> seg = Files.readAllLines(out.resolve("segments.csv"));
        String row = seg.stream().filter(l -> l.startsWith(small + ",")).findFirst().orElseThrow();
        assertTrue(row.contains("fewer than " + floor + " members"), row);
        assertFalse(row.contains("," + smallSize + ","), "no size in " + row);
        JsonNode j = JSON.readTree(out.resolve("explanations.json").toFile());
        for (JsonNode s : j.get("segments")) {
            assertFalse(s.get("segment_key").asText().equals(small), "no profile for " + small);
        }
        assertEquals(small, j.get("withheld").get(0).get("segment_key").asText());
        for (JsonNode row2 : j.get("propensity").get("metrics").get("metrics")) {
            assertFalse(row2.get("scope").asText().startsWith(small + " "), "no propensity row for " + small);
        }
        String json = Files.readString(out.resolve("explanations.json"));
        assertFalse(json.contains("\"" + small + " ·"), "no persona of " + small);
        assertTrue(r.out().contains(small + "    withheld"), r.out());
        String html = Files.readString(out.resolve("report.html"));
        assertFalse(html.contains("\"name\":\"" + small + " ·"), "no card for " + small);
    }

    @Test
    void another_dataset_is_refused_with_one_line(@TempDir Path tmp) {
        Path other = tmp.resolve("other");
        ok(IngestCommandTest.run("ingest", "--data", "synthetic:users=100,segments=2,seed=2", "--out", other.toString()));
        IngestCommandTest.Run r = IngestCommandTest.run("explain", "--model", model.toString(), "--vectors",
                vectors.toString(), "--data", "dataset:" + other, "--out", tmp.resolve("x").toString());
        assertEquals(1, r.code(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("is not the dataset the vectors"), r.err());
        assertFalse(Files.exists(tmp.resolve("x")));
    }

    @Test
    void bad_flags_are_usage_errors(@TempDir Path tmp) {
        assertEquals(2, explain(tmp.resolve("a"), "--no-such-flag").code());
        IngestCommandTest.Run r = explain(tmp.resolve("b"), "--min-size", "0");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--min-size must be ≥ 1, was 0"), r.err());
        assertEquals(2, explain(tmp.resolve("c"), "--persona", "gpt").code());
    }

    @Test
    void propensities_that_cannot_be_fitted_are_skipped_with_a_note(@TempDir Path tmp) throws IOException {
        // A horizon longer than the data leaves no user with history before the cut.
        IngestCommandTest.Run r = ok(explain(tmp.resolve("p"), "--horizon-days", "100000"));
        assertTrue(r.out().contains("propensities skipped:"), r.out());
        JsonNode j = JSON.readTree(tmp.resolve("p").resolve("explanations.json").toFile());
        assertTrue(j.get("propensity_note").asText().startsWith("propensities skipped"));
        assertTrue(Files.size(tmp.resolve("p").resolve("report.html")) > 0);
    }

    @Test
    void differential_privacy_noises_sizes_and_withholds_the_details(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("dp");
        ok(explain(out, "--dp-epsilon", "1"));
        List<String> seg = Files.readAllLines(out.resolve("segments.csv"));
        assertTrue(seg.get(1).contains("noisy (ε = 1.0"), seg.get(1));
        JsonNode j = JSON.readTree(out.resolve("explanations.json").toFile());
        assertEquals(1.0, j.get("privacy").get("epsilon").asDouble());
        assertTrue(j.get("segments").get(0).get("profile") == null, "no profile under DP");
        assertTrue(j.get("propensity") == null, "no propensity metrics under DP");
        String html = Files.readString(out.resolve("report.html"));
        assertTrue(html.contains("differentially private view"), "report says so");
    }

    @Test
    void dry_run_prints_the_exact_prompt_and_writes_nothing(@TempDir Path tmp) {
        Path out = tmp.resolve("dry");
        IngestCommandTest.Run r = ok(explain(out, "--persona", "openai:qwen2.5@http://127.0.0.1:9", "--dry-run"));
        assertTrue(r.out().contains("POST http://127.0.0.1:9/v1/chat/completions"), r.out());
        assertTrue(r.out().contains("\"model\" : \"qwen2.5\""), r.out());
        assertTrue(r.out().contains("Segment statistics (JSON)"), r.out());
        assertFalse(r.out().contains("u_"), "no pseudonym in the prompt");
        assertFalse(Files.exists(out));
    }

    @Test
    void chromium_renders_the_explain_report() throws Exception {
        String dom = HeadlessChromium.dumpDom(explained.resolve("report.html"));
        assertTrue(dom.contains("data-rendered=\"true\""), "the page's script ran to the end");
        Map<String, Integer> m = membership(explained);
        assertEquals(m.size(), HeadlessChromium.count(dom, "<article class=\"card\""), "one card per segment");
        assertTrue(HeadlessChromium.count(dom, "<circle class=\"pt\"") >= 300, "map points drawn");
        assertTrue(dom.contains("<table id=\"metrics\">"), "propensity metrics table rendered");
    }
}
