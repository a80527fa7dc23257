package io.cohortlm.bench.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cohortlm.bench.BenchResult;
import io.cohortlm.bench.Benchmark;
import io.cohortlm.data.Dataset;
import io.cohortlm.ingest.DatasetStore;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Load test of {@code cohortlm serve} with a real HTTP load generator ({@code wrk}) over loopback. The server runs
 * as its own JVM ({@code ./cohortlm serve}) on the bundle the demo packages; wrk and the server share this machine's
 * cores. Cases: recommendations at full speed (with and without the per-user cache), recommendations paced at
 * 1,000 req/s, and cold-start assignment with a profile text (runs the language model) paced at 20 req/s. Each
 * case runs {@code --seconds} (default 60) after a warm-up; wrk's own latency histogram gives p50 / p99, and any
 * socket error or non-2xx answer counts as an error.
 * <p>Options: {@code --model DIR} (default out/demo/model), {@code --seconds N}, {@code --warmup N}.
 */
public final class ServeLoadBenchmark implements Benchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> TEXTS = List.of(
            "Buys vintage tea sets, cake stands and Christmas decorations for a small gift shop",
            "Looking for retro kitchen storage tins and lunch boxes",
            "Party supplies: paper cups, bunting and candles for children's birthdays",
            "Home decor lover: hanging hearts, photo frames, lanterns and cushions",
            "Garden ornaments, bird houses and outdoor lights",
            "Stationery and craft kits, wrapping paper and gift tags for a stationery store",
            "Ceramic mugs, teapots and regency cake stands",
            "Wholesale buyer of christmas baubles, wreaths and advent calendars");

    @Override
    public String name() {
        return "serve";
    }

    @Override
    public String description() {
        return "wrk load test of cohortlm serve: /recommendations (max, paced 1,000/s) and /assign with text (20/s)";
    }

    /** One wrk case. */
    record Case(String name, String script, int threads, int connections, double targetRate, String note) {
    }

    @Override
    public BenchResult run(List<String> args, Path out) throws Exception {
        Path model = Path.of("out/demo/model");
        int seconds = 60;
        int warmup = 10;
        for (int i = 0; i < args.size(); i++) {
            switch (args.get(i)) {
                case "--model" -> model = Path.of(args.get(++i));
                case "--seconds" -> seconds = Integer.parseInt(args.get(++i));
                case "--warmup" -> warmup = Integer.parseInt(args.get(++i));
                default -> throw new IllegalArgumentException("unknown option " + args.get(i)
                        + " (known: --model DIR, --seconds N, --warmup N)");
            }
        }
        if (!Files.isRegularFile(model.resolve("manifest.json"))) {
            throw new IllegalStateException(model + " is not a serving bundle: run ./cohortlm demo first (it leaves "
                    + "one in out/demo/model) or pass --model DIR");
        }
        String wrk = which("wrk");
        if (wrk == null) {
            throw new IllegalStateException("wrk is not installed: sudo apt-get install -y wrk");
        }
        Files.createDirectories(out);
        byte[] kb = new byte[16];
        new SecureRandom().nextBytes(kb);
        String key = HexFormat.of().formatHex(kb);
        Dataset data = DatasetStore.read(model.resolve("data"));
        List<String> users = new ArrayList<>(data.users().ids().ids());
        Path scratch = Files.createTempDirectory("cohortlm-serve-bench");
        Path scripts = Files.createDirectories(scratch.resolve("wrk"));
        Files.writeString(scripts.resolve("recs.lua"), recsScript(users, key), StandardCharsets.UTF_8);
        Files.writeString(scripts.resolve("assign.lua"), assignScript(key), StandardCharsets.UTF_8);

        BenchResult r = new BenchResult();
        r.put("model", model.toString());
        r.put("users", users.size());
        r.put("items", data.items().size());
        r.put("seconds_per_case", seconds);
        r.put("warmup_seconds", warmup);
        r.put("cores", Runtime.getRuntime().availableProcessors());
        r.put("load_generator", "wrk " + version(wrk));
        r.header("case", "server", "conns", "target/s", "req/s", "p50 ms", "p90 ms", "p99 ms", "max ms", "errors");
        List<Map<String, Object>> cases = new ArrayList<>();
        for (boolean cache : new boolean[] {true, false}) {
            try (Server s = Server.start(model, key, cache ? 100_000 : 0, scratch.resolve("state"))) {
                String base = "http://127.0.0.1:" + s.port;
                List<Case> list = new ArrayList<>();
                list.add(new Case("recommendations-max", "recs.lua", 2, 64, 0, "k=10, exclude_seen, users in "
                        + "rotation"));
                if (cache) {
                    list.add(new Case("recommendations-1000/s", "recs.lua", 2, 20, 1000, "paced by wrk delay()"));
                    list.add(new Case("assign-text-20/s", "assign.lua", 1, 2, 20, "profile text → language model"));
                }
                for (Case c : list) {
                    // Warm up the JIT (and, with the cache, every user's list) on the same request mix.
                    Map<String, Object> w = wrk(wrk, scripts, c, base, warmup, c.targetRate(), 0);
                    // A connection sends its next request `pace` ms after the previous answer: subtract the mean
                    // latency seen in the warm-up so the offered rate is the target.
                    double meanMs = ((Number) w.get("mean_us")).doubleValue() / 1000;
                    Map<String, Object> m = wrk(wrk, scripts, c, base, seconds, c.targetRate(), meanMs);
                    m.put("case", c.name());
                    m.put("server", cache ? "cache on" : "cache off");
                    m.put("threads", c.threads());
                    m.put("connections", c.connections());
                    m.put("target_rate", c.targetRate());
                    m.put("note", c.note());
                    cases.add(m);
                    r.row(c.name(), cache ? "cache on" : "cache off", c.connections(),
                            c.targetRate() == 0 ? "max" : String.format(Locale.ROOT, "%.0f", c.targetRate()),
                            String.format(Locale.ROOT, "%.0f", (double) m.get("rate")),
                            ms(m, "p50_us"), ms(m, "p90_us"), ms(m, "p99_us"), ms(m, "max_us"), m.get("errors"));
                }
                r.put(cache ? "server_rss_mb_cache_on" : "server_rss_mb_cache_off", s.rssMb());
            }
        }
        r.put("cases", cases);
        for (Map<String, Object> m : cases) {
            String c = (String) m.get("case");
            if (c.equals("recommendations-max") && "cache on".equals(m.get("server"))) {
                r.put("goal_recommendations_5000_per_s", (double) m.get("rate") >= 5000 ? "met" : "not met");
            }
            if (c.equals("recommendations-1000/s")) {
                r.put("goal_recommendations_p99_10ms_at_1000", (double) m.get("p99_us") <= 10_000 ? "met" : "not met");
            }
            if (c.equals("assign-text-20/s")) {
                r.put("goal_assign_text_p99_50ms_at_20", (double) m.get("p99_us") <= 50_000 ? "met" : "not met");
            }
        }
        return r;
    }

    private static String ms(Map<String, Object> m, String k) {
        return String.format(Locale.ROOT, "%.2f", ((Number) m.get(k)).doubleValue() / 1000);
    }

    private static Map<String, Object> wrk(String wrk, Path scripts, Case c, String base, int seconds, double rate,
            double latencyMs) throws IOException, InterruptedException {
        List<String> cmd = List.of(wrk, "-t" + c.threads(), "-c" + c.connections(), "-d" + seconds + "s",
                "--timeout", "5s", "--latency", "-s", scripts.resolve(c.script()).toString(), base);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        // Pacing: every connection waits this long before its next request, so the offered rate is at most
        // connections × 1000 / delay per second; the achieved rate is reported.
        double pace = rate > 0 ? Math.max(0.1, c.connections() * 1000.0 / rate - latencyMs) : 0;
        pb.environment().put("PACE_MS", Double.toString(pace));
        Process p = pb.start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(seconds + 60L, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("wrk failed: " + text);
        }
        String line = text.lines().filter(l -> l.startsWith("{\"requests\"")).findFirst()
                .orElseThrow(() -> new IllegalStateException("no summary from wrk: " + text));
        JsonNode j = JSON.readTree(line);
        Map<String, Object> m = new LinkedHashMap<>();
        j.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asDouble()));
        double secs = j.get("duration_us").asDouble() / 1e6;
        m.put("rate", j.get("requests").asDouble() / secs);
        long errors = j.get("connect_errors").asLong() + j.get("read_errors").asLong() + j.get("write_errors").asLong()
                + j.get("status_errors").asLong() + j.get("timeouts").asLong();
        m.put("errors", errors);
        return m;
    }

    private static String recsScript(List<String> users, String key) {
        StringBuilder sb = new StringBuilder("local ids = {\n");
        for (String u : users) {
            sb.append("  \"").append(u).append("\",\n");
        }
        sb.append("}\n");
        sb.append("local key = \"").append(key).append("\"\n");
        sb.append("""
                local i = 0
                local pace = tonumber(os.getenv("PACE_MS") or "0")
                setup = function(thread) thread:set("offset", math.random(#ids)) end
                init = function(args) i = tonumber(offset or 0) end
                request = function()
                  i = i + 1
                  return wrk.format("GET", "/v1/users/" .. ids[(i % #ids) + 1] .. "/recommendations?k=10",
                                    {["X-API-Key"] = key})
                end
                if pace > 0 then delay = function() return pace end end
                """);
        sb.append(DONE);
        return sb.toString();
    }

    private static String assignScript(String key) throws IOException {
        StringBuilder sb = new StringBuilder("local bodies = {\n");
        for (String t : TEXTS) {
            sb.append("  ").append(lua(JSON.writeValueAsString(Map.of("profile_text", t, "k", 10)))).append(",\n");
        }
        sb.append("}\n");
        sb.append("local key = \"").append(key).append("\"\n");
        sb.append("""
                local i = 0
                local pace = tonumber(os.getenv("PACE_MS") or "0")
                request = function()
                  i = i + 1
                  return wrk.format("POST", "/v1/assign", {["X-API-Key"] = key,
                                    ["Content-Type"] = "application/json"}, bodies[(i % #bodies) + 1])
                end
                if pace > 0 then delay = function() return pace end end
                """);
        sb.append(DONE);
        return sb.toString();
    }

    private static final String DONE = """
            done = function(summary, latency, requests)
              local e = summary.errors
              io.write(string.format('{"requests":%d,"duration_us":%d,"connect_errors":%d,"read_errors":%d,'
                .. '"write_errors":%d,"status_errors":%d,"timeouts":%d,"p50_us":%d,"p90_us":%d,"p99_us":%d,'
                .. '"p999_us":%d,"max_us":%d,"mean_us":%.1f}\\n', summary.requests, summary.duration, e.connect,
                e.read, e.write, e.status, e.timeout, latency:percentile(50), latency:percentile(90),
                latency:percentile(99), latency:percentile(99.9), latency.max, latency.mean))
            end
            """;

    private static String lua(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String which(String exe) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            Path p = Path.of(dir, exe);
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        return null;
    }

    private static String version(String wrk) {
        try {
            Process p = new ProcessBuilder(wrk, "-v").redirectErrorStream(true).start();
            String v = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().findFirst()
                    .orElse("");
            p.waitFor();
            return v.replaceAll("^wrk\\s*", "").strip();
        } catch (IOException | InterruptedException e) {
            return "?";
        }
    }

    /** {@code ./cohortlm serve} as a child process. */
    static final class Server implements AutoCloseable {
        final Process process;
        final int port;

        private Server(Process process, int port) {
            this.process = process;
            this.port = port;
        }

        static Server start(Path model, String key, int cacheUsers, Path state) throws Exception {
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            deleteTree(state);
            ProcessBuilder pb = new ProcessBuilder("./cohortlm", "serve", "--model", model.toString(), "--port",
                    Integer.toString(port), "--cache-users", Integer.toString(cacheUsers), "--state", state.toString())
                    .redirectErrorStream(true).redirectOutput(state.resolveSibling("serve-" + port + ".log").toFile());
            pb.environment().put("COHORTLM_API_KEY", key);
            Process p = pb.start();
            HttpClient http = HttpClient.newHttpClient();
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
            while (System.nanoTime() < deadline) {
                if (!p.isAlive()) {
                    throw new IllegalStateException("cohortlm serve exited: see " + state.resolveSibling("serve-"
                            + port + ".log"));
                }
                try {
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                            + "/v1/health")).timeout(Duration.ofSeconds(2)).build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() == 200) {
                        return new Server(p, port);
                    }
                } catch (IOException notYet) {
                    // still starting
                }
                Thread.sleep(250);
            }
            p.destroyForcibly();
            throw new IllegalStateException("cohortlm serve did not answer /v1/health within 5 minutes");
        }

        /** Resident memory of the server JVM (the launcher script's largest descendant), in MiB. */
        long rssMb() {
            long best = -1;
            for (ProcessHandle h : process.toHandle().descendants().toList()) {
                best = Math.max(best, rss(h.pid()));
            }
            return Math.max(best, rss(process.pid()));
        }

        private static long rss(long pid) {
            try {
                for (String l : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                    if (l.startsWith("VmRSS:")) {
                        return Long.parseLong(l.replaceAll("\\D", "")) / 1024;
                    }
                }
            } catch (IOException | NumberFormatException e) {
                return -1;
            }
            return -1;
        }

        @Override
        public void close() throws InterruptedException {
            process.toHandle().descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }

        private static void deleteTree(Path p) throws IOException {
            if (!Files.exists(p)) {
                return;
            }
            try (var s = Files.walk(p)) {
                for (Path x : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(x);
                }
            }
        }
    }
}
