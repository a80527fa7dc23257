package io.cohortlm.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cohortlm.serve.HashingEncoder;
import io.cohortlm.serve.SegmentService;
import io.cohortlm.serve.ServingFixture;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JSON API against the real server on a random port: every endpoint, every error path, auth. */
class ServerApiTest {
    static final String KEY = "test-api-key-0123456789abcdef";
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    static Path root;
    static ServingFixture.Built built;
    static SegmentService service;
    static CohortServer server;
    static String base;

    @BeforeAll
    static void start() {
        built = ServingFixture.build(root, 200);
        service = new SegmentService(built.bundle(), new SegmentService.Settings(5, 1, 3, 1000,
                root.resolve("state")), new HashingEncoder(32), built.pseudonymizer());
        server = CohortServer.start(service, ServerConfig.defaults(0, KEY, built.bundle()));
        base = "http://127.0.0.1:" + server.port();
    }

    @AfterAll
    static void stop() {
        server.close();
        service.close();
    }

    record Reply(int status, JsonNode json, String text) {
    }

    static Reply call(String method, String path, String key, String contentType, byte[] body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20));
        if (key != null) {
            b.header("X-API-Key", key);
        }
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode j = null;
        try {
            j = JSON.readTree(r.body());
        } catch (Exception notJson) {
            // metrics and the dashboard are not JSON
        }
        return new Reply(r.statusCode(), j, r.body());
    }

    /** A request line sent as is over a socket (java.net.URI refuses malformed ones). */
    static Reply raw(String requestLine) throws Exception {
        try (java.net.Socket sock = new java.net.Socket("127.0.0.1", server.port())) {
            sock.setSoTimeout(10_000);
            sock.getOutputStream().write((requestLine + "\r\nHost: localhost\r\nX-API-Key: " + KEY
                    + "\r\nConnection: close\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String all = new String(sock.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            int status = Integer.parseInt(all.substring(9, 12));
            String body = all.substring(all.indexOf("\r\n\r\n") + 4);
            if (all.toLowerCase(java.util.Locale.ROOT).contains("transfer-encoding: chunked")) {
                body = body.substring(body.indexOf("\r\n") + 2, body.lastIndexOf('}') + 1);
            }
            return new Reply(status, JSON.readTree(body), body);
        }
    }

    static Reply get(String path) throws Exception {
        return call("GET", path, KEY, null, null);
    }

    static Reply post(String path, String json) throws Exception {
        return call("POST", path, KEY, "application/json", json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** A 4xx with the JSON error shape and the expected code. */
    static void assertError(Reply r, int status, String code) {
        assertEquals(status, r.status(), r.text());
        assertEquals(code, r.json().path("error").path("code").asText(), r.text());
        assertFalse(r.json().path("error").path("message").asText().isBlank());
        assertFalse(r.text().contains("Exception"), "no stack traces: " + r.text());
    }

    static String raw(int u) {
        return built.data().users().ids().id(u);
    }

    @Test
    void health_needs_no_key_and_everything_else_does() throws Exception {
        Reply h = call("GET", "/v1/health", null, null, null);
        assertEquals(200, h.status());
        assertEquals("ok", h.json().path("status").asText());
        assertEquals(200, h.json().path("model").path("users").asInt());
        for (String p : new String[] {"/v1/segments", "/v1/segments/0", "/v1/model", "/v1/map", "/metrics",
                "/v1/users/" + raw(1) + "/segment", "/v1/users/" + raw(1) + "/recommendations"}) {
            assertError(call("GET", p, null, null, null), 401, "unauthorized");
            Reply wrong = call("GET", p, "wrong-key-but-long-enough", null, null);
            assertError(wrong, 401, "unauthorized");
            assertFalse(wrong.text().contains(KEY), "the key is never echoed");
        }
        assertError(call("POST", "/v1/assign", null, "application/json", "{}".getBytes()), 401, "unauthorized");
        assertError(call("DELETE", "/v1/users/" + raw(1), null, null, null), 401, "unauthorized");
        assertError(call("POST", "/v1/admin/reload", "x", null, null), 401, "unauthorized");
        assertEquals(200, call("GET", "/v1/users/" + raw(1) + "/segment", KEY, null, null).status());
    }

    @Test
    void segments_list_and_detail_and_their_errors() throws Exception {
        Reply list = get("/v1/segments");
        assertEquals(200, list.status());
        JsonNode segs = list.json().path("segments");
        assertEquals(3, segs.size());
        int id = segs.get(0).path("id").asInt();
        Reply one = get("/v1/segments/" + id);
        assertEquals(200, one.status());
        assertEquals(id, one.json().path("id").asInt());
        assertTrue(one.json().has("persona") && one.json().has("top_items") && one.json().has("distinguishing"));
        assertError(get("/v1/segments/999"), 404, "unknown_segment");
        assertError(get("/v1/segments/abc"), 400, "wrong_type");
        Reply map = get("/v1/map?limit=50");
        assertEquals(50, map.json().path("points").size());
        assertError(get("/v1/map?limit=0"), 400, "bad_request");
        assertError(get("/v1/evaluation"), 404, "not_found");
        assertEquals(200, get("/v1/model").status());
    }

    @Test
    void user_lookup_returns_the_pseudonym_segment_and_reasons() throws Exception {
        Reply r = get("/v1/users/" + raw(4) + "/segment");
        assertEquals(200, r.status());
        assertEquals(built.pseudonymizer().pseudonymize(raw(4)), r.json().path("user").asText());
        assertFalse(r.text().contains("\"" + raw(4) + "\""), "the raw id never comes back");
        assertTrue(r.json().path("reasons").size() >= 1);
        assertTrue(r.json().has("runner_up") && r.json().has("confidence"));
        assertError(get("/v1/users/nobody-here/segment"), 404, "unknown_user");
        assertError(get("/v1/users/" + "x".repeat(300) + "/segment"), 400, "bad_request");
    }

    @Test
    void recommendations_and_their_parameter_errors() throws Exception {
        Reply r = get("/v1/users/" + raw(6) + "/recommendations?k=5&exclude_seen=true");
        assertEquals(200, r.status(), r.text());
        assertEquals(5, r.json().path("items").size());
        for (JsonNode it : r.json().path("items")) {
            assertFalse(it.path("reason").asText().isBlank());
            assertFalse(it.path("item").asText().isBlank());
        }
        assertEquals(10, get("/v1/users/" + raw(6) + "/recommendations").json().path("items").size());
        assertError(get("/v1/users/" + raw(6) + "/recommendations?k=0"), 400, "bad_request");
        assertError(get("/v1/users/" + raw(6) + "/recommendations?k=101"), 400, "bad_request");
        assertError(get("/v1/users/" + raw(6) + "/recommendations?k=ten"), 400, "wrong_type");
        assertError(get("/v1/users/" + raw(6) + "/recommendations?exclude_seen=maybe"), 400, "wrong_type");
        assertError(get("/v1/users/ghost/recommendations"), 404, "unknown_user");
    }

    @Test
    void assign_places_a_new_user_and_recommends_starter_items() throws Exception {
        Reply r = post("/v1/assign", "{\"profile_text\":\"outdoor camping lantern tent hiking\",\"k\":4}");
        assertEquals(200, r.status(), r.text());
        assertTrue(r.json().path("segment").asInt() >= 0);
        assertEquals(4, r.json().path("recommendations").size());
        assertTrue(r.json().path("used").path("profile_text").asBoolean());
        assertFalse(r.json().has("user"), "nothing is stored for an assign");
        String item = built.data().items().ids().id(0);
        Reply ev = post("/v1/assign", "{\"events\":[{\"item\":\"" + item + "\",\"type\":\"purchase\",\"value\":2,"
                + "\"time\":\"2025-03-01T10:00:00Z\"},{\"item\":\"nope\"}],\"attributes\":{\"made_up\":3}}");
        assertEquals(200, ev.status(), ev.text());
        assertEquals("nope", ev.json().path("used").path("unknown_items").get(0).asText());
        assertEquals("made_up", ev.json().path("used").path("ignored_attributes").get(0).asText());
    }

    @Test
    void every_bad_body_gets_a_4xx_that_names_the_problem() throws Exception {
        assertError(post("/v1/assign", "{not json"), 400, "bad_json");
        assertError(post("/v1/assign", ""), 400, "bad_json");
        assertError(post("/v1/assign", "[1,2]"), 400, "wrong_type");
        assertError(post("/v1/assign", "{}"), 400, "missing_field");
        assertError(post("/v1/assign", "{\"profile_text\":5}"), 400, "wrong_type");
        assertError(post("/v1/assign", "{\"attributes\":[]}"), 400, "wrong_type");
        assertError(post("/v1/assign", "{\"attributes\":{\"a\":{\"b\":1}}}"), 400, "wrong_type");
        assertError(post("/v1/assign", "{\"profile_txt\":\"typo\"}"), 400, "unknown_field");
        assertError(post("/v1/assign", "{\"events\":{}}"), 400, "wrong_type");
        assertError(post("/v1/assign", "{\"events\":[{\"type\":\"view\"}]}"), 400, "missing_field");
        assertError(post("/v1/assign", "{\"events\":[{\"item\":\"a\",\"time\":\"yesterday\"}]}"), 400, "wrong_type");
        assertError(post("/v1/assign", "{\"events\":[{\"item\":\"a\",\"value\":\"two\"}]}"), 400, "wrong_type");
        assertError(post("/v1/assign", "{\"profile_text\":\"x\",\"k\":1.5}"), 400, "wrong_type");
        assertError(post("/v1/assign", "{\"profile_text\":\"x\",\"k\":500}"), 400, "bad_request");
        assertError(post("/v1/assign", "{\"attributes\":{\"unknown\":\"1\"}}"), 400, "bad_request");
        assertError(post("/v1/assign", "{\"profile_text\":\"" + "y".repeat(5000) + "\"}"), 400, "bad_request");
        assertError(post("/v1/assign", "{\"profile_text\":\"" + "z".repeat(70_000) + "\"}"), 413, "body_too_large");
        assertError(call("POST", "/v1/assign", KEY, "text/plain", "{}".getBytes()), 415, "unsupported_media_type");
        assertError(call("POST", "/v1/assign", KEY, null, "{}".getBytes()), 415, "unsupported_media_type");
        assertError(post("/v1/users/" + raw(2) + "/events", "{\"events\":[]}"), 400, "bad_request");
        assertError(post("/v1/users/" + raw(2) + "/events", "{}"), 400, "missing_field");
        assertError(post("/v1/users/" + raw(2) + "/events", "{\"events\":[{\"item\":\"nope\"}]}"), 400,
                "bad_request");
        assertError(post("/v1/assign", "{\"attributes\":" + "[".repeat(3000) + "]".repeat(3000) + "}"), 400,
                "bad_json");
        assertError(post("/v1/assign", "{\"profile_text\":\"a\",\"profile_text\":\"b\"}"), 400, "bad_json");
        assertError(post("/v1/assign", "{\"events\":[{\"item\":\"a\",\"time\":99999999999999999999}]}"), 400,
                "wrong_type");
        assertError(call("POST", "/v1/assign", KEY, "application/json", new byte[] {'{', '"', (byte) 0xff, '"', '}'}),
                400, "bad_json");
        assertError(raw("GET /v1/users/%ZZ/segment HTTP/1.1"), 400, "bad_request");
        assertError(get("/v1/no-such-endpoint"), 404, "not_found");
        assertError(call("PUT", "/v1/segments", KEY, null, null), 404, "not_found");
    }

    @Test
    void events_update_a_user_and_create_a_new_one() throws Exception {
        String item = built.data().items().ids().id(3);
        String body = "{\"events\":[{\"item\":\"" + item + "\",\"type\":\"purchase\"}]}";
        int before = get("/v1/users/" + raw(8) + "/segment").json().path("events").asInt();
        Reply r = post("/v1/users/" + raw(8) + "/events", body);
        assertEquals(200, r.status(), r.text());
        assertEquals(1, r.json().path("accepted").asInt());
        Reply after = get("/v1/users/" + raw(8) + "/segment");
        assertEquals(before + 1, after.json().path("events").asInt());
        assertTrue(after.json().path("updated").asBoolean());
        Reply created = post("/v1/users/new-person-42/events", body);
        assertEquals(201, created.status(), created.text());
        assertEquals(200, get("/v1/users/new-person-42/recommendations?k=3").status());
    }

    @Test
    void forgetting_answers_with_a_receipt_and_the_user_is_gone() throws Exception {
        String id = raw(11);
        Reply r = call("DELETE", "/v1/users/" + id, KEY, null, null);
        assertEquals(200, r.status(), r.text());
        assertEquals(built.pseudonymizer().pseudonymize(id), r.json().path("user").asText());
        assertTrue(r.json().path("removed").size() >= 5, r.text());
        assertError(get("/v1/users/" + id + "/segment"), 404, "unknown_user");
        assertError(get("/v1/users/" + id + "/recommendations"), 404, "unknown_user");
        assertError(call("DELETE", "/v1/users/" + id, KEY, null, null), 404, "unknown_user");
        // Nor is the user in any audience, however low the threshold.
        Reply a = post("/v1/audience", "{\"text\": \"anything at all\", \"users\": 1000, \"min_affinity\": -1}");
        assertEquals(200, a.status(), a.text());
        assertTrue(a.json().path("users").size() > 100, a.text());
        for (JsonNode u : a.json().path("users")) {
            assertFalse(u.path("user").asText().equals(r.json().path("user").asText()), "forgotten user listed");
        }
    }

    @Test
    void a_new_item_is_recommended_at_once_survives_a_restart_and_its_errors_are_4xx() throws Exception {
        io.cohortlm.serve.ServingModel m = service.model();
        String user = raw(20);
        Reply before = get("/v1/users/" + user + "/recommendations?k=10");
        assertEquals(200, before.status(), before.text());
        String topId = before.json().path("items").get(0).path("item").asText();
        int top = m.data().items().ids().indexOf(topId);
        String title = m.data().items().fullText(top);
        // A new variant of the user's best item: the same text, a new id.
        Reply r = post("/v1/items", JSON.writeValueAsString(java.util.Map.of("id", "new-variant-1", "title", title,
                "categories", java.util.List.of("new arrivals"))));
        assertEquals(201, r.status(), r.text());
        assertTrue(r.json().path("created").asBoolean());
        assertEquals(topId, r.json().path("neighbours").get(0).path("item").asText(), r.text());
        assertEquals(1.0, r.json().path("neighbours").get(0).path("similarity").asDouble(), 1e-3);
        assertTrue(r.json().path("bridge").asText().contains("gain"), r.text());
        int rank = rankOf(get("/v1/users/" + user + "/recommendations?k=100"), "new-variant-1");
        assertTrue(rank >= 0, "the new item is recommended at once: " + r.text() + " items " + m.data().items().size());
        // It ranks higher for this user than for the median user (its neighbour is this user's best item).
        java.util.List<Integer> others = new java.util.ArrayList<>();
        for (int u = 40; u < 60; u++) {
            int k = rankOf(get("/v1/users/" + raw(u) + "/recommendations?k=100"), "new-variant-1");
            others.add(k < 0 ? 100 : k);
        }
        java.util.Collections.sort(others);
        assertTrue(rank < others.get(others.size() / 2), "rank " + rank + " vs others " + others);
        Reply again = post("/v1/items", "{\"id\": \"new-variant-1\", \"title\": \"" + title.replace("\"", "")
                + "\", \"text\": \"now in blue\"}");
        assertEquals(200, again.status(), again.text());
        assertFalse(again.json().path("created").asBoolean());
        assertEquals(200, post("/v1/audience", "{\"item\": \"new-variant-1\"}").status());
        // A crash mid-append leaves a torn line: it is skipped, and the next item is not glued to it.
        java.nio.file.Files.writeString(root.resolve("state/items.jsonl"), "{\"id\": \"torn", java.nio.file.StandardOpenOption.APPEND);
        assertEquals(201, post("/v1/items", "{\"id\": \"new-variant-2\", \"text\": \"" + title.replace("\"", "")
                + " gift box\"}").status());
        // Durable: a service started afresh on the same state replays both.
        try (SegmentService fresh = new SegmentService(built.bundle(), new SegmentService.Settings(5, 1, 3, 1000,
                root.resolve("state")), new HashingEncoder(32), built.pseudonymizer())) {
            var recs = fresh.recommendations(user, 100, true).items().stream()
                    .map(io.cohortlm.serve.Recommendation::item).toList();
            assertTrue(recs.contains("new-variant-1") && recs.contains("new-variant-2"), recs.toString());
            assertFalse(recs.stream().anyMatch(i -> i.contains("torn")));
        }
        // Error paths.
        assertError(post("/v1/items", "{\"id\": \"" + topId + "\", \"title\": \"x\"}"), 409, "item_exists");
        assertError(post("/v1/items", "{\"title\": \"lamp\"}"), 400, "missing_field");
        assertError(post("/v1/items", "{\"id\": \"n3\"}"), 400, "missing_field");
        assertError(post("/v1/items", "{\"id\": \"n3\", \"title\": \"lamp\", \"categories\": \"x\"}"), 400,
                "wrong_type");
        assertError(post("/v1/items", "{\"id\": \"n3\", \"title\": \"lamp\", \"price\": 3}"), 400,
                "unknown_field");
        assertError(post("/v1/items", "{\"id\": \"" + "x".repeat(300) + "\", \"title\": \"lamp\"}"), 400,
                "bad_request");
        assertError(post("/v1/items", "{\"id\": \"n3\", \"title\": \"" + "x".repeat(4001) + "\"}"), 400,
                "bad_request");
        assertError(call("POST", "/v1/items", null, "application/json", "{}".getBytes()), 401, "unauthorized");
    }

    private static int rankOf(Reply recs, String item) {
        assertEquals(200, recs.status(), recs.text());
        JsonNode items = recs.json().path("items");
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i).path("item").asText().equals(item)) {
                assertTrue(items.get(i).path("reason").asText().startsWith("new item"), items.get(i).toString());
                return i;
            }
        }
        return -1;
    }

    @Test
    void audience_ranks_segments_and_lists_the_closest_users_for_a_text_or_an_item() throws Exception {
        io.cohortlm.serve.ServingModel m = service.model();
        // The most bought item: its buyers should be over-represented among the users listed for it.
        int items = m.data().items().size();
        int[] buyers = new int[items];
        java.util.Map<String, java.util.Set<Integer>> bought = new java.util.HashMap<>();
        for (int u = 0; u < m.users(); u++) {
            java.util.Set<Integer> mine = new java.util.HashSet<>();
            for (int i : m.historyItems(u)) {
                mine.add(i);
                buyers[i]++;
            }
            bought.put(m.data().users().ids().id(u), mine);
        }
        int top = 0;
        for (int i = 1; i < items; i++) {
            top = buyers[i] > buyers[top] ? i : top;
        }
        String itemId = m.data().items().ids().id(top);
        Reply r = post("/v1/audience", "{\"item\": \"" + itemId + "\", \"users\": 15}");
        assertEquals(200, r.status(), r.text());
        JsonNode j = r.json();
        assertEquals("item:" + itemId, j.path("source").asText());
        int scored = j.path("scored_users").asInt();
        assertTrue(scored > 100, r.text());
        // Default threshold: the closest tenth of the users with a history.
        assertEquals(0.10, j.path("reached").asDouble() / scored, 0.03, r.text());
        JsonNode users = j.path("users");
        assertEquals(15, users.size());
        double last = Double.POSITIVE_INFINITY;
        int hits = 0;
        for (JsonNode u : users) {
            double a = u.path("affinity").asDouble();
            assertTrue(a <= last + 1e-9 && a >= j.path("threshold").asDouble() - 1e-4, r.text());
            last = a;
            assertTrue(u.path("user").asText().startsWith("u_"), "pseudonymised: " + u);
            hits += bought.get(u.path("user").asText()).contains(top) ? 1 : 0;
        }
        double overall = (double) buyers[top] / m.users();
        assertTrue((double) hits / users.size() > overall + 0.1, "buyers among the listed " + hits + "/15 vs "
                + overall + " overall");
        // Segments: visible ones only, best mean affinity first, sizes adding up to at most the users.
        JsonNode segs = j.path("segments");
        assertTrue(segs.size() >= 2, r.text());
        double prev = Double.POSITIVE_INFINITY;
        int members = 0;
        for (JsonNode s : segs) {
            assertTrue(s.path("mean_affinity").asDouble() <= prev + 1e-9, r.text());
            prev = s.path("mean_affinity").asDouble();
            assertTrue(s.path("size").asInt() >= 5, "minimum segment size: " + s);
            assertTrue(s.path("reached").asInt() <= s.path("with_history").asInt());
            members += s.path("size").asInt();
        }
        assertTrue(members + j.path("withheld_users").asInt() <= m.users());
        // The same from a text, and the given threshold is used.
        String title = m.data().items().title(top) != null ? m.data().items().title(top) : m.data().items().fullText(top);
        Reply t = post("/v1/audience", JSON.writeValueAsString(java.util.Map.of("text", title, "users", 5,
                "min_affinity", 0.2)));
        assertEquals(200, t.status(), t.text());
        assertEquals("text", t.json().path("source").asText());
        assertEquals(0.2, t.json().path("threshold").asDouble(), 1e-9);
        for (JsonNode u : t.json().path("users")) {
            assertTrue(u.path("affinity").asDouble() >= 0.2 - 1e-4, t.text());
        }
        // Error paths.
        assertError(post("/v1/audience", "{}"), 400, "missing_field");
        assertError(post("/v1/audience", "{\"text\": \"tea\", \"item\": \"" + itemId + "\"}"), 400,
                "bad_request");
        assertError(post("/v1/audience", "{\"item\": \"no-such-item\"}"), 404, "unknown_item");
        assertError(post("/v1/audience", "{\"text\": 5}"), 400, "wrong_type");
        assertError(post("/v1/audience", "{\"text\": \"tea\", \"users\": 5000}"), 400, "bad_request");
        assertError(post("/v1/audience", "{\"text\": \"tea\", \"min_affinity\": 3}"), 400, "bad_request");
        assertError(post("/v1/audience", "{\"text\": \"   \"}"), 400, "bad_request");
        assertError(post("/v1/audience", "{\"text\": \"tea\", \"colour\": 1}"), 400, "unknown_field");
        assertError(call("POST", "/v1/audience", null, "application/json", "{\"text\":\"tea\"}".getBytes()), 401,
                "unauthorized");
    }

    @Test
    void reload_swaps_the_model_and_metrics_and_openapi_are_served() throws Exception {
        long reloads = get("/v1/health").json().path("model").path("reloads").asLong();
        Reply r = call("POST", "/v1/admin/reload", KEY, null, null);
        assertEquals(200, r.status(), r.text());
        assertTrue(r.json().path("model").path("reloads").asLong() > reloads);
        Reply m = get("/metrics");
        assertEquals(200, m.status());
        assertTrue(m.text().contains("cohortlm_http_requests_total{"), m.text().substring(0, 200));
        assertTrue(m.text().contains("cohortlm_http_request_duration_seconds_bucket"));
        assertTrue(m.text().contains("cohortlm_model_users"));
        assertFalse(m.text().contains(KEY));
        Reply o = call("GET", "/openapi.json", null, null, null);
        assertEquals(200, o.status());
        for (String p : new String[] {"/v1/assign", "/v1/audience", "/v1/items", "/v1/users/{id}/recommendations",
                "/v1/users/{id}/events",
                "/v1/users/{id}", "/v1/segments/{id}", "/metrics", "/v1/health"}) {
            assertTrue(o.json().path("paths").has(p), "openapi documents " + p);
        }
        Reply dash = call("GET", "/", null, null, null);
        assertEquals(200, dash.status());
        assertTrue(dash.text().contains("<html"));
        assertEquals(200, call("GET", "/webjars/echarts/5.3.1/dist/echarts.min.js", null, null, null).status());
    }
}
