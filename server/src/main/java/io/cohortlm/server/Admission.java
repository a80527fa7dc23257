package io.cohortlm.server;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bounded admission, so overload is answered at once instead of queuing without limit: at most {@code maxInFlight}
 * API requests run (the next gets 503), and the language model runs at most {@code slots} texts at a time with at
 * most {@code queue} requests waiting (the next gets 429). A waiting request gives up after {@code maxWaitMs}.
 */
final class Admission {
    private final Semaphore inFlight;
    private final Semaphore encoder;
    private final int queue;
    private final AtomicInteger waiting = new AtomicInteger();
    private final long maxWaitMs;

    Admission(int maxInFlight, int slots, int queue, long maxWaitMs) {
        this.inFlight = new Semaphore(maxInFlight);
        this.encoder = new Semaphore(slots);
        this.queue = queue;
        this.maxWaitMs = maxWaitMs;
    }

    /** Takes an in-flight slot or throws 503; the caller must {@link #leave()} in a finally block. */
    void enter() {
        if (!inFlight.tryAcquire()) {
            throw new ApiException(503, "overloaded", "too many requests in flight; retry shortly");
        }
    }

    void leave() {
        inFlight.release();
    }

    /** Takes an encoder slot, waiting in a bounded queue, or throws 429/503. Release with {@link #encoderDone()}. */
    void encoder() {
        if (encoder.tryAcquire()) {
            return;
        }
        if (waiting.incrementAndGet() > queue) {
            waiting.decrementAndGet();
            throw new ApiException(429, "too_many_requests", "the language model is busy; retry shortly");
        }
        try {
            if (!encoder.tryAcquire(maxWaitMs, TimeUnit.MILLISECONDS)) {
                throw new ApiException(503, "overloaded", "the language model is busy; retry shortly");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(503, "overloaded", "interrupted while waiting for the language model");
        } finally {
            waiting.decrementAndGet();
        }
    }

    void encoderDone() {
        encoder.release();
    }
}
