package io.cohortlm.recommend;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * Runs a loop body over {@code [0, n)} on a fixed number of threads. Each index is handled exactly once; callers
 * write results per index (never into shared accumulators), which is what makes every recommender's output
 * independent of the thread count.
 */
public final class Workers {
    private Workers() {
    }

    /**
     * Calls {@code body} once for every index in {@code [0, n)}, handing out chunks of {@code chunk} indices to
     * {@code threads} threads (the caller's thread is one of them). Rethrows the first failure.
     */
    public static void forEach(int threads, int n, int chunk, IntConsumer body) {
        if (n <= 0) {
            return;
        }
        int t = Math.max(1, Math.min(threads, (n + chunk - 1) / chunk));
        if (t == 1) {
            for (int i = 0; i < n; i++) {
                body.accept(i);
            }
            return;
        }
        AtomicInteger next = new AtomicInteger();
        RuntimeException[] failure = new RuntimeException[1];
        Runnable work = () -> {
            try {
                int a;
                while ((a = next.getAndAdd(chunk)) < n && failure[0] == null) {
                    int b = Math.min(n, a + chunk);
                    for (int i = a; i < b; i++) {
                        body.accept(i);
                    }
                }
            } catch (RuntimeException | Error e) {
                synchronized (failure) {
                    if (failure[0] == null) {
                        failure[0] = e instanceof RuntimeException r ? r : new RuntimeException(e);
                    }
                }
            }
        };
        List<Thread> started = new ArrayList<>();
        for (int i = 1; i < t; i++) {
            Thread th = new Thread(work, "cohortlm-worker-" + i);
            th.setDaemon(true);
            th.start();
            started.add(th);
        }
        work.run();
        for (Thread th : started) {
            try {
                th.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for workers", e);
            }
        }
        if (failure[0] != null) {
            throw failure[0];
        }
    }

    /** Threads to use by default: the available processors. */
    public static int defaultThreads() {
        return Runtime.getRuntime().availableProcessors();
    }
}
