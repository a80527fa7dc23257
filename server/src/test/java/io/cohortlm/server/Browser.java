package io.cohortlm.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's headless Chromium driven over the Chrome DevTools Protocol (JDK WebSocket + Jackson only), for browser
 * tests of the dashboard: one process, one page with a 1400 × 1000 CSS-pixel viewport. Every call has a timeout, so
 * a stuck page fails the test instead of hanging it. One test thread drives it. Chromium missing: the test is
 * skipped locally and fails when the environment variable {@code CI} is set. Override the binary with {@code CHROMIUM}.
 */
final class Browser implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(20);
    private static final String LISTENING = "DevTools listening on ";
    // Flags from FINDINGS.md: without a fresh profile and the background services off, Chromium's own
    // connections are refused in bulk in this sandbox and slow every start.
    private static final List<String> FLAGS = List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-dev-shm-usage", "--hide-scrollbars", "--mute-audio", "--window-size=1400,1000",
            "--remote-debugging-port=0", "about:blank");

    private final Process process;
    private final Path profile;
    private final List<String> stderr;
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<String> errors = new CopyOnWriteArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final WebSocket socket;
    private final String session;
    private volatile boolean closed;

    private Browser(Process process, Path profile, List<String> stderr, String wsUrl) throws Exception {
        this.process = process;
        this.profile = profile;
        this.stderr = stderr;
        this.socket = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build().newWebSocketBuilder()
                .buildAsync(URI.create(wsUrl), new Listener()).get(15, TimeUnit.SECONDS);
        process.onExit().thenRun(() -> failPending("chromium exited with status " + process.exitValue()));
        String target = call(null, "Target.createTarget", Map.of("url", "about:blank")).path("targetId").asText();
        session = call(null, "Target.attachToTarget", Map.of("targetId", target, "flatten", true))
                .path("sessionId").asText();
        for (String enable : List.of("Runtime.enable", "Page.enable", "Log.enable")) {
            call(session, enable, Map.of());
        }
        call(session, "Emulation.setDeviceMetricsOverride",
                Map.of("width", 1400, "height", 1000, "deviceScaleFactor", 1, "mobile", false));
    }

    /** Starts headless Chromium with a fresh temporary profile and opens one blank page. */
    static Browser launch() throws Exception {
        String exe = System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium");
        if (!new File(exe).canExecute()) {
            String msg = "headless Chromium not found at " + exe + " (install Debian's 'chromium' or set CHROMIUM)";
            if (System.getenv("CI") != null) {
                Assertions.fail(msg + "; CI is set, so this is a failure, not a skip");
            }
            Assumptions.abort(msg + "; skipping locally");
        }
        Path profile = Files.createTempDirectory("cohortlm-cdp-");
        List<String> cmd = new ArrayList<>(List.of(exe, "--user-data-dir=" + profile));
        cmd.addAll(FLAGS);
        Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        CompletableFuture<String> wsUrl = new CompletableFuture<>();
        List<String> lines = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> drain(p, wsUrl, lines), "chromium-stderr");
        reader.setDaemon(true);
        reader.start();
        try {
            return new Browser(p, profile, lines, wsUrl.get(30, TimeUnit.SECONDS));
        } catch (Exception | Error e) {
            destroy(p);
            deleteTree(profile);
            throw new IllegalStateException("could not start or connect to chromium: " + e + "; stderr: " + lines, e);
        }
    }

    /** Loads {@code url} and waits (30 s at most) until the document has finished loading. */
    void navigate(String url) {
        JsonNode r = call(session, "Page.navigate", Map.of("url", url), CALL_TIMEOUT);
        if (r.hasNonNull("errorText")) {
            throw new IllegalStateException("navigation to " + url + " failed: " + r.get("errorText").asText());
        }
        waitFor("document.readyState === 'complete'", Duration.ofSeconds(30));
    }

    /**
     * Evaluates {@code jsExpression} in the page, awaiting a promise, and returns the value as JSON text
     * ({@code "null"} for undefined; DOM nodes come back as {@code {}}). A JS exception becomes an
     * IllegalStateException carrying its text.
     */
    String eval(String jsExpression) {
        return eval(jsExpression, CALL_TIMEOUT);
    }

    private String eval(String jsExpression, Duration timeout) {
        JsonNode r = call(session, "Runtime.evaluate", Map.of("expression", jsExpression, "returnByValue", true,
                "awaitPromise", true, "userGesture", true), timeout);
        if (r.has("exceptionDetails")) {
            JsonNode d = r.get("exceptionDetails");
            throw new IllegalStateException("JS error in `" + jsExpression + "`: "
                    + d.path("exception").path("description").asText(d.path("text").asText()));
        }
        JsonNode value = r.path("result").path("value");
        return value.isMissingNode() ? "null" : value.toString();
    }

    /**
     * Polls {@code jsExpression} every 100 ms until its value is truthy, and returns that value as JSON text. JS errors
     * while polling count as "not yet". On timeout throws an AssertionError with the last value (or error) and
     * {@link #consoleErrors()}.
     */
    String waitFor(String jsExpression, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String probe = "(async () => { const v = await (" + jsExpression + ");"
                + " return {ok: !!v, v: v === undefined ? null : v}; })()";
        String last = "(never evaluated)";
        while (true) {
            long leftMs = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            try {
                JsonNode r = JSON.readTree(eval(probe, Duration.ofMillis(Math.max(1000, Math.min(leftMs, 20_000)))));
                last = r.path("v").toString();
                if (r.path("ok").asBoolean()) {
                    return last;
                }
            } catch (IllegalStateException | IOException e) {
                last = e.getMessage();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting for `" + jsExpression
                        + "`; last value: " + last + "; console errors: " + errors);
            }
            sleep(100);
        }
    }

    /**
     * The page's errors so far, oldest first, each prefixed with its origin: {@code console:} (console.error),
     * {@code exception:} (uncaught), {@code log/<source>:} (browser log: {@code log/network} for failed requests,
     * deliberate 4xx answers included; {@code log/security} for CSP violations).
     */
    List<String> consoleErrors() {
        return List.copyOf(errors);
    }

    /** Saves a PNG of the current viewport. */
    void screenshot(Path png) throws IOException {
        JsonNode r = call(session, "Page.captureScreenshot", Map.of("format", "png"), CALL_TIMEOUT);
        Files.createDirectories(png.toAbsolutePath().getParent());
        Files.write(png, Base64.getDecoder().decode(r.path("data").asText()));
    }

    /** Kills Chromium with its helper processes and deletes the temporary profile. Idempotent. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            socket.abort();
            destroy(process);
            deleteTree(profile);
            failPending("browser closed");
        }
    }

    private JsonNode call(String sessionId, String method, Map<String, ?> params) {
        return call(sessionId, method, params, CALL_TIMEOUT);
    }

    private JsonNode call(String sessionId, String method, Map<String, ?> params, Duration timeout) {
        if (closed) {
            throw new IllegalStateException("browser is closed");
        }
        int id = ids.incrementAndGet();
        ObjectNode msg = JSON.createObjectNode().put("id", id).put("method", method);
        msg.set("params", JSON.valueToTree(params));
        if (sessionId != null) {
            msg.put("sessionId", sessionId);
        }
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        pending.put(id, reply);
        try {
            synchronized (socket) { // the JDK WebSocket allows only one outstanding send
                socket.sendText(msg.toString(), true).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
            JsonNode r = reply.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (r.has("error")) {
                throw new IllegalStateException(method + " failed: " + r.get("error"));
            }
            return r.path("result");
        } catch (TimeoutException e) {
            throw new IllegalStateException(method + " got no answer in " + timeout.toMillis() + " ms", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(method + " failed: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(method + " interrupted", e);
        } finally {
            pending.remove(id);
        }
    }

    private void onMessage(JsonNode m) {
        if (m.has("id")) {
            CompletableFuture<JsonNode> f = pending.get(m.get("id").asInt());
            if (f != null) {
                f.complete(m);
            }
            return;
        }
        JsonNode p = m.path("params");
        switch (m.path("method").asText()) {
            case "Runtime.consoleAPICalled" -> {
                if ("error".equals(p.path("type").asText())) {
                    List<String> args = new ArrayList<>();
                    p.path("args").forEach(a -> args.add(a.has("value") ? a.get("value").asText()
                            : a.path("description").asText()));
                    errors.add("console: " + String.join(" ", args));
                }
            }
            case "Runtime.exceptionThrown" -> {
                JsonNode d = p.path("exceptionDetails");
                errors.add("exception: " + d.path("exception").path("description").asText(d.path("text").asText()));
            }
            case "Log.entryAdded" -> {
                JsonNode e = p.path("entry");
                if ("error".equals(e.path("level").asText())) {
                    errors.add("log/" + e.path("source").asText() + ": " + e.path("text").asText()
                            + (e.hasNonNull("url") ? " (" + e.get("url").asText() + ")" : ""));
                }
            }
            default -> { }
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder buf = new StringBuilder(); // a CDP message may arrive in several frames

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            buf.append(data);
            if (last) {
                try {
                    onMessage(JSON.readTree(buf.toString()));
                } catch (IOException | RuntimeException e) {
                    errors.add("driver: unreadable CDP message: " + e);
                }
                buf.setLength(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int status, String reason) {
            failPending("DevTools socket closed: " + status + " " + reason);
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            failPending("DevTools socket error: " + error);
        }
    }

    private void failPending(String why) {
        List<String> tail = stderr.subList(Math.max(0, stderr.size() - 5), stderr.size());
        IllegalStateException e = new IllegalStateException(why + "; chromium stderr tail: " + tail);
        pending.values().forEach(f -> f.completeExceptionally(e));
    }

    /** Reads Chromium's stderr to the end (a full pipe would stall it), picking out the DevTools URL. */
    private static void drain(Process p, CompletableFuture<String> wsUrl, List<String> lines) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                int at = line.indexOf(LISTENING);
                if (at >= 0) {
                    wsUrl.complete(line.substring(at + LISTENING.length()).trim());
                } else if (lines.size() < 200) {
                    lines.add(line);
                }
            }
        } catch (IOException ignored) {
            // the process is gone: launch() or the socket reports it
        }
        wsUrl.completeExceptionally(new IllegalStateException("chromium exited before printing its DevTools URL"));
    }

    private static void destroy(Process p) {
        List<ProcessHandle> helpers = p.descendants().toList();
        p.destroy();
        try {
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        helpers.forEach(ProcessHandle::destroyForcibly);
    }

    private static void deleteTree(Path dir) {
        for (int attempt = 0; attempt < 3 && Files.exists(dir); attempt++) { // helpers may still be writing
            try (Stream<Path> s = Files.walk(dir)) {
                s.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            } catch (IOException | RuntimeException e) {
                sleep(200);
            }
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
