package io.cohortlm.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cohortlm.CohortException;
import io.cohortlm.embed.FakeEmbeddingServer.Reply;
import io.cohortlm.privacy.PiiCorpus;
import io.cohortlm.privacy.PiiType;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** RemoteEncoder against a real local HTTP server ({@link FakeEmbeddingServer}). */
class RemoteEncoderTest {
    private final FakeEmbeddingServer server = new FakeEmbeddingServer();
    private final List<RemoteEncoder> encoders = new ArrayList<>();

    @AfterEach
    void stop() {
        encoders.forEach(RemoteEncoder::close);
        server.close();
    }

    private RemoteEncoderConfig config() {
        return RemoteEncoderConfig.of(server.baseUrl(), "test-model").withApiKeyEnv("MY_TEST_KEY")
                .withRetries(3, Duration.ofMillis(5), Duration.ofMillis(50)).withTimeout(Duration.ofSeconds(5));
    }

    private RemoteEncoder encoder(RemoteEncoderConfig c, Map<String, String> env) {
        RemoteEncoder e = new RemoteEncoder(c, io.cohortlm.privacy.Redactor.standard(), env::get);
        encoders.add(e);
        return e;
    }

    private RemoteEncoder encoder(RemoteEncoderConfig c) {
        return encoder(c, Map.of());
    }

    private static List<String> texts(int n) {
        return IntStream.range(0, n).mapToObj(i -> "text number " + i + " " + "x".repeat(i)).toList();
    }

    @Test
    void batches_the_texts_and_restores_order_from_index() {
        RemoteEncoder enc = encoder(config().withBatchSize(4));
        List<String> in = texts(10);
        float[][] out = enc.encode(in);
        assertEquals(3, server.requestCount());
        assertEquals(List.of(4, 4, 2), server.requests.stream().map(r -> r.inputs().size()).sorted((a, b) -> b - a)
                .toList());
        for (int i = 0; i < in.size(); i++) {
            assertArrayEquals(FakeEmbeddingServer.vector(in.get(i)), out[i], 0f, "row " + i);
        }
        EncoderIdentity id = enc.identity();
        assertEquals(3, server.requestCount(), "identity known from the first response: no probe");
        assertEquals("openai:test-model", id.modelId());
        assertEquals(3, id.dimension());
        assertEquals("remote", id.pooling());
        assertFalse(id.normalized());
        assertEquals(RemoteEncoder.fingerprint(enc.config()), id.weightsFingerprint());
        assertEquals(64, id.weightsFingerprint().length());
        assertEquals(0, enc.retries());
    }

    @Test
    void fingerprint_depends_on_model_and_url() {
        var a = RemoteEncoderConfig.of(URI.create("http://a:1"), "m");
        assertEquals(RemoteEncoder.fingerprint(a), RemoteEncoder.fingerprint(a.withBatchSize(7)));
        assertNotEquals(RemoteEncoder.fingerprint(a), RemoteEncoder.fingerprint(RemoteEncoderConfig.of(
                URI.create("http://b:1"), "m")));
        assertNotEquals(RemoteEncoder.fingerprint(a), RemoteEncoder.fingerprint(RemoteEncoderConfig.of(
                URI.create("http://a:1"), "m2")));
    }

    @Test
    void answer_429_is_retried_after_the_servers_retry_after() {
        Function<FakeEmbeddingServer.Request, Reply> ok = server.behaviour;
        server.behaviour = r -> r.number() == 1
                ? new Reply(429, "{\"error\":{\"message\":\"rate limited\"}}", Map.of("Retry-After", "1"), 0)
                : ok.apply(r);
        RemoteEncoder enc = encoder(config());
        long t0 = System.nanoTime();
        float[][] out = enc.encode(List.of("hello"));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertArrayEquals(FakeEmbeddingServer.vector("hello"), out[0], 0f);
        assertEquals(1, enc.retries());
        assertEquals(2, enc.requestsSent());
        assertTrue(ms >= 950, "waited only " + ms + " ms despite Retry-After: 1");
    }

    @Test
    void answer_500_is_retried_with_backoff() {
        Function<FakeEmbeddingServer.Request, Reply> ok = server.behaviour;
        server.behaviour = r -> r.number() <= 2 ? Reply.status(500, "oops") : ok.apply(r);
        RemoteEncoder enc = encoder(config());
        enc.encode(List.of("hello"));
        assertEquals(2, enc.retries());
        assertEquals(3, server.requestCount());
    }

    @Test
    void persistent_503_fails_after_max_retries_with_the_last_status() {
        server.behaviour = r -> Reply.status(503, "{\"error\":\"overloaded\"}");
        RemoteEncoder enc = encoder(config().withRetries(2, Duration.ZERO, Duration.ZERO));
        var e = assertThrows(CohortException.class, () -> enc.encode(List.of("hello")));
        assertEquals("remote encoder at " + server.baseUrl() + "/v1/embeddings failed after 3 attempt(s): HTTP 503: "
                + "overloaded", e.getMessage());
    }

    @Test
    void timeouts_are_retried_then_reported() {
        server.behaviour = r -> new Reply(200, "{}", Map.of(), 3_000);
        RemoteEncoder enc = encoder(config().withTimeout(Duration.ofMillis(200))
                .withRetries(1, Duration.ofMillis(1), Duration.ofMillis(1)));
        var e = assertThrows(CohortException.class, () -> enc.encode(List.of("slow")));
        assertEquals("remote encoder at " + server.baseUrl() + "/v1/embeddings failed after 2 attempt(s): timed out "
                + "after 200 ms", e.getMessage());
        assertEquals(2, server.requestCount());
    }

    @Test
    void answer_401_without_a_key_names_the_env_var() {
        server.behaviour = r -> Reply.status(401, "{\"error\":{\"message\":\"Missing bearer token\"}}");
        var e = assertThrows(CohortException.class, () -> encoder(config()).encode(List.of("x")));
        assertEquals("remote encoder at " + server.baseUrl() + "/v1/embeddings answered HTTP 401: no API key was sent;"
                + " set the environment variable MY_TEST_KEY", e.getMessage());
        assertNull(server.requests.get(0).authorization());
        assertEquals(1, server.requestCount(), "401 is not retried");
    }

    @Test
    void answer_401_with_a_wrong_key_names_the_env_var_but_never_the_key() {
        server.behaviour = r -> Reply.status(401, "{\"error\":{\"message\":\"Incorrect API key\"}}");
        RemoteEncoder enc = encoder(config(), Map.of("MY_TEST_KEY", "sk-very-secret-123"));
        var e = assertThrows(CohortException.class, () -> enc.encode(List.of("x")));
        assertEquals("remote encoder at " + server.baseUrl() + "/v1/embeddings rejected the API key from environment "
                + "variable MY_TEST_KEY (HTTP 401)", e.getMessage());
        assertEquals("Bearer sk-very-secret-123", server.requests.get(0).authorization());
        assertFalse(enc.toString().contains("sk-very-secret"));
        assertFalse(enc.config().toString().contains("sk-very-secret"));
    }

    @Test
    void answer_404_says_the_model_was_not_found() {
        server.behaviour = r -> Reply.status(404, "{\"error\":\"model \\\"test-model\\\" not found, try pulling it first\"}");
        var e = assertThrows(CohortException.class, () -> encoder(config()).encode(List.of("x")));
        assertEquals("remote encoder at " + server.baseUrl() + "/v1/embeddings answered HTTP 404: model 'test-model' "
                + "not found, or the server has no /v1/embeddings endpoint: model \"test-model\" not found, try "
                + "pulling it first", e.getMessage());
    }

    @Test
    void malformed_responses_are_clear_errors() {
        String prefix = "malformed response from remote encoder at " + server.baseUrl() + "/v1/embeddings: ";
        server.behaviour = r -> Reply.ok("this is not json{");
        var e = assertThrows(CohortException.class, () -> encoder(config()).encode(List.of("x")));
        assertTrue(e.getMessage().startsWith(prefix + "not JSON"), e.getMessage());

        server.behaviour = r -> Reply.ok("{\"data\":[]}");
        e = assertThrows(CohortException.class, () -> encoder(config()).encode(List.of("x")));
        assertEquals(prefix + "'data' has 0 items for 1 inputs", e.getMessage());

        server.behaviour = r -> Reply.ok("{\"data\":[{\"embedding\":\"AAAA\",\"index\":0}]}");
        e = assertThrows(CohortException.class, () -> encoder(config()).encode(List.of("x")));
        assertEquals(prefix + "data[0].embedding is not a non-empty array of numbers", e.getMessage());

        server.behaviour = r -> Reply.ok("{\"data\":[{\"embedding\":[1],\"index\":0},{\"embedding\":[2],\"index\":0}]}");
        e = assertThrows(CohortException.class, () -> encoder(config()).encode(List.of("x", "y")));
        assertEquals(prefix + "data[1].index 0 is out of range or repeated", e.getMessage());
    }

    @Test
    void dimension_change_between_batches_is_refused() {
        server.behaviour = r -> Reply.ok(FakeEmbeddingServer.embeddings(r.inputs(),
                t -> r.number() == 1 ? new float[] {1, 2, 3} : new float[] {1, 2, 3, 4}, false));
        RemoteEncoder enc = encoder(config().withBatchSize(1).withMaxConcurrent(1));
        var e = assertThrows(CohortException.class, () -> enc.encode(List.of("a", "b")));
        assertEquals("remote encoder at " + server.baseUrl() + "/v1/embeddings returned 4-dimensional vectors in "
                + "batch 1, but expected 3 (from the first response)", e.getMessage());
    }

    @Test
    void configured_dimension_is_enforced() {
        RemoteEncoder enc = encoder(config().withDimension(8));
        assertEquals(8, enc.identity().dimension(), "configured: no probe needed");
        assertEquals(0, server.requestCount());
        var e = assertThrows(CohortException.class, () -> enc.encode(List.of("a")));
        assertTrue(e.getMessage().endsWith("returned 3-dimensional vectors in batch 0, but expected 8 (configured)"),
                e.getMessage());
    }

    @Test
    void connection_refused_names_the_url() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        RemoteEncoderConfig c = RemoteEncoderConfig.of(URI.create("http://127.0.0.1:" + port), "m");
        var e = assertThrows(CohortException.class, () -> encoder(c).encode(List.of("x")));
        assertEquals("cannot connect to remote encoder at http://127.0.0.1:" + port
                + ": connection refused (is the server running?)", e.getMessage());
    }

    @Test
    void identity_probes_the_server_once_when_the_dimension_is_unknown() {
        server.behaviour = r -> Reply.ok(FakeEmbeddingServer.embeddings(r.inputs(), t -> new float[] {0.6f, 0.8f}, false));
        RemoteEncoder enc = encoder(config());
        EncoderIdentity id = enc.identity();
        assertEquals(2, id.dimension());
        assertTrue(id.normalized(), "unit-length vectors are detected");
        assertEquals(List.of("dimension probe"), server.requests.get(0).inputs());
        enc.identity();
        assertEquals(1, server.requestCount());
    }

    @Test
    void normalize_makes_vectors_unit_length() {
        server.behaviour = r -> Reply.ok(FakeEmbeddingServer.embeddings(r.inputs(), t -> new float[] {3, 4}, false));
        RemoteEncoder enc = encoder(config().withNormalize(true));
        float[][] out = enc.encode(List.of("a"));
        assertArrayEquals(new float[] {0.6f, 0.8f}, out[0], 1e-6f);
        assertTrue(enc.identity().normalized());
    }

    @Test
    void never_more_requests_in_flight_than_max_concurrent() {
        Function<FakeEmbeddingServer.Request, Reply> ok = server.behaviour;
        server.behaviour = r -> {
            Reply x = ok.apply(r);
            return new Reply(x.status(), x.body(), x.headers(), 80);
        };
        RemoteEncoder enc = encoder(config().withBatchSize(1).withMaxConcurrent(2));
        enc.encode(texts(8));
        assertEquals(8, server.requestCount());
        assertEquals(2, server.maxInFlight.get());
    }

    @Test
    void rate_limit_spaces_out_requests() {
        RemoteEncoder enc = encoder(config().withBatchSize(1).withMaxConcurrent(4).withRequestsPerSecond(20));
        long t0 = System.nanoTime();
        enc.encode(texts(5));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms >= 190, "5 requests at 20/s took only " + ms + " ms");
    }

    @Test
    void dry_run_returns_the_exact_redacted_bodies_and_sends_nothing() {
        RemoteEncoder enc = encoder(config().withBatchSize(2));
        List<String> bodies = enc.dryRun(List.of("mail a.b@example.com", "手机13812345678", "plain \"quoted\" text"));
        assertEquals(List.of(
                "{\"model\":\"test-model\",\"input\":[\"mail [EMAIL]\",\"手机[PHONE]\"]}",
                "{\"model\":\"test-model\",\"input\":[\"plain \\\"quoted\\\" text\"]}"), bodies);
        assertEquals(0, server.requestCount());
        assertEquals(0, enc.requestsSent());
        assertEquals(0, enc.redactionStats().texts());
    }

    @Test
    void dry_run_bodies_are_what_encode_sends() {
        RemoteEncoder enc = encoder(config().withBatchSize(3).withMaxConcurrent(1));
        List<String> in = texts(7);
        List<String> bodies = enc.dryRun(in);
        enc.encode(in);
        assertEquals(bodies, server.requests.stream().map(FakeEmbeddingServer.Request::body).toList());
    }

    @Test
    void no_pii_from_the_corpus_reaches_the_server() {
        List<PiiCorpus.PiiCase> cases = PiiCorpus.positives();
        RemoteEncoder enc = encoder(config().withBatchSize(16));
        float[][] out = enc.encode(cases.stream().map(PiiCorpus.PiiCase::text).toList());
        assertEquals(cases.size(), out.length);
        String allBodies = String.join("\n", server.requests.stream().map(FakeEmbeddingServer.Request::body).toList());
        String allInputs = server.requests.stream().flatMap(r -> r.inputs().stream()).collect(Collectors.joining("\n"));
        assertEquals(cases.size(), server.requests.stream().mapToInt(r -> r.inputs().size()).sum());
        for (PiiCorpus.PiiCase c : cases) {
            PiiCorpus.assertNoLeak(c, allBodies);
            PiiCorpus.assertNoLeak(c, allInputs);
        }
        assertEquals(cases.size(), enc.redactionStats().changedTexts());
        assertTrue(enc.redactionStats().count(PiiType.PHONE) >= 30, enc.redactionStats().toString());
    }

    @Test
    void backoff_is_seeded_exponential_and_capped() {
        RemoteEncoder a = encoder(config().withRetries(5, Duration.ofMillis(100), Duration.ofMillis(1000)));
        RemoteEncoder b = encoder(a.config());
        RemoteEncoder c = encoder(a.config().withSeed(7));
        for (int attempt = 0; attempt < 6; attempt++) {
            long d = a.backoffMillis(3, attempt);
            assertEquals(d, b.backoffMillis(3, attempt), "same seed, same delay");
            double cap = Math.min(1000, 100 * Math.pow(2, attempt));
            assertTrue(d >= cap * 0.5 - 1 && d <= cap, "attempt " + attempt + ": " + d);
        }
        assertNotEquals(a.backoffMillis(3, 2), c.backoffMillis(3, 2));
    }

    @Test
    void retry_after_reads_seconds_and_http_dates() {
        assertEquals(2000, RemoteEncoder.retryAfterMillis("2"));
        assertEquals(0, RemoteEncoder.retryAfterMillis("0"));
        assertEquals(-1, RemoteEncoder.retryAfterMillis("soon"));
        assertEquals(-1, RemoteEncoder.retryAfterMillis(null));
        assertEquals(0, RemoteEncoder.retryAfterMillis("Wed, 21 Oct 2015 07:28:00 GMT"), "a past date: no wait");
    }

    @Test
    void empty_input_sends_nothing_and_null_texts_are_refused() {
        RemoteEncoder enc = encoder(config());
        assertEquals(0, enc.encode(List.of()).length);
        assertEquals(0, server.requestCount());
        List<String> withNull = new ArrayList<>();
        withNull.add("a");
        withNull.add(null);
        var e = assertThrows(IllegalArgumentException.class, () -> enc.encode(withNull));
        assertEquals("texts[1] is null", e.getMessage());
    }

    @Test
    void token_count_is_a_rough_upper_estimate() {
        RemoteEncoder enc = encoder(config());
        assertEquals(2, enc.countTokens(""));
        assertEquals(2 + 2 + 2, enc.countTokens("hello world")); // 2 special + ceil(5/4) per word
        assertEquals(2 + 4, enc.countTokens("你好世界"));
        assertEquals(512, enc.maxTokens());
    }
}
