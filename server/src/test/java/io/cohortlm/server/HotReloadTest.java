package io.cohortlm.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cohortlm.serve.HashingEncoder;
import io.cohortlm.serve.SegmentService;
import io.cohortlm.serve.ServingFixture;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A rebuilt bundle is picked up by the watcher and swapped in while requests keep being answered. */
class HotReloadTest {
    static final String KEY = ServerApiTest.KEY;

    @Test
    void a_rebuilt_bundle_is_swapped_in_without_failing_a_single_request(@TempDir Path root) throws Exception {
        ServingFixture.Built first = ServingFixture.build(root, 150);
        String user = first.data().users().ids().id(0);
        try (SegmentService service = new SegmentService(first.bundle(), new SegmentService.Settings(5, 1, 3, 100,
                root.resolve("state")), new HashingEncoder(32), first.pseudonymizer());
                CohortServer server = CohortServer.start(service, ServerConfig.defaults(0, KEY, first.bundle())
                        .withWatch(true))) {
            HttpClient http = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + server.port();
            String oldModel = service.health().modelId();
            Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
            AtomicBoolean stop = new AtomicBoolean();
            Thread load = new Thread(() -> {
                while (!stop.get()) {
                    try {
                        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/v1/users/" + user
                                + "/recommendations?k=5")).header("X-API-Key", KEY).timeout(Duration.ofSeconds(20))
                                .build(), HttpResponse.BodyHandlers.ofString());
                        statuses.computeIfAbsent(r.statusCode(), k -> new AtomicInteger()).incrementAndGet();
                    } catch (Exception e) {
                        statuses.computeIfAbsent(-1, k -> new AtomicInteger()).incrementAndGet();
                    }
                }
            });
            load.start();
            ServingFixture.Built second = ServingFixture.build(root, 180); // same folder, replaced atomically
            assertEquals(user, second.data().users().ids().id(0));
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (service.health().users() != 180 && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            Thread.sleep(500);
            stop.set(true);
            load.join(30_000);
            assertEquals(180, service.health().users(), "the watcher reloaded the rebuilt bundle");
            assertTrue(!service.health().modelId().equals(oldModel));
            assertEquals(Map.of(200, statuses.get(200).get()).keySet(), statuses.keySet(),
                    "every request during the swap was answered 200: " + statuses);
            assertTrue(statuses.get(200).get() > 20, "requests kept flowing: " + statuses);
        }
    }
}
