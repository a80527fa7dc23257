package io.cohortlm.explain.persona;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * An OpenAI-compatible chat endpoint ({@code POST {baseUrl}/v1/chat/completions}: Ollama, vLLM, hosted APIs).
 *
 * @param baseUrl      e.g. {@code http://localhost:11434}; no trailing {@code /v1}
 * @param model        model name sent in the request
 * @param apiKeyEnv    name of the environment variable holding the bearer key; null = send no key
 * @param timeout      per-request timeout, > 0
 * @param maxRetries   retries after a failed attempt (I/O error, HTTP 429 or 5xx), in [0, 10]
 * @param backoff      wait before the first retry, doubled for each next one, ≥ 0
 * @param cacheDir     responses are cached here keyed by SHA-256 of the request body; null = no cache
 * @param temperature  sampling temperature, in [0, 2]
 */
public record ChatEndpoint(URI baseUrl, String model, String apiKeyEnv, Duration timeout, int maxRetries,
        Duration backoff, Path cacheDir, double temperature) {
    public ChatEndpoint {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(model, "model");
        if (!"http".equals(baseUrl.getScheme()) && !"https".equals(baseUrl.getScheme())) {
            throw new IllegalArgumentException("baseUrl must be http(s), was " + baseUrl);
        }
        if (timeout == null || timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must be > 0, was " + timeout);
        }
        if (maxRetries < 0 || maxRetries > 10) {
            throw new IllegalArgumentException("maxRetries must be in [0, 10], was " + maxRetries);
        }
        if (backoff == null || backoff.isNegative()) {
            throw new IllegalArgumentException("backoff must be ≥ 0, was " + backoff);
        }
        if (!(temperature >= 0 && temperature <= 2)) {
            throw new IllegalArgumentException("temperature must be in [0, 2], was " + temperature);
        }
    }

    /** Ollama on localhost with {@code model}: 60 s timeout, 2 retries from 1 s, no key, no cache, temperature 0. */
    public static ChatEndpoint ollama(String model) {
        return new ChatEndpoint(URI.create("http://localhost:11434"), model, null, Duration.ofSeconds(60), 2,
                Duration.ofSeconds(1), null, 0);
    }
}
