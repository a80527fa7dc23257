package io.cohortlm.embed;

/**
 * Client-side rate limit for {@link RemoteEncoder}: hands out send slots at most {@code requestsPerSecond}
 * apart, first come first served. Thread-safe.
 */
final class RequestPacer {
    private final long intervalNanos;
    private long nextSlot = Long.MIN_VALUE;

    /** {@code requestsPerSecond} = 0 means no limit. */
    RequestPacer(double requestsPerSecond) {
        this.intervalNanos = requestsPerSecond <= 0 ? 0 : Math.round(1e9 / requestsPerSecond);
    }

    /** Blocks until this caller may send. */
    void acquire() throws InterruptedException {
        if (intervalNanos == 0) {
            return;
        }
        long waitNanos;
        synchronized (this) {
            long now = System.nanoTime();
            long slot = nextSlot == Long.MIN_VALUE || now - nextSlot > 0 ? now : nextSlot;
            nextSlot = slot + intervalNanos;
            waitNanos = slot - now;
        }
        if (waitNanos > 0) {
            Thread.sleep(waitNanos / 1_000_000, (int) (waitNanos % 1_000_000));
        }
    }
}
