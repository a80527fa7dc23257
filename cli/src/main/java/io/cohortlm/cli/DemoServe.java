package io.cohortlm.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cohortlm.CohortException;
import io.cohortlm.privacy.PseudonymKeyConfig;
import io.cohortlm.privacy.Pseudonymizer;
import io.cohortlm.serve.SegmentService;
import io.cohortlm.server.CohortServer;
import io.cohortlm.server.ServerConfig;
import io.cohortlm.store.AtomicDirectory;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The demo's serve step: starts the real server on a free loopback port over the packaged bundle, asks it what a
 * client would (health, a user's segment and recommendations, a cold-start assignment with a profile text, a new
 * item and its audience), prints
 * the answers and stops. A fresh state folder is used so the demo never leaves received events behind.
 */
final class DemoServe {
    private DemoServe() {
    }

    static void smoke(Path bundle, Path state, PrintWriter o) {
        AtomicDirectory.deleteTree(state);
        byte[] k = new byte[16];
        new SecureRandom().nextBytes(k);
        String key = HexFormat.of().formatHex(k);
        Pseudonymizer p = Pseudonymizer.load(PseudonymKeyConfig.defaults(Path.of("")));
        long t0 = System.nanoTime();
        try (SegmentService service = ServeCommand.open(bundle, new SegmentService.Settings(10,
                Runtime.getRuntime().availableProcessors(), 42, 10_000, state), p);
                CohortServer server = CohortServer.start(service, ServerConfig.defaults(0, key, bundle))) {
            String base = "http://127.0.0.1:" + server.port();
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            ObjectMapper json = new ObjectMapper();
            JsonNode health = get(http, json, base + "/v1/health", null);
            o.printf(Locale.ROOT, "  listening on %s (started in %.1f s): model %s, %d users, %d segments%n", base,
                    (System.nanoTime() - t0) / 1e9, health.path("model").path("id").asText(),
                    health.path("model").path("users").asInt(), health.path("model").path("segments").asInt());
            String user = service.model().data().users().ids().id(0);
            JsonNode seg = get(http, json, base + "/v1/users/" + user + "/segment", key);
            o.printf(Locale.ROOT, "  GET /v1/users/%s/segment -> %s (confidence %.2f): %s%n", user,
                    seg.path("segment_name").asText(), seg.path("confidence").asDouble(),
                    seg.path("reasons").path(0).asText());
            JsonNode recs = get(http, json, base + "/v1/users/" + user + "/recommendations?k=3", key);
            for (JsonNode r : recs.path("items")) {
                o.printf(Locale.ROOT, "    %-40s %s%n", r.path("title").asText(), r.path("reason").asText());
            }
            String body = "{\"profile_text\":\"Buys vintage tea sets, cake stands and Christmas decorations\","
                    + "\"attributes\":{\"country\":\"France\"},\"k\":3}";
            HttpResponse<String> a = http.send(HttpRequest.newBuilder(URI.create(base + "/v1/assign"))
                    .header("X-API-Key", key).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode as = json.readTree(a.body());
            o.printf(Locale.ROOT, "  POST /v1/assign (new user: text + country) -> %s in %.0f ms%n",
                    as.path("segment_name").asText(), as.path("took_ms").asDouble());
            for (JsonNode r : as.path("recommendations")) {
                o.printf(Locale.ROOT, "    %-40s %s%n", r.path("title").asText(), r.path("reason").asText());
            }
            HttpResponse<String> it = post(http, base + "/v1/items", key, "{\"id\":\"DEMO-NEW-1\","
                    + "\"title\":\"ENAMEL CAMPING LANTERN WITH HOOK\",\"categories\":[\"Camping\"]}");
            if (it.statusCode() == 201) {
                JsonNode in = json.readTree(it.body());
                o.printf(Locale.ROOT, "  POST /v1/items (a product nobody has bought yet) -> like %s (cosine %.2f);"
                        + " bridge: %s%n", in.path("neighbours").path(0).path("title").asText(),
                        in.path("neighbours").path(0).path("similarity").asDouble(), in.path("bridge").asText());
                JsonNode au = json.readTree(post(http, base + "/v1/audience", key,
                        "{\"item\":\"DEMO-NEW-1\",\"users\":3}").body());
                o.printf(Locale.ROOT, "  POST /v1/audience (who should see it?) -> %d users reached (%s)%n",
                        au.path("reached").asInt(), au.path("threshold_reason").asText());
                for (JsonNode sg : au.path("segments")) {
                    o.printf(Locale.ROOT, "    %-40s %5d members, %4d reached, lift %.2f×%n",
                            sg.path("name").asText(), sg.path("size").asInt(), sg.path("reached").asInt(),
                            sg.path("lift").asDouble());
                }
            } else {
                o.printf(Locale.ROOT, "  POST /v1/items -> %d (%s): new items and audiences need item-text vectors%n",
                        it.statusCode(), json.readTree(it.body()).path("error").path("message").asText());
            }
            o.flush();
        } catch (java.io.IOException e) {
            throw new CohortException("demo serve step failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CohortException("demo serve step interrupted");
        } finally {
            AtomicDirectory.deleteTree(state);
        }
    }

    private static HttpResponse<String> post(HttpClient http, String url, String key, String body)
            throws java.io.IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("X-API-Key", key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode get(HttpClient http, ObjectMapper json, String url, String key)
            throws java.io.IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
        if (key != null) {
            b.header("X-API-Key", key);
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new CohortException("demo serve step: " + url.replaceAll("/users/[^/]+", "/users/…") + " answered "
                    + r.statusCode() + ": " + r.body());
        }
        return json.readTree(r.body());
    }
}
