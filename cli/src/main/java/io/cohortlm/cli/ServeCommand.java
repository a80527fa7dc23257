package io.cohortlm.cli;

import io.cohortlm.CohortException;
import io.cohortlm.embed.Encoder;
import io.cohortlm.embed.Encoders;
import io.cohortlm.privacy.PseudonymKeyConfig;
import io.cohortlm.privacy.Pseudonymizer;
import io.cohortlm.serve.SegmentService;
import io.cohortlm.serve.ServingModel;
import io.cohortlm.server.CohortServer;
import io.cohortlm.server.ServerConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cohortlm serve}: the real-time API and dashboard over a bundle from {@code cohortlm package}. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve a model bundle: JSON API (segments, cold-start assignment, recommendations, real-time "
                + "events, forget), dashboard, Prometheus metrics. Needs an API key.")
final class ServeCommand implements Callable<Integer> {
    static final String API_KEY_ENV = "COHORTLM_API_KEY";

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "Bundle from 'cohortlm package' "
            + "(the demo leaves one in out/demo/model).")
    Path model;

    @Option(names = "--port", defaultValue = "8080", description = "Port (default ${DEFAULT-VALUE}; 0 = any free).")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Interface to bind (default "
            + "${DEFAULT-VALUE}; 0.0.0.0 for all).")
    String host;

    @Option(names = "--api-key-file", paramLabel = "FILE", description = "File holding the API key (default: "
            + "$" + API_KEY_ENV + ").")
    Path apiKeyFile;

    @Option(names = "--no-auth", description = "Run without an API key (only on 127.0.0.1, for local trials).")
    boolean noAuth;

    @Option(names = "--pseudonym-key", paramLabel = "FILE", description = "Pseudonym key file (default: "
            + "$COHORTLM_PSEUDONYM_KEY, else .cohortlm/pseudonym.key if present).")
    Path pseudonymKey;

    @Option(names = "--state", paramLabel = "DIR", description = "Where the service keeps received events and "
            + "forgotten users (default: MODEL_DIR.state beside the bundle).")
    Path state;

    @Option(names = "--min-size", defaultValue = "10", description = "Minimum segment size shown (default "
            + "${DEFAULT-VALUE}).")
    int minSize;

    @Option(names = "--cache-users", defaultValue = "100000", description = "Users whose ranked recommendations are "
            + "cached (0 = none; default ${DEFAULT-VALUE}).")
    int cacheUsers;

    @Option(names = "--threads", description = "HTTP worker threads (default 8 per core, at least 16).")
    Integer threads;

    @Option(names = "--watch", description = "Reload the bundle when its manifest.json changes.")
    boolean watch;

    @Option(names = "--access-log", description = "One log line per request (route, status, time; no ids).")
    boolean accessLog;

    @Option(names = "--seed", defaultValue = "42", description = "The one seed (fitting at load).")
    long seed;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        String key = apiKey();
        boolean loopback = host.equals("127.0.0.1") || host.equals("localhost") || host.equals("::1");
        if (key == null && !(noAuth && loopback)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "no API key: set " + API_KEY_ENV
                    + " or --api-key-file FILE" + (noAuth ? " (--no-auth is only allowed on 127.0.0.1)"
                    : " (or --no-auth for a local trial)"));
        }
        Path stateDir = state != null ? state : model.toAbsolutePath().resolveSibling(model.getFileName() + ".state");
        PrintWriter o = spec.commandLine().getOut();
        long t0 = System.nanoTime();
        SegmentService service = open(model, new SegmentService.Settings(minSize,
                Runtime.getRuntime().availableProcessors(), seed, cacheUsers, stateDir), pseudonymizer());
        ServerConfig cfg = ServerConfig.defaults(port, key, model).withHost(host).withWatch(watch)
                .withAccessLog(accessLog);
        if (threads != null) {
            cfg = cfg.withThreads(threads);
        }
        CohortServer server;
        try {
            server = CohortServer.start(service, cfg);
        } catch (RuntimeException e) {
            service.close();
            throw new CohortException("cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
        }
        SegmentService.Health h = service.health();
        o.printf(Locale.ROOT, "loaded model %s: %,d users, %,d items, %d segments in %.1f s%n", h.modelId(), h.users(),
                h.items(), h.segments(), (System.nanoTime() - t0) / 1e9);
        o.printf(Locale.ROOT, "serving on http://%s:%d/  (dashboard; API under /v1, OpenAPI at /openapi.json, "
                + "metrics at /metrics)%s%n", host, server.port(), key == null ? " — WITHOUT AUTH" : "");
        o.printf(Locale.ROOT, "state: %s; Ctrl-C to stop%n", stateDir);
        o.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            service.close();
            stopped.countDown();
        }, "cohortlm-shutdown"));
        stopped.await();
        return Main.EXIT_OK;
    }

    private String apiKey() {
        String key;
        String where;
        if (apiKeyFile != null) {
            try {
                key = Files.readString(apiKeyFile, StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw new CohortException("cannot read API key file " + apiKeyFile + ": " + e.getMessage(), e);
            }
            where = apiKeyFile.toString();
        } else {
            String env = System.getenv(API_KEY_ENV);
            if (env == null || env.isBlank()) {
                return null;
            }
            key = env.strip();
            where = "$" + API_KEY_ENV;
        }
        if (key.length() < 16) {
            throw new CohortException("API key in " + where + " is too short: need at least 16 characters, was "
                    + key.length());
        }
        return key;
    }

    /**
     * The service over a bundle, with the language model the bundle records (loaded by name); the model is closed
     * again if the bundle cannot be loaded.
     */
    static SegmentService open(Path model, SegmentService.Settings settings, Pseudonymizer pseudonymizer) {
        String encoderName = ServingModel.encoderName(model);
        Encoder encoder = encoderName == null ? null : Encoders.byName(encoderName);
        try {
            return new SegmentService(model, settings, encoder, pseudonymizer);
        } catch (RuntimeException e) {
            if (encoder != null) {
                encoder.close();
            }
            throw e;
        }
    }

    /** The bundle's pseudonym key if one is configured or present; never generates a new one. */
    private Pseudonymizer pseudonymizer() {
        PseudonymKeyConfig d = PseudonymKeyConfig.defaults(Path.of(""));
        if (pseudonymKey != null) {
            return Pseudonymizer.load(new PseudonymKeyConfig(pseudonymKey, d.envVar(), d.generatedKeyFile()));
        }
        String env = System.getenv(d.envVar());
        if ((env != null && !env.isBlank()) || Files.isRegularFile(d.generatedKeyFile())) {
            return Pseudonymizer.load(d);
        }
        spec.commandLine().getErr().println("warning: no pseudonym key found: only pseudonymised user ids are "
                + "accepted, and new users cannot be created from events");
        return null;
    }
}
