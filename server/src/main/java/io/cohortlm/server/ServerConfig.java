package io.cohortlm.server;

import java.nio.file.Path;

/**
 * How the HTTP edge runs.
 *
 * @param host             interface to bind (default 127.0.0.1)
 * @param port             port, 0 for any free one
 * @param apiKey           the key clients must send as {@code X-API-Key}, or null to run without auth (local only)
 * @param maxBodyBytes     largest request body accepted; larger gets 413
 * @param maxInFlight      API requests handled at once; more get 503 at once
 * @param encoderSlots     profile texts encoded at once
 * @param encoderQueue     profile-text requests allowed to wait for a slot; more get 429 at once
 * @param threads          HTTP worker threads
 * @param watchBundle      reload the bundle when its manifest changes
 * @param accessLog        log one line per request (route template, status, time; never ids or keys)
 * @param bundleDir        the bundle being served (for the watcher)
 */
public record ServerConfig(String host, int port, String apiKey, int maxBodyBytes, int maxInFlight, int encoderSlots,
        int encoderQueue, int threads, boolean watchBundle, boolean accessLog, Path bundleDir) {
    public ServerConfig {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be in [0, 65535], was " + port);
        }
        if (apiKey != null && apiKey.length() < 16) {
            throw new IllegalArgumentException("the API key must be at least 16 characters, was " + apiKey.length());
        }
        if (maxBodyBytes < 1024) {
            throw new IllegalArgumentException("maxBodyBytes must be ≥ 1024, was " + maxBodyBytes);
        }
        for (int v : new int[] {maxInFlight, encoderSlots, threads}) {
            if (v < 1) {
                throw new IllegalArgumentException("limits must be ≥ 1, was " + v);
            }
        }
        if (encoderQueue < 0) {
            throw new IllegalArgumentException("encoderQueue must be ≥ 0, was " + encoderQueue);
        }
    }

    /** Loopback, the given port and key, 64 KiB bodies, 256 in flight, encoder slots = cores, 32 waiting. */
    public static ServerConfig defaults(int port, String apiKey, Path bundleDir) {
        int cores = Runtime.getRuntime().availableProcessors();
        return new ServerConfig("127.0.0.1", port, apiKey, 64 * 1024, 256, cores, 32, Math.max(16, 8 * cores), false,
                false, bundleDir);
    }

    public ServerConfig withHost(String h) {
        return new ServerConfig(h, port, apiKey, maxBodyBytes, maxInFlight, encoderSlots, encoderQueue, threads,
                watchBundle, accessLog, bundleDir);
    }

    public ServerConfig withLimits(int inFlight, int slots, int queue) {
        return new ServerConfig(host, port, apiKey, maxBodyBytes, inFlight, slots, queue, threads,
                watchBundle, accessLog, bundleDir);
    }

    public ServerConfig withWatch(boolean watch) {
        return new ServerConfig(host, port, apiKey, maxBodyBytes, maxInFlight, encoderSlots, encoderQueue, threads,
                watch, accessLog, bundleDir);
    }

    public ServerConfig withAccessLog(boolean log) {
        return new ServerConfig(host, port, apiKey, maxBodyBytes, maxInFlight, encoderSlots, encoderQueue, threads,
                watchBundle, log, bundleDir);
    }

    public ServerConfig withThreads(int t) {
        return new ServerConfig(host, port, apiKey, maxBodyBytes, maxInFlight, encoderSlots, encoderQueue, t,
                watchBundle, accessLog, bundleDir);
    }
}
