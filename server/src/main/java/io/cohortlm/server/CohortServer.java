package io.cohortlm.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cohortlm.CohortException;
import io.cohortlm.serve.SegmentService;
import io.cohortlm.serve.ServiceException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * {@code cohortlm serve}: the JSON API, the dashboard, Prometheus metrics and the OpenAPI document over one
 * {@link SegmentService}, on an embedded Jetty (Javalin). Every API route goes through one wrapper that checks the
 * API key, admits or refuses the request (bounded), renders errors as JSON and records metrics.
 */
public final class CohortServer implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(CohortServer.class.getName());
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; frame-ancestors 'none'";

    private final SegmentService service;
    private final ServerConfig config;
    private final ApiKeyAuth auth;
    private final Admission admission;
    private final ServerMetrics metrics;
    private final Api api;
    private final Javalin app;
    private final byte[] openApi;
    private ScheduledExecutorService watcher;

    private CohortServer(SegmentService service, ServerConfig config) {
        this.service = service;
        this.config = config;
        this.auth = new ApiKeyAuth(config.apiKey());
        this.admission = new Admission(config.maxInFlight(), config.encoderSlots(), config.encoderQueue(), 2000);
        this.metrics = new ServerMetrics(service);
        this.api = new Api(service, admission, config.maxBodyBytes());
        this.openApi = resource("/io/cohortlm/server/openapi.json");
        this.app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.http.maxRequestSize = config.maxBodyBytes();
            // Jetty's queue stays unbounded (it warns against bounding it); the bound is Admission's in-flight
            // limit, and with HTTP/1.1 each connection has at most one request waiting anyway.
            cfg.jetty.threadPool = new QueuedThreadPool(config.threads(), Math.min(8, config.threads()), 60_000);
            cfg.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorHandler()));
            cfg.staticFiles.add(sf -> {
                sf.hostedPath = "/";
                sf.directory = "/io/cohortlm/server/dashboard";
                sf.location = Location.CLASSPATH;
                sf.headers = Map.of("Content-Security-Policy", CSP, "X-Content-Type-Options", "nosniff",
                        "Cache-Control", "no-cache");
            });
            cfg.staticFiles.enableWebjars();
            var r = cfg.routes;
            r.get("/v1/health", route("health", false, api::health));
            r.get("/openapi.json", ctx -> ctx.contentType("application/json").result(openApi));
            r.get("/metrics", route("metrics", true, ctx -> ctx.contentType(metrics.contentType())
                    .result(metrics.scrape())));
            r.get("/v1/model", route("model", true, api::modelInfo));
            r.get("/v1/segments", route("segments", true, api::segments));
            r.get("/v1/segments/{id}", route("segment", true, api::segment));
            r.get("/v1/map", route("map", true, api::map));
            r.get("/v1/evaluation", route("evaluation", true, api::evaluation));
            r.get("/v1/users/{id}/segment", route("user_segment", true, api::userSegment));
            r.get("/v1/users/{id}/recommendations", route("recommendations", true, api::recommendations));
            r.post("/v1/users/{id}/events", route("events", true, api::events));
            r.delete("/v1/users/{id}", route("forget", true, api::forget));
            r.post("/v1/assign", route("assign", true, api::assign));
            r.post("/v1/audience", route("audience", true, api::audience));
            r.post("/v1/items", route("items", true, api::items));
            r.post("/v1/admin/reload", route("reload", true, api::reload));
            r.error(404, ctx -> {
                if (ctx.attribute(HANDLED) != null
                        || (!ctx.path().startsWith("/v1/") && !ctx.path().equals("/metrics"))) {
                    return;
                }
                error(ctx, 404, "not_found", "no such endpoint: " + ctx.method() + " "
                        + RequestBodies.abbreviate(ctx.path().startsWith("/v1/users/") ? "/v1/users/…" : ctx.path()));
            });
            r.error(405, ctx -> {
                if (ctx.attribute(HANDLED) == null) {
                    error(ctx, 405, "method_not_allowed", "method " + ctx.method() + " not allowed here");
                }
            });
            r.exception(Exception.class, (e, ctx) -> render(ctx, e, "unmatched"));
        });
    }

    /** Starts the server (blocking until it listens). */
    public static CohortServer start(SegmentService service, ServerConfig config) {
        CohortServer s = new CohortServer(service, config);
        s.app.start(config.host(), config.port());
        if (config.watchBundle() && config.bundleDir() != null) {
            s.watch();
        }
        return s;
    }

    public int port() {
        return app.port();
    }

    /** An API route: auth (unless health), bounded admission, JSON errors, metrics. */
    private Handler route(String name, boolean needsKey, Handler h) {
        return ctx -> {
            long t0 = System.nanoTime();
            boolean admitted = false;
            try {
                if (needsKey) {
                    auth.check(ctx.header(ApiKeyAuth.HEADER));
                }
                admission.enter();
                admitted = true;
                h.handle(ctx);
            } catch (Exception e) {
                render(ctx, e, name);
            } finally {
                if (admitted) {
                    admission.leave();
                }
                double secs = (System.nanoTime() - t0) / 1e9;
                metrics.observe(name, ctx.method().name(), ctx.statusCode(), secs);
                if (config.accessLog()) {
                    LOG.info(String.format(Locale.ROOT, "%s %s %d %.2fms", ctx.method(), name, ctx.statusCode(),
                            secs * 1e3));
                }
            }
        };
    }

    private static void render(Context ctx, Exception e, String route) {
        if (e instanceof ApiException a) {
            if (a.status() == 429 || a.status() == 503) {
                ctx.header("Retry-After", "1");
            }
            error(ctx, a.status(), a.code(), a.getMessage());
        } else if (e instanceof ServiceException s) {
            int status = switch (s.kind()) {
                case BAD_REQUEST -> 400;
                case UNKNOWN_USER, UNKNOWN_SEGMENT, NOT_FOUND -> 404;
                case CONFLICT -> 409;
                case UNAVAILABLE -> 503;
            };
            error(ctx, status, s.code(), s.getMessage());
        } else if (e instanceof HttpResponseException h) {
            int status = h.getStatus();
            String code = status == 413 ? "body_too_large" : status >= 500 ? "unavailable" : "bad_request";
            error(ctx, status, code, status == 413 ? "the request body is too large" : h.getMessage());
        } else if (e instanceof IllegalArgumentException i) {
            error(ctx, 400, "bad_request", i.getMessage());
        } else if (e instanceof CohortException c) {
            LOG.warning(route + ": " + c.getMessage());
            error(ctx, 503, "unavailable", c.getMessage());
        } else {
            LOG.log(Level.SEVERE, "unexpected failure in route " + route, e);
            error(ctx, 500, "internal", "internal error; see the server log");
        }
    }

    private static final String HANDLED = "cohortlm.error.rendered";

    static Context error(Context ctx, int status, String code, String message) {
        ctx.attribute(HANDLED, Boolean.TRUE);
        ObjectNode o = Api.JSON.createObjectNode();
        o.putObject("error").put("code", code).put("message", message == null ? code : message);
        ctx.status(status);
        Api.send(ctx, o);
        return ctx;
    }

    /** The body of a JSON request: content type checked, size bounded (413), read once. */
    static byte[] body(Context ctx, long max) {
        String ct = ctx.header("Content-Type");
        if (ct == null || !ct.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw new ApiException(415, "unsupported_media_type", "send the body as Content-Type: application/json");
        }
        long declared = ctx.contentLength();
        if (declared > max) {
            throw new ApiException(413, "body_too_large", "the request body is " + declared + " bytes; the limit is "
                    + max);
        }
        byte[] b = ctx.bodyAsBytes();
        if (b.length > max) {
            throw new ApiException(413, "body_too_large", "the request body is over " + max + " bytes");
        }
        return b;
    }

    private void watch() {
        Path manifest = config.bundleDir().resolve("manifest.json");
        watcher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "cohortlm-bundle-watch");
            t.setDaemon(true);
            return t;
        });
        FileTime[] last = {mtime(manifest)};
        watcher.scheduleWithFixedDelay(() -> {
            FileTime now = mtime(manifest);
            if (now != null && !now.equals(last[0])) {
                last[0] = now;
                try {
                    SegmentService.Health h = service.reload();
                    LOG.info("bundle changed: reloaded model " + h.modelId() + " (" + h.users() + " users)");
                } catch (RuntimeException e) {
                    LOG.warning("bundle changed but could not be loaded; still serving the previous model: "
                            + e.getMessage());
                }
            }
        }, 2, 2, TimeUnit.SECONDS);
    }

    private static FileTime mtime(Path p) {
        try {
            return Files.getLastModifiedTime(p);
        } catch (IOException e) {
            return null;
        }
    }

    private static byte[] resource(String path) {
        try (InputStream in = CohortServer.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (watcher != null) {
            watcher.shutdownNow();
        }
        app.stop();
    }
}
