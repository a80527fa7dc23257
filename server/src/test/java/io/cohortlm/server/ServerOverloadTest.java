package io.cohortlm.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cohortlm.embed.Encoder;
import io.cohortlm.embed.EncoderIdentity;
import io.cohortlm.serve.HashingEncoder;
import io.cohortlm.serve.SegmentService;
import io.cohortlm.serve.ServingFixture;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Overload is refused at once with 429 / 503 and a JSON body; it never hangs and never becomes a 500. */
class ServerOverloadTest {
    static final String KEY = ServerApiTest.KEY;

    /** The hashing encoder, but each call waits until released (a busy language model). */
    static final class BlockingEncoder implements Encoder {
        final HashingEncoder inner = new HashingEncoder(32);
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        /** Blocks only once armed: the service's start-up warm-up call passes straight through. */
        volatile boolean armed;

        @Override
        public EncoderIdentity identity() {
            return inner.identity();
        }

        @Override
        public float[][] encode(List<String> texts) {
            if (!armed) {
                return inner.encode(texts);
            }
            entered.countDown();
            try {
                release.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return inner.encode(texts);
        }

        @Override
        public int countTokens(String text) {
            return inner.countTokens(text);
        }

        @Override
        public int maxTokens() {
            return inner.maxTokens();
        }

        @Override
        public void close() {
        }
    }

    @Test
    void a_busy_language_model_gives_429_and_a_full_server_gives_503_immediately(@TempDir Path root)
            throws Exception {
        ServingFixture.Built built = ServingFixture.build(root, 120);
        BlockingEncoder enc = new BlockingEncoder();
        try (SegmentService service = new SegmentService(built.bundle(), new SegmentService.Settings(5, 1, 3, 100,
                root.resolve("state")), enc, built.pseudonymizer());
                CohortServer server = CohortServer.start(service, ServerConfig.defaults(0, KEY, built.bundle())
                        .withLimits(2, 1, 0))) {
            enc.armed = true;
            HttpClient http = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + server.port();
            HttpRequest assign = HttpRequest.newBuilder(URI.create(base + "/v1/assign"))
                    .header("X-API-Key", KEY).header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"profile_text\":\"tent and lantern\"}")).build();
            CompletableFuture<HttpResponse<String>> first = http.sendAsync(assign, HttpResponse.BodyHandlers.ofString());
            assertTrue(enc.entered.await(10, TimeUnit.SECONDS), "the first request reached the encoder");
            // The encoder's only slot is taken and no one may wait: the next text is refused with 429.
            long t0 = System.nanoTime();
            HttpResponse<String> second = http.send(assign, HttpResponse.BodyHandlers.ofString());
            assertEquals(429, second.statusCode(), second.body());
            assertTrue(second.body().contains("\"too_many_requests\""));
            assertEquals("1", second.headers().firstValue("Retry-After").orElse(""));
            // Other work still gets through while the language model is busy (2 in flight allowed).
            HttpResponse<String> fits = http.send(HttpRequest.newBuilder(URI.create(base + "/v1/segments"))
                    .header("X-API-Key", KEY).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, fits.statusCode());
            double ms = (System.nanoTime() - t0) / 1e6;
            assertTrue(ms < 5000, "refusals are immediate, took " + ms + " ms");
            enc.release.countDown();
            HttpResponse<String> done = first.get(20, TimeUnit.SECONDS);
            assertEquals(200, done.statusCode(), done.body());
        }
    }

    @Test
    void past_the_in_flight_limit_requests_get_503(@TempDir Path root) throws Exception {
        ServingFixture.Built built = ServingFixture.build(root, 120);
        BlockingEncoder enc = new BlockingEncoder();
        try (SegmentService service = new SegmentService(built.bundle(), new SegmentService.Settings(5, 1, 3, 100,
                root.resolve("state")), enc, built.pseudonymizer());
                CohortServer server = CohortServer.start(service, ServerConfig.defaults(0, KEY, built.bundle())
                        .withLimits(1, 1, 4))) {
            enc.armed = true;
            HttpClient http = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + server.port();
            HttpRequest assign = HttpRequest.newBuilder(URI.create(base + "/v1/assign"))
                    .header("X-API-Key", KEY).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"profile_text\":\"tent\"}")).build();
            CompletableFuture<HttpResponse<String>> first = http.sendAsync(assign, HttpResponse.BodyHandlers.ofString());
            assertTrue(enc.entered.await(10, TimeUnit.SECONDS));
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/v1/segments"))
                    .header("X-API-Key", KEY).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(503, r.statusCode(), r.body());
            assertTrue(r.body().contains("\"overloaded\""));
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(base + "/v1/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(503, health.statusCode(), "health is admitted like the rest: it reports overload too");
            enc.release.countDown();
            assertEquals(200, first.get(20, TimeUnit.SECONDS).statusCode());
            assertEquals(200, http.send(HttpRequest.newBuilder(URI.create(base + "/v1/segments"))
                    .header("X-API-Key", KEY).build(), HttpResponse.BodyHandlers.ofString()).statusCode());
        }
    }
}
