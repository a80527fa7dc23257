package io.cohortlm.embed;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cohortlm.CohortException;
import io.cohortlm.privacy.RedactionStats;
import io.cohortlm.privacy.Redactor;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link Encoder} that calls an OpenAI-compatible {@code POST {baseUrl}/v1/embeddings} endpoint
 * ({@code {"model": m, "input": [...]}} → {@code {"data": [{"embedding": [...], "index": i}, ...]}}), so it
 * works with OpenAI, Ollama, vLLM, the llama.cpp server and other hosted APIs.
 * <p>Privacy: every text passes through the {@link Redactor} before it is sent; this cannot be turned off.
 * {@link #dryRun} returns the exact request bodies that would be sent and sends nothing. The API key is read
 * from the environment variable named in the config at construction, sent only as a Bearer header, and never
 * logged or put in a message.
 * <p>Transport: texts go in batches of {@code batchSize}, at most {@code maxConcurrent} in flight, paced by
 * {@code requestsPerSecond}. A 408, 429 or 5xx answer, a timeout or a dropped connection is retried up to
 * {@code maxRetries} times after {@code backoffBase · 2^retry} (capped at {@code backoffMax}) scaled by a seeded
 * jitter in [0.5, 1), or after the server's {@code Retry-After} if that is longer. Order is restored from each
 * item's {@code index}. A refused connection, 401/403, 404 and other 4xx answers fail at once.
 * <p>Identity: model id {@code openai:<model>}, fingerprint sha256(model + "\n" + base URL), pooling
 * {@code remote}, dimension as configured or taken from the first response, normalized if configured or if
 * every vector of the first response has unit length. When the dimension is neither configured nor known
 * yet, {@link #identity()} sends one probe request with the text {@code "dimension probe"}.
 * <p>Thread-safe; {@link #close()} stops the request threads.
 */
public final class RemoteEncoder implements Encoder {
    private static final Logger LOG = LoggerFactory.getLogger(RemoteEncoder.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MAX_RETRY_AFTER_MS = 600_000;

    private final RemoteEncoderConfig config;
    private final Redactor redactor;
    private final String apiKey;
    private final HttpClient http;
    private final ExecutorService pool;
    private final RequestPacer pacer;
    private final RedactionStats redactionStats = new RedactionStats();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private final AtomicLong batchCounter = new AtomicLong();
    private final AtomicInteger dimension;
    private volatile Boolean detectedNormalized;
    private volatile EncoderIdentity identity;

    /** A remote encoder with the standard {@link Redactor}. */
    public RemoteEncoder(RemoteEncoderConfig config) {
        this(config, Redactor.standard());
    }

    /** A remote encoder with the given redactor, e.g. one that also removes a dataset's personal values. */
    public RemoteEncoder(RemoteEncoderConfig config, Redactor redactor) {
        this(config, redactor, System::getenv);
    }

    RemoteEncoder(RemoteEncoderConfig config, Redactor redactor, Function<String, String> env) {
        this.config = Objects.requireNonNull(config, "config");
        this.redactor = Objects.requireNonNull(redactor, "redactor");
        String k = env.apply(config.apiKeyEnv());
        this.apiKey = k == null || k.isBlank() ? null : k.strip();
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(config.timeout())
                .build();
        this.pool = Executors.newFixedThreadPool(config.maxConcurrent(), daemonThreads());
        this.pacer = new RequestPacer(config.requestsPerSecond());
        this.dimension = new AtomicInteger(config.dimension());
    }

    public RemoteEncoderConfig config() {
        return config;
    }

    /** Totals of what was redacted from the texts sent so far (counts only). */
    public RedactionStats redactionStats() {
        return redactionStats;
    }

    /** HTTP requests sent so far, retries included. */
    public long requestsSent() {
        return requests.get();
    }

    /** Retries so far (requests sent again after a retryable failure). */
    public long retries() {
        return retries.get();
    }

    @Override
    public EncoderIdentity identity() {
        EncoderIdentity id = identity;
        if (id != null) {
            return id;
        }
        if (dimension.get() == 0) {
            encode(List.of("dimension probe"));
        }
        synchronized (this) {
            if (identity == null) {
                boolean normalized = config.normalize() || Boolean.TRUE.equals(detectedNormalized);
                identity = new EncoderIdentity("openai:" + config.model(), fingerprint(config), dimension.get(),
                        "remote", normalized);
            }
            return identity;
        }
    }

    /** sha256 hex of {@code model + "\n" + baseUrl}. */
    static String fingerprint(RemoteEncoderConfig c) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256")
                    .digest((c.model() + "\n" + c.baseUrl()).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The JSON request bodies {@link #encode} would send for {@code texts}, one per batch in order, after
     * redaction. Sends nothing and changes no counters.
     */
    public List<String> dryRun(List<String> texts) {
        List<String> redacted = redact(texts, new RedactionStats());
        List<String> bodies = new ArrayList<>();
        for (int from = 0; from < redacted.size(); from += config.batchSize()) {
            bodies.add(body(redacted.subList(from, Math.min(redacted.size(), from + config.batchSize()))));
        }
        return bodies;
    }

    @Override
    public float[][] encode(List<String> texts) {
        RedactionStats call = new RedactionStats();
        List<String> redacted = redact(texts, call);
        redactionStats.addAll(call);
        if (call.changedTexts() > 0) {
            LOG.info("remote encoder: {} before sending", call); // counts by type only, never values
        }
        int n = redacted.size();
        float[][] out = new float[n][];
        if (n == 0) {
            return out;
        }
        List<Future<float[][]>> futures = new ArrayList<>();
        List<Integer> starts = new ArrayList<>();
        for (int from = 0; from < n; from += config.batchSize()) {
            List<String> batch = redacted.subList(from, Math.min(n, from + config.batchSize()));
            long batchNo = batchCounter.getAndIncrement();
            starts.add(from);
            futures.add(pool.submit(() -> sendWithRetries(batch, batchNo)));
        }
        try {
            for (int b = 0; b < futures.size(); b++) {
                float[][] vs = futures.get(b).get();
                System.arraycopy(vs, 0, out, starts.get(b), vs.length);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            futures.forEach(f -> f.cancel(true));
            throw new CancellationException("interrupted while waiting for the remote encoder");
        } catch (ExecutionException e) {
            futures.forEach(f -> f.cancel(true));
            Throwable c = e.getCause();
            if (c instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(c);
        }
        return out;
    }

    private List<String> redact(List<String> texts, RedactionStats stats) {
        for (int i = 0; i < texts.size(); i++) {
            if (texts.get(i) == null) {
                throw new IllegalArgumentException("texts[" + i + "] is null");
            }
        }
        return redactor.redactAll(texts, stats);
    }

    private String body(List<String> batch) {
        ObjectNode root = JSON.createObjectNode();
        root.put("model", config.model());
        ArrayNode input = root.putArray("input");
        batch.forEach(input::add);
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private float[][] sendWithRetries(List<String> batch, long batchNo) throws InterruptedException {
        URI url = config.endpoint();
        HttpRequest.Builder rb = HttpRequest.newBuilder(url).timeout(config.timeout())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body(batch), StandardCharsets.UTF_8));
        if (apiKey != null) {
            rb.header("Authorization", "Bearer " + apiKey);
        }
        HttpRequest request = rb.build();
        String lastFailure = null;
        for (int attempt = 0; ; attempt++) {
            long retryAfterMs = -1;
            pacer.acquire();
            requests.incrementAndGet();
            try {
                HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                int s = r.statusCode();
                if (s == 200) {
                    return parse(r.body(), batch.size(), batchNo);
                }
                if (s == 408 || s == 429 || s >= 500) {
                    lastFailure = "HTTP " + s + EmbeddingsResponse.serverMessage(r.body());
                    retryAfterMs = retryAfterMillis(r.headers().firstValue("Retry-After").orElse(null));
                } else {
                    throw clientError(s, r.body());
                }
            } catch (HttpTimeoutException e) {
                lastFailure = "timed out after " + config.timeout().toMillis() + " ms";
            } catch (IOException e) {
                if (isConnectionRefused(e)) {
                    throw new CohortException("cannot connect to remote encoder at " + config.baseUrl()
                            + ": connection refused (is the server running?)", e);
                }
                lastFailure = "I/O error: " + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : " " + e.getMessage());
            }
            if (attempt >= config.maxRetries()) {
                throw new CohortException("remote encoder at " + url + " failed after " + (attempt + 1)
                        + " attempt(s): " + lastFailure);
            }
            if (retryAfterMs > MAX_RETRY_AFTER_MS) {
                throw new CohortException("remote encoder at " + url + " asked to retry after " + retryAfterMs / 1000
                        + " s (" + lastFailure + "); giving up");
            }
            long delay = Math.max(backoffMillis(batchNo, attempt), retryAfterMs);
            retries.incrementAndGet();
            LOG.info("remote encoder: {} from {}; retry {}/{} in {} ms", lastFailure, url, attempt + 1,
                    config.maxRetries(), delay);
            Thread.sleep(delay);
        }
    }

    /** {@code min(backoffMax, backoffBase · 2^attempt) · u}, u in [0.5, 1) from (seed, batch, attempt). */
    long backoffMillis(long batchNo, int attempt) {
        double capped = Math.min((double) config.backoffMax().toMillis(),
                config.backoffBase().toMillis() * Math.pow(2, attempt));
        long mix = config.seed() * 0x9E3779B97F4A7C15L + batchNo * 0xBF58476D1CE4E5B9L + attempt;
        double u = 0.5 + 0.5 * new SplittableRandom(mix).nextDouble();
        return Math.round(capped * u);
    }

    /** Retry-After as delay-seconds or an HTTP date; -1 if absent or unreadable. */
    static long retryAfterMillis(String v) {
        if (v == null || v.isBlank()) {
            return -1;
        }
        String t = v.strip();
        try {
            return Math.max(0, Math.round(Double.parseDouble(t) * 1000));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(t, DateTimeFormatter.RFC_1123_DATE_TIME);
                return Math.max(0, Duration.between(ZonedDateTime.now(at.getZone()), at).toMillis());
            } catch (RuntimeException notDate) {
                return -1;
            }
        }
    }

    private static boolean isConnectionRefused(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                return true;
            }
        }
        return false;
    }

    private CohortException clientError(int status, String body) {
        String url = config.endpoint().toString();
        return switch (status) {
            case 401, 403 -> new CohortException(apiKey == null
                    ? "remote encoder at " + url + " answered HTTP " + status + ": no API key was sent; set the "
                            + "environment variable " + config.apiKeyEnv()
                    : "remote encoder at " + url + " rejected the API key from environment variable "
                            + config.apiKeyEnv() + " (HTTP " + status + ")");
            case 404 -> new CohortException("remote encoder at " + url + " answered HTTP 404: model '"
                    + config.model() + "' not found, or the server has no /v1/embeddings endpoint"
                    + EmbeddingsResponse.serverMessage(body));
            default -> new CohortException("remote encoder at " + url + " refused the request (HTTP " + status
                    + EmbeddingsResponse.serverMessage(body) + ")");
        };
    }

    private float[][] parse(String body, int expected, long batchNo) {
        float[][] out = EmbeddingsResponse.parse(body, expected, config.endpoint());
        checkDimension(out, batchNo);
        if (config.normalize()) {
            for (float[] v : out) {
                normalizeInPlace(v);
            }
        }
        return out;
    }


    private void checkDimension(float[][] vs, long batchNo) {
        int d = vs[0].length;
        for (float[] v : vs) {
            if (v.length != d) {
                throw new CohortException("remote encoder at " + config.endpoint() + " returned vectors of "
                        + "different lengths (" + d + " and " + v.length + ") in one batch");
            }
        }
        if (dimension.compareAndSet(0, d)) {
            boolean unit = true;
            for (float[] v : vs) {
                unit &= Math.abs(norm(v) - 1.0) < 1e-3;
            }
            detectedNormalized = unit;
            LOG.info("remote encoder {} at {}: {}-dimensional vectors{}", config.model(), config.baseUrl(), d,
                    unit ? ", unit length" : "");
            return;
        }
        int expected = dimension.get();
        if (expected != d) {
            throw new CohortException("remote encoder at " + config.endpoint() + " returned " + d
                    + "-dimensional vectors in batch " + batchNo + ", but expected " + expected
                    + (config.dimension() > 0 ? " (configured)" : " (from the first response)"));
        }
    }

    private static double norm(float[] v) {
        double s = 0;
        for (float x : v) {
            s += (double) x * x;
        }
        return Math.sqrt(s);
    }

    private static void normalizeInPlace(float[] v) {
        double n = norm(v);
        if (n > 0) {
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) (v[i] / n);
            }
        }
    }

    /**
     * Approximate token count (the served model's tokenizer is not available here): one per CJK character,
     * one per 4 chars of a letter/digit run, one per other non-space character, plus 2 special tokens.
     */
    @Override
    public int countTokens(String text) {
        int tokens = 2;
        int run = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isIdeographic(cp) || Character.UnicodeScript.of(cp) == Character.UnicodeScript.HANGUL
                    || Character.UnicodeScript.of(cp) == Character.UnicodeScript.HIRAGANA
                    || Character.UnicodeScript.of(cp) == Character.UnicodeScript.KATAKANA) {
                tokens += (run + 3) / 4 + 1;
                run = 0;
            } else if (Character.isLetterOrDigit(cp)) {
                run++;
            } else {
                tokens += (run + 3) / 4 + (Character.isWhitespace(cp) ? 0 : 1);
                run = 0;
            }
        }
        return tokens + (run + 3) / 4;
    }

    @Override
    public int maxTokens() {
        return config.maxTokens();
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }

    @Override
    public String toString() {
        return "RemoteEncoder[" + config.model() + " @ " + config.baseUrl() + ", key from $" + config.apiKeyEnv()
                + (apiKey == null ? " (unset)" : "") + "]";
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "cohortlm-remote-encoder-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
