package io.cohortlm.server;

import io.cohortlm.serve.SegmentService;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The service's Prometheus metrics: requests by route template, method and status; latency histograms by route;
 * refusals by reason; the loaded model (users, segments, reloads); JVM metrics. Route templates only — never ids.
 */
final class ServerMetrics {
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Counter requests;
    private final Histogram latency;
    private final Counter refused;
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();

    ServerMetrics(SegmentService service) {
        requests = Counter.builder().name("cohortlm_http_requests_total").help("HTTP requests by route and status")
                .labelNames("route", "method", "status").register(registry);
        latency = Histogram.builder().name("cohortlm_http_request_duration_seconds")
                .help("Time to answer, by route").labelNames("route").classicOnly()
                .classicUpperBounds(0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5)
                .register(registry);
        refused = Counter.builder().name("cohortlm_http_refused_total")
                .help("Requests refused before work: unauthorized, overloaded, too_many_requests")
                .labelNames("reason").register(registry);
        GaugeWithCallback.builder().name("cohortlm_model_users").help("Users known to the loaded model")
                .callback(cb -> cb.call(service.health().users())).register(registry);
        GaugeWithCallback.builder().name("cohortlm_model_segments").help("Visible segments of the loaded model")
                .callback(cb -> cb.call(service.health().segments())).register(registry);
        GaugeWithCallback.builder().name("cohortlm_model_reloads").help("Bundle reloads since start")
                .callback(cb -> cb.call(service.health().reloads())).register(registry);
        JvmMetrics.builder().register(registry);
    }

    void observe(String route, String method, int status, double seconds) {
        requests.labelValues(route, method, Integer.toString(status)).inc();
        latency.labelValues(route).observe(seconds);
        if (status == 401 || status == 429 || status == 503) {
            refused.labelValues(status == 401 ? "unauthorized" : status == 429 ? "too_many_requests" : "overloaded")
                    .inc();
        }
    }

    byte[] scrape() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
        try {
            writer.write(out, registry.scrape());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    String contentType() {
        return writer.getContentType();
    }
}
