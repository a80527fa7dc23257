package io.cohortlm.segment;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fixed set of worker threads (the caller is one of them) that runs numbered work units. Units are handed out
 * dynamically, so which thread runs a unit varies, but every unit writes only its own outputs and results are
 * combined in unit order by the caller: thread count changes speed, never results. One per fit; close it.
 */
final class Workers implements AutoCloseable {
    /** Per-thread scratch. */
    static final class Scratch {
        /** Four rows' results: nearest (8 floats) or partials to up to {@link DistanceKernel#QUERY_PAD} centroids. */
        final float[] out = new float[4 * DistanceKernel.QUERY_PAD];
    }

    /** A unit of work. */
    interface Unit {
        void run(int unit, Scratch scratch);
    }

    private static final AtomicInteger POOL_IDS = new AtomicInteger();
    private final int threads;
    private final ExecutorService pool;

    Workers(int threads) {
        this.threads = threads;
        int id = POOL_IDS.incrementAndGet();
        AtomicInteger n = new AtomicInteger();
        this.pool = threads > 1 ? Executors.newFixedThreadPool(threads - 1, r -> {
            Thread t = new Thread(r, "cohortlm-kmeans-" + id + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        }) : null;
    }

    /** Runs units {@code [0, units)} and returns when all are done; rethrows the first failure. */
    void forEach(int units, Unit task) {
        int helpers = pool == null ? 0 : Math.min(threads, units) - 1;
        AtomicInteger next = new AtomicInteger();
        Runnable worker = () -> {
            Scratch s = new Scratch();
            for (int u = next.getAndIncrement(); u < units; u = next.getAndIncrement()) {
                task.run(u, s);
            }
        };
        Future<?>[] fs = new Future<?>[Math.max(helpers, 0)];
        for (int i = 0; i < fs.length; i++) {
            fs[i] = pool.submit(worker);
        }
        RuntimeException failure = null;
        try {
            worker.run();
        } catch (RuntimeException e) {
            failure = e;
            next.set(units);
        }
        for (Future<?> f : fs) {
            try {
                f.get();
            } catch (ExecutionException e) {
                if (failure == null) {
                    failure = e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while clustering", e);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
