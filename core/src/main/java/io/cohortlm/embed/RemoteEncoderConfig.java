package io.cohortlm.embed;

import io.cohortlm.CohortException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Settings of a {@link RemoteEncoder}: an OpenAI-compatible {@code POST {baseUrl}/v1/embeddings} endpoint
 * (OpenAI, Ollama, vLLM, llama.cpp server, …). Start from {@link #of} or {@link #parse} and change fields with
 * the {@code with…} methods. Holds the <em>name</em> of the environment variable with the API key, never the
 * key.
 *
 * @param baseUrl           http(s) URL of the server without {@code /v1}, e.g. {@code http://localhost:11434}
 * @param model             model name sent in each request, e.g. {@code nomic-embed-text}
 * @param apiKeyEnv         environment variable holding the API key (sent as {@code Authorization: Bearer});
 *                          when unset, no key is sent (local servers need none)
 * @param batchSize         texts per request, in [1, 2048]
 * @param timeout           per-request timeout (connect and response), in [1 ms, 10 min]
 * @param maxRetries        retries after a 408/429/5xx answer, a timeout or a dropped connection, in [0, 20]
 * @param backoffBase       first retry delay before jitter; doubles per retry, in [0, 1 min]
 * @param backoffMax        cap of the computed retry delay (a server's Retry-After is honoured up to 10 min)
 * @param requestsPerSecond client-side request rate limit, in (0, 10000]; 0 = no limit
 * @param maxConcurrent     requests in flight at once, in [1, 64]
 * @param seed              seed of the retry jitter
 * @param dimension         expected vector length; 0 = take it from the first response
 * @param normalize         true: L2-normalise returned vectors here (identity says normalized); false: keep them
 *                          as returned and detect from the first response whether they are unit length
 * @param maxTokens         most tokens the served model reads (for fitting texts), in [1, 1000000]
 */
public record RemoteEncoderConfig(URI baseUrl, String model, String apiKeyEnv, int batchSize, Duration timeout,
        int maxRetries, Duration backoffBase, Duration backoffMax, double requestsPerSecond, int maxConcurrent,
        long seed, int dimension, boolean normalize, int maxTokens) {

    /** Default environment variable for the API key. */
    public static final String DEFAULT_API_KEY_ENV = "OPENAI_API_KEY";
    /** Base URL used when a spec names no URL. */
    public static final String DEFAULT_BASE_URL = "https://api.openai.com";
    static final String SPEC_FORM = "openai:<model>@<http(s)://host[:port]>, e.g. "
            + "openai:nomic-embed-text@http://localhost:11434";

    public RemoteEncoderConfig {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(apiKeyEnv, "apiKeyEnv");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(backoffBase, "backoffBase");
        Objects.requireNonNull(backoffMax, "backoffMax");
        String scheme = baseUrl.getScheme() == null ? "" : baseUrl.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || baseUrl.getHost() == null) {
            throw new IllegalArgumentException("baseUrl must be an http(s) URL with a host, was " + baseUrl);
        }
        if (baseUrl.getUserInfo() != null) {
            throw new IllegalArgumentException("baseUrl must not carry credentials; put the key in $" + apiKeyEnv);
        }
        if (model.isBlank()) {
            throw new IllegalArgumentException("model must not be blank");
        }
        if (!apiKeyEnv.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("apiKeyEnv must be an environment variable name, was '" + apiKeyEnv
                    + "'");
        }
        if (batchSize < 1 || batchSize > 2048) {
            throw new IllegalArgumentException("batchSize must be in [1, 2048], was " + batchSize);
        }
        if (timeout.compareTo(Duration.ofMillis(1)) < 0 || timeout.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new IllegalArgumentException("timeout must be in [1 ms, 10 min], was " + timeout);
        }
        if (maxRetries < 0 || maxRetries > 20) {
            throw new IllegalArgumentException("maxRetries must be in [0, 20], was " + maxRetries);
        }
        if (backoffBase.isNegative() || backoffBase.compareTo(Duration.ofMinutes(1)) > 0) {
            throw new IllegalArgumentException("backoffBase must be in [0, 1 min], was " + backoffBase);
        }
        if (backoffMax.compareTo(backoffBase) < 0 || backoffMax.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new IllegalArgumentException("backoffMax must be in [backoffBase, 10 min], was " + backoffMax);
        }
        if (!(requestsPerSecond >= 0 && requestsPerSecond <= 10_000)) {
            throw new IllegalArgumentException("requestsPerSecond must be in [0, 10000] (0 = no limit), was "
                    + requestsPerSecond);
        }
        if (maxConcurrent < 1 || maxConcurrent > 64) {
            throw new IllegalArgumentException("maxConcurrent must be in [1, 64], was " + maxConcurrent);
        }
        if (dimension < 0 || dimension > 65_536) {
            throw new IllegalArgumentException("dimension must be in [0, 65536] (0 = discover), was " + dimension);
        }
        if (maxTokens < 1 || maxTokens > 1_000_000) {
            throw new IllegalArgumentException("maxTokens must be in [1, 1000000], was " + maxTokens);
        }
        baseUrl = stripV1(baseUrl);
    }

    /**
     * Defaults: key from {@value #DEFAULT_API_KEY_ENV}, batches of 64, 30 s timeout, 5 retries from 500 ms
     * doubling up to 30 s, no rate limit, 4 requests in flight, seed 42, dimension discovered, vectors kept as
     * returned, 512 tokens.
     */
    public static RemoteEncoderConfig of(URI baseUrl, String model) {
        return new RemoteEncoderConfig(baseUrl, model, DEFAULT_API_KEY_ENV, 64, Duration.ofSeconds(30), 5,
                Duration.ofMillis(500), Duration.ofSeconds(30), 0, 4, 42L, 0, false, 512);
    }

    /**
     * Parses the CLI form {@code openai:<model>@<url>} (e.g. {@code openai:nomic-embed-text@http://localhost:11434};
     * a trailing {@code /v1} is accepted) or {@code openai:<model>} for {@value #DEFAULT_BASE_URL}, with the
     * defaults of {@link #of}. The model may contain ':' (e.g. {@code nomic-embed-text:latest}).
     *
     * @throws CohortException naming the spec and the expected form
     */
    public static RemoteEncoderConfig parse(String spec) {
        if (spec == null || !spec.startsWith("openai:")) {
            throw badSpec(spec, "it must start with 'openai:'");
        }
        String rest = spec.substring("openai:".length());
        int at = indexOfUrl(rest);
        String model = at < 0 ? rest : rest.substring(0, at);
        String url = at < 0 ? DEFAULT_BASE_URL : rest.substring(at + 1);
        if (at < 0 && rest.contains("@")) {
            throw badSpec(spec, "the part after '@' must be an http:// or https:// URL");
        }
        if (model.isBlank() || model.chars().anyMatch(Character::isWhitespace)) {
            throw badSpec(spec, "the model name is empty or contains spaces");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw badSpec(spec, "'" + url + "' is not a URL");
        }
        try {
            return of(uri, model);
        } catch (IllegalArgumentException e) {
            throw badSpec(spec, e.getMessage());
        }
    }

    private static int indexOfUrl(String rest) {
        int h = rest.indexOf("@http://");
        int hs = rest.indexOf("@https://");
        if (h < 0) {
            return hs;
        }
        return hs < 0 ? h : Math.min(h, hs);
    }

    private static CohortException badSpec(String spec, String why) {
        return new CohortException("bad remote encoder spec '" + spec + "': " + why + "; expected " + SPEC_FORM);
    }

    private static URI stripV1(URI u) {
        String s = u.toString();
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        if (s.endsWith("/v1")) {
            s = s.substring(0, s.length() - 3);
        }
        return s.equals(u.toString()) ? u : URI.create(s);
    }

    /** {@code {baseUrl}/v1/embeddings}. */
    public URI endpoint() {
        return URI.create(baseUrl + "/v1/embeddings");
    }

    public RemoteEncoderConfig withApiKeyEnv(String name) {
        return new RemoteEncoderConfig(baseUrl, model, name, batchSize, timeout, maxRetries, backoffBase,
                backoffMax, requestsPerSecond, maxConcurrent, seed, dimension, normalize, maxTokens);
    }

    public RemoteEncoderConfig withBatchSize(int n) {
        return new RemoteEncoderConfig(baseUrl, model, apiKeyEnv, n, timeout, maxRetries, backoffBase,
                backoffMax, requestsPerSecond, maxConcurrent, seed, dimension, normalize, maxTokens);
    }

    public RemoteEncoderConfig withTimeout(Duration t) {
        return new RemoteEncoderConfig(baseUrl, model, apiKeyEnv, batchSize, t, maxRetries, backoffBase,
                backoffMax, requestsPerSecond, maxConcurrent, seed, dimension, normalize, maxTokens);
    }

    /** Retries and their backoff (base delay doubling per retry, capped at {@code max}). */
    public RemoteEncoderConfig withRetries(int retries, Duration base, Duration max) {
        return new RemoteEncoderConfig(baseUrl, model, apiKeyEnv, batchSize, timeout, retries, base, max,
                requestsPerSecond, maxConcurrent, seed, dimension, normalize, maxTokens);
    }

    public RemoteEncoderConfig withRequestsPerSecond(double rps) {
        return new RemoteEncoderConfig(baseUrl, model, apiKeyEnv, batchSize, timeout, maxRetries, backoffBase,
                backoffMax, rps, maxConcurrent, seed, dimension, normalize, maxTokens);
    }

    public RemoteEncoderConfig withMaxConcurrent(int n) {
        return new RemoteEncoderConfig(baseUrl, model, apiKeyEnv, batchSize, timeout, maxRetries, backoffBase,
                backoffMax, requestsPerSecond, n, seed, dimension, normalize, maxTokens);
    }

    public RemoteEncoderConfig withSeed(long s) {
        return new RemoteEncoderConfig(baseUrl, model, apiKeyEnv, batchSize, timeout, maxRetries, backoffBase,
                backoffMax, requestsPerSecond, maxConcurrent, s, dimension, normalize, maxTokens);
    }

    public RemoteEncoderConfig withDimension(int d) {
        return new RemoteEncoderConfig(baseUrl, model, apiKeyEnv, batchSize, timeout, maxRetries, backoffBase,
                backoffMax, requestsPerSecond, maxConcurrent, seed, d, normalize, maxTokens);
    }

    public RemoteEncoderConfig withNormalize(boolean n) {
        return new RemoteEncoderConfig(baseUrl, model, apiKeyEnv, batchSize, timeout, maxRetries, backoffBase,
                backoffMax, requestsPerSecond, maxConcurrent, seed, dimension, n, maxTokens);
    }

    public RemoteEncoderConfig withMaxTokens(int n) {
        return new RemoteEncoderConfig(baseUrl, model, apiKeyEnv, batchSize, timeout, maxRetries, backoffBase,
                backoffMax, requestsPerSecond, maxConcurrent, seed, dimension, normalize, n);
    }
}
