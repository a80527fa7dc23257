package io.cohortlm.embed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A real HTTP server on a free local port that plays an OpenAI-compatible {@code /v1/embeddings} endpoint. It
 * records every request body and Authorization header, and answers with what {@link #behaviour} says (default:
 * a 3-d vector per input that depends only on the text, with {@code data} in reverse order).
 */
final class FakeEmbeddingServer implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();

    /** What the server saw: 1-based request number, raw body, parsed inputs, Authorization header (or null). */
    record Request(int number, String body, List<String> inputs, String authorization) {
    }

    /** What to answer; {@code delayMs} is slept before answering. */
    record Reply(int status, String body, Map<String, String> headers, long delayMs) {
        static Reply ok(String body) {
            return new Reply(200, body, Map.of(), 0);
        }

        static Reply status(int status, String body) {
            return new Reply(status, body, Map.of(), 0);
        }
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(8);
    final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger count = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger maxInFlight = new AtomicInteger();
    volatile Function<Request, Reply> behaviour = r -> Reply.ok(embeddings(r.inputs(), FakeEmbeddingServer::vector, true));

    FakeEmbeddingServer() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(threads);
        server.createContext("/v1/embeddings", this::handle);
        server.start();
    }

    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    int requestCount() {
        return count.get();
    }

    /** The default vector of a text: {length, sum of chars mod 1000, 1}. */
    static float[] vector(String text) {
        int sum = 0;
        for (int i = 0; i < text.length(); i++) {
            sum += text.charAt(i);
        }
        return new float[] {text.length(), sum % 1000, 1};
    }

    /** An OpenAI-style response body for {@code inputs}, optionally with {@code data} in reverse order. */
    static String embeddings(List<String> inputs, Function<String, float[]> fn, boolean reversed) {
        ObjectNode root = JSON.createObjectNode();
        root.put("object", "list");
        ArrayNode data = root.putArray("data");
        for (int k = 0; k < inputs.size(); k++) {
            int i = reversed ? inputs.size() - 1 - k : k;
            ObjectNode item = data.addObject();
            item.put("object", "embedding");
            ArrayNode e = item.putArray("embedding");
            for (float x : fn.apply(inputs.get(i))) {
                e.add(x);
            }
            item.put("index", i);
        }
        root.put("model", "test-model");
        return root.toString();
    }

    private void handle(HttpExchange ex) throws IOException {
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        try {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            List<String> inputs = new ArrayList<>();
            try {
                for (JsonNode n : JSON.readTree(body).path("input")) {
                    inputs.add(n.asText());
                }
            } catch (IOException ignored) {
                // recorded as raw body only
            }
            Request r = new Request(count.incrementAndGet(), body, inputs,
                    ex.getRequestHeaders().getFirst("Authorization"));
            requests.add(r);
            Reply reply = behaviour.apply(r);
            if (reply.delayMs() > 0) {
                try {
                    Thread.sleep(reply.delayMs());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            byte[] out = reply.body().getBytes(StandardCharsets.UTF_8);
            reply.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(reply.status(), out.length == 0 ? -1 : out.length);
            try (OutputStream os = ex.getResponseBody()) {
                os.write(out);
            }
        } catch (IOException e) {
            // client went away (timeout tests)
        } finally {
            inFlight.decrementAndGet();
            ex.close();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
