package io.cohortlm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cohortlm.privacy.PseudonymKeyConfig;
import io.cohortlm.privacy.Pseudonymizer;
import io.cohortlm.serve.SegmentService;
import io.cohortlm.server.CohortServer;
import io.cohortlm.server.ServerConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Chinese catalogue through the real CLI (explain in Chinese → package), served, and the dashboard opened in
 * headless Chromium: every persona card with its Chinese name, the map drawn, the evaluation shown.
 */
class DashboardChineseTest {
    static final String KEY = "zh-dashboard-key-0123456789";

    static void ok(String... args) {
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(new StringWriter()), new PrintWriter(err));
        assertEquals(0, code, String.join(" ", args) + "\n" + err);
    }

    @Test
    void the_dashboard_shows_chinese_persona_names_from_the_explain_stage(@TempDir Path tmp) throws Exception {
        ok("ingest", "--data", "synthetic:users=400,segments=3,lang=zh,signals=attributes+behaviour,seed=5", "--out",
                tmp.resolve("data").toString());
        ok("embed", "--data", "dataset:" + tmp.resolve("data"), "--views", "behaviour,attributes", "--quiet", "--out",
                tmp.resolve("vec").toString());
        ok("segment", "--vectors", tmp.resolve("vec").toString(), "--k", "3", "--out", tmp.resolve("seg").toString());
        ok("explain", "--model", tmp.resolve("seg").toString(), "--vectors", tmp.resolve("vec").toString(), "--data",
                "dataset:" + tmp.resolve("data"), "--language", "zh", "--out", tmp.resolve("explain").toString());
        ok("evaluate", "--data", "dataset:" + tmp.resolve("data"), "--protocol", "random", "--seeds", "0", "--no-text",
                "--no-ablation", "--no-tune", "--quiet", "--out", tmp.resolve("evaluation").toString());
        ok("package", "--model", tmp.resolve("seg").toString(), "--vectors", tmp.resolve("vec").toString(),
                "--data", "dataset:" + tmp.resolve("data"), "--explain", tmp.resolve("explain").toString(),
                "--evaluation", tmp.resolve("evaluation").toString(), "--out", tmp.resolve("bundle").toString());
        JsonNode explain = new ObjectMapper().readTree(tmp.resolve("explain/explanations.json").toFile());
        Pseudonymizer p = Pseudonymizer.load(PseudonymKeyConfig.defaults(Path.of("")));
        try (SegmentService service = new SegmentService(tmp.resolve("bundle"), new SegmentService.Settings(10, 1, 42,
                1000, tmp.resolve("state")), null, p);
                CohortServer server = CohortServer.start(service, ServerConfig.defaults(0, KEY, tmp.resolve("bundle")))) {
            String dom = HeadlessChromium.dumpDom("http://127.0.0.1:" + server.port() + "/#key=" + KEY, 20_000);
            assertTrue(dom.contains("data-ready=\"true\""), "segments and map loaded");
            assertEquals(explain.path("segments").size(), HeadlessChromium.count(dom, "class=\"segment-card\""),
                    "one card per segment");
            for (JsonNode s : explain.path("segments")) {
                String name = s.path("persona").path("name").asText();
                assertTrue(name.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN),
                        "a Chinese persona name: " + name);
                assertTrue(dom.contains(name), "card shows " + name);
            }
            assertTrue(dom.contains("data-points=\"400\""), "all 400 users on the map");
            assertTrue(dom.contains("id=\"evaluation\"") && dom.contains("data-state=\"shown\""),
                    "the evaluation section is shown");
            assertTrue(dom.contains("segment-hybrid") && dom.contains("ease"), "evaluation methods listed");
        }
    }
}
