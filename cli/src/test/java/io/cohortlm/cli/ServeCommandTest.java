package io.cohortlm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The serving path from the real CLI on the bundled Online Retail sample: ingest → embed → segment → explain →
 * package, then the server over that bundle (personas and features from the explain stage, pseudonymised
 * lookups of real customer ids, cold start from attributes), and the commands' error paths.
 */
class ServeCommandTest {
    static final String KEY = "cli-test-key-0123456789";
    static final ObjectMapper JSON = new ObjectMapper();

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

    static void ok(String... args) {
        Run r = run(args);
        assertEquals(0, r.code(), String.join(" ", args) + "\n" + r.err());
    }

    @BeforeAll
    static void pipeline() {
        Path sample = OnlineRetailReportTest.SAMPLE;
        ok("ingest", "--data", "online-retail:" + sample, "--out", tmp.resolve("data").toString());
        ok("embed", "--data", "dataset:" + tmp.resolve("data"), "--views", "behaviour,attributes", "--quiet",
                "--out", tmp.resolve("vec").toString());
        ok("segment", "--vectors", tmp.resolve("vec").toString(), "--k", "3", "--out", tmp.resolve("seg").toString());
        ok("explain", "--model", tmp.resolve("seg").toString(), "--vectors", tmp.resolve("vec").toString(), "--data",
                "dataset:" + tmp.resolve("data"), "--out", tmp.resolve("explain").toString());
        ok("package", "--model", tmp.resolve("seg").toString(), "--vectors", tmp.resolve("vec").toString(),
                "--data", "dataset:" + tmp.resolve("data"), "--explain", tmp.resolve("explain").toString(),
                "--out", tmp.resolve("bundle").toString());
    }

    @Test
    void audience_needs_item_text_and_exactly_one_question_and_says_so_in_one_line() {
        String bundle = tmp.resolve("bundle").toString();
        Run both = run("audience", "--model", bundle, "--text", "lantern", "--item", "85123A");
        assertEquals(Main.EXIT_USAGE, both.code(), both.err());
        assertTrue(both.err().contains("exactly one of --text and --item"), both.err());
        // This bundle was embedded without the items view: nothing can match a product text to users.
        Run noText = run("audience", "--model", bundle, "--text", "camping lantern");
        assertEquals(Main.EXIT_DATA, noText.code(), noText.out() + noText.err());
        assertTrue(noText.err().startsWith("error: this model has no item-text vectors"), noText.err());
        assertEquals(1, noText.err().strip().lines().count(), "one line, no stack trace: " + noText.err());
    }

    @Test
    void the_bundle_holds_no_raw_customer_id() throws Exception {
        String users = Files.readString(tmp.resolve("bundle/data/users.csv"), StandardCharsets.UTF_8);
        assertFalse(users.contains("17850"), "a raw Online Retail customer id");
        assertTrue(users.contains("u_"), "pseudonyms instead");
    }

    @Test
    void packaging_and_serving_errors_are_one_line_with_the_documented_exit_code() throws Exception {
        Run noExplain = run("package", "--model", tmp.resolve("seg").toString(), "--vectors",
                tmp.resolve("vec").toString(), "--data", "dataset:" + tmp.resolve("data"), "--explain",
                tmp.resolve("vec").toString(), "--out", tmp.resolve("b2").toString());
        assertEquals(1, noExplain.code());
        assertTrue(noExplain.err().startsWith("error: ") && noExplain.err().contains("explanations.json"),
                noExplain.err());
        Run exists = run("package", "--model", tmp.resolve("seg").toString(), "--vectors",
                tmp.resolve("vec").toString(), "--data", "dataset:" + tmp.resolve("data"), "--out",
                tmp.resolve("bundle").toString());
        assertEquals(1, exists.code(), "an existing bundle is replaced only with --force");
        Run notBundle = run("serve", "--model", tmp.resolve("seg").toString(), "--no-auth");
        assertEquals(1, notBundle.code());
        assertTrue(notBundle.err().contains("not a serving bundle"), notBundle.err());
        Files.writeString(tmp.resolve("short.key"), "abc123xyz");
        Run shortKey = run("serve", "--model", tmp.resolve("bundle").toString(), "--api-key-file",
                tmp.resolve("short.key").toString());
        assertEquals(1, shortKey.code());
        assertTrue(shortKey.err().contains("too short"), shortKey.err());
        assertFalse(shortKey.err().contains("abc123xyz"), "the key itself is never printed");
        Run remote = run("serve", "--model", tmp.resolve("bundle").toString(), "--no-auth", "--host", "0.0.0.0");
        assertEquals(2, remote.code(), "no auth only on loopback");
        Assumptions.assumeTrue(System.getenv("COHORTLM_API_KEY") == null, "COHORTLM_API_KEY is set here");
        Run noKey = run("serve", "--model", tmp.resolve("bundle").toString());
        assertEquals(2, noKey.code());
        assertTrue(noKey.err().contains("COHORTLM_API_KEY"), noKey.err());
    }

    @Test
    void the_server_answers_with_the_explain_stages_personas_and_real_pseudonymised_customers() throws Exception {
        Pseudonymizer p = Pseudonymizer.load(PseudonymKeyConfig.defaults(Path.of("")));
        try (SegmentService service = new SegmentService(tmp.resolve("bundle"), new SegmentService.Settings(10, 1, 42,
                1000, tmp.resolve("state")), null, p);
                CohortServer server = CohortServer.start(service, ServerConfig.defaults(0, KEY, tmp.resolve("bundle")))) {
            HttpClient http = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + server.port();
            JsonNode explain = JSON.readTree(tmp.resolve("explain/explanations.json").toFile());
            JsonNode segs = get(http, base + "/v1/segments");
            assertEquals(explain.path("segments").size(), segs.path("segments").size());
            JsonNode first = segs.path("segments").get(0);
            JsonNode detail = get(http, base + "/v1/segments/" + first.path("id").asInt());
            assertEquals(explain.path("segments").get(0).path("persona").path("name").asText(),
                    detail.path("persona").path("name").asText());
            assertTrue(detail.path("distinguishing").size() > 0);
            assertTrue(detail.path("top_items").size() > 0);

            JsonNode user = get(http, base + "/v1/users/17850/segment");
            assertEquals(p.pseudonymize("17850"), user.path("user").asText());
            assertTrue(user.path("reasons").toString().contains("country = United Kingdom"), user.toString());
            JsonNode recs = get(http, base + "/v1/users/17850/recommendations?k=5");
            assertEquals(5, recs.path("items").size());

            HttpResponse<String> a = http.send(HttpRequest.newBuilder(URI.create(base + "/v1/assign"))
                    .header("X-API-Key", KEY).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"attributes\":{\"country\":\"Germany\"}}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, a.statusCode(), a.body());
            assertEquals(java.util.List.of("attributes"), JSON.convertValue(JSON.readTree(a.body()).path("used")
                    .path("views"), java.util.List.class));
            HttpResponse<String> text = http.send(HttpRequest.newBuilder(URI.create(base + "/v1/assign"))
                    .header("X-API-Key", KEY).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"profile_text\":\"tea sets\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(400, text.statusCode(), "a model without text views cannot use a profile text alone: "
                    + text.body());
        }
    }

    static JsonNode get(HttpClient http, String url) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).header("X-API-Key", KEY).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), url + " " + r.body());
        return JSON.readTree(r.body());
    }
}
