package io.cohortlm.explain.persona;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cohortlm.CohortException;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Optional persona writer backed by an OpenAI-compatible chat endpoint. The model sees only
 * {@link PersonaFacts} — segment aggregates and redacted keywords, never a user's id or row — and
 * {@link #dryRun(PersonaFacts)} returns the exact request body that would be sent. Every reply is checked by a
 * {@link FaithfulnessChecker}; the persona carries the score and the unsupported claims.
 * <p>Requests time out, are retried with exponential backoff on I/O errors, 429 and 5xx, and replies are cached
 * on disk keyed by the SHA-256 of the request body (so a rerun with the same facts costs nothing and gives the same
 * text). Thread-safe.
 */
public final class ChatPersonaWriter {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String SYSTEM = "You write short marketing personas for customer segments. Use ONLY the "
            + "statistics given. Every number you write must appear in them. Do not invent attributes, places, "
            + "ages or categories. Reply with a JSON object {\"name\": <2-5 word persona name>, "
            + "\"description\": <2-3 sentences>} and nothing else.";

    private final ChatEndpoint endpoint;
    private final String language;
    private final Function<String, String> env;
    private final HttpClient http;

    /**
     * @param endpoint where to send requests
     * @param language {@code en} or {@code zh}: the language asked for
     * @param env      environment lookup (normally {@code System::getenv}) for {@link ChatEndpoint#apiKeyEnv()}
     */
    public ChatPersonaWriter(ChatEndpoint endpoint, String language, Function<String, String> env) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        if (!"en".equals(language) && !"zh".equals(language)) {
            throw new IllegalArgumentException("language must be en or zh, was " + language);
        }
        this.language = language;
        this.env = Objects.requireNonNull(env, "env");
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(endpoint.timeout()).build();
    }

    /** The exact JSON request body for {@code facts} (what a dry run shows and what is hashed for the cache). */
    public String dryRun(PersonaFacts facts) {
        ObjectNode body = JSON.createObjectNode();
        body.put("model", endpoint.model());
        body.put("temperature", endpoint.temperature());
        ArrayNode msgs = body.putArray("messages");
        msgs.addObject().put("role", "system").put("content", SYSTEM + ("zh".equals(language)
                ? " Write the name and description in Simplified Chinese." : " Write in English."));
        try {
            msgs.addObject().put("role", "user").put("content",
                    "Segment statistics (JSON):\n" + JSON.writerWithDefaultPrettyPrinter().writeValueAsString(facts));
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One persona per facts entry (same order), names made unique, each checked against its facts. */
    public List<Persona> write(List<PersonaFacts> facts, FaithfulnessChecker checker) {
        List<Persona> out = new ArrayList<>();
        Set<String> used = new HashSet<>();
        for (PersonaFacts f : facts) {
            Persona p = write(f, checker);
            if (!used.add(p.name().toLowerCase(Locale.ROOT))) {
                p = new Persona(p.segmentKey(), p.name() + " (" + f.segmentKey() + ")", p.description(),
                        p.language(), p.source(), p.faithfulness(), p.unsupported());
                used.add(p.name().toLowerCase(Locale.ROOT));
            }
            out.add(p);
        }
        return out;
    }

    /** Asks for one persona and checks it. */
    public Persona write(PersonaFacts facts, FaithfulnessChecker checker) {
        String body = dryRun(facts);
        String content = cachedOrCall(body);
        String name;
        String description;
        try {
            int a = content.indexOf('{');
            int b = content.lastIndexOf('}');
            JsonNode reply = JSON.readTree(a >= 0 && b > a ? content.substring(a, b + 1) : content);
            name = reply.path("name").asText("").strip();
            description = reply.path("description").asText("").strip();
        } catch (IOException e) {
            String[] lines = content.strip().split("\\R", 2);
            name = lines[0].strip();
            description = lines.length > 1 ? lines[1].strip() : "";
        }
        if (name.isEmpty()) {
            throw new CohortException("chat endpoint " + endpoint.baseUrl() + " returned no persona name for segment "
                    + facts.segmentKey());
        }
        FaithfulnessChecker.Result r = checker.check(name + "\n" + description, facts);
        return new Persona(facts.segmentKey(), name, description, language, "llm", r.score(), r.unsupported());
    }

    private String cachedOrCall(String body) {
        Path cached = endpoint.cacheDir() == null ? null : endpoint.cacheDir().resolve(sha256(body) + ".txt");
        try {
            if (cached != null && Files.isRegularFile(cached)) {
                return Files.readString(cached, StandardCharsets.UTF_8);
            }
            String content = call(body);
            if (cached != null) {
                Files.createDirectories(cached.getParent());
                Path tmp = Files.createTempFile(cached.getParent(), "reply", ".tmp");
                Files.writeString(tmp, content, StandardCharsets.UTF_8);
                Files.move(tmp, cached, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            }
            return content;
        } catch (IOException e) {
            throw new CohortException("persona cache " + endpoint.cacheDir() + ": " + e.getMessage(), e);
        }
    }

    private String call(String body) {
        HttpRequest.Builder rb = HttpRequest.newBuilder(java.net.URI.create(
                endpoint.baseUrl().toString().replaceAll("/+$", "") + "/v1/chat/completions"))
                .timeout(endpoint.timeout()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (endpoint.apiKeyEnv() != null) {
            String key = env.apply(endpoint.apiKeyEnv());
            if (key == null || key.isBlank()) {
                throw new CohortException("environment variable " + endpoint.apiKeyEnv()
                        + " (the chat endpoint's API key) is not set");
            }
            rb.header("Authorization", "Bearer " + key);
        }
        HttpRequest req = rb.build();
        String last = "";
        long wait = endpoint.backoff().toMillis();
        for (int attempt = 0; attempt <= endpoint.maxRetries(); attempt++) {
            if (attempt > 0) {
                sleep(wait);
                wait *= 2;
            }
            try {
                HttpResponse<String> resp = http.send(req, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                int sc = resp.statusCode();
                if (sc == 200) {
                    JsonNode msg = JSON.readTree(resp.body()).path("choices").path(0).path("message").path("content");
                    if (msg.isMissingNode() || msg.isNull()) {
                        throw new CohortException("chat endpoint " + endpoint.baseUrl()
                                + " replied without choices[0].message.content");
                    }
                    return msg.asText();
                }
                last = "HTTP " + sc;
                if (sc != 429 && sc < 500) {
                    break;
                }
            } catch (IOException e) {
                last = e.getClass().getSimpleName() + ": " + e.getMessage();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CohortException("interrupted while calling " + endpoint.baseUrl(), e);
            }
        }
        throw new CohortException("chat endpoint " + endpoint.baseUrl() + " failed after "
                + (endpoint.maxRetries() + 1) + " attempt(s): " + last);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CohortException("interrupted during retry backoff", e);
        }
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
