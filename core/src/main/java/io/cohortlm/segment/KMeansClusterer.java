package io.cohortlm.segment;

import io.cohortlm.CohortException;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * k-means by Lloyd's algorithm: the default {@link Clusterer}. Immutable and thread-safe; each {@link #fit} uses
 * {@link KMeansConfig#threads()} worker threads of its own.
 * <p>Each iteration assigns every row to its nearest centroid with {@code ‖x‖² − 2x·c + ‖c‖²} (row norms once per
 * fit, centroid norms once per iteration; the products by the register-blocked {@link DistanceKernel}), then moves
 * every centroid to the mean of its rows (summed in double, rows in order). It stops when no assignment changes,
 * when the centroids moved less than the tolerance, or at {@code maxIterations}; the returned labels and inertia
 * are always those of the returned centroids. An empty cluster is re-seeded with the row farthest from its own
 * centroid (lowest row index on ties), which leaves its old cluster, as scikit-learn does.
 * <p>If the data holds fewer than k distinct rows, the surplus centroids duplicate others and stay empty (size 0);
 * no error. Memory: one packed copy of the data (n × d floats) plus n labels and distances.
 */
public final class KMeansClusterer implements Clusterer {
    private final KMeansConfig config;
    private final DistanceKernel kernel;

    public KMeansClusterer(KMeansConfig config) {
        this(config, DistanceKernel.selected());
    }

    KMeansClusterer(KMeansConfig config, DistanceKernel kernel) {
        if (config == null) {
            throw new CohortException("config must not be null");
        }
        this.config = config;
        this.kernel = kernel;
    }

    public KMeansConfig config() {
        return config;
    }

    @Override
    public SegmentModel fit(Matrix data) {
        return run(data, null);
    }

    /**
     * Fits starting from the given centroids (k × d) instead of {@link KMeansConfig#init()}; one restart. Used to
     * compare with other implementations from the same start.
     */
    public SegmentModel fitFrom(Matrix data, Matrix initialCentroids) {
        if (initialCentroids.rows() != config.k() || initialCentroids.cols() != data.cols()) {
            throw new CohortException("initial centroids must be " + config.k() + " × " + data.cols() + ", was "
                    + initialCentroids.rows() + " × " + initialCentroids.cols());
        }
        return run(data, initialCentroids);
    }

    private SegmentModel run(Matrix data, Matrix start) {
        final int k = config.k();
        if (k > data.rows()) {
            throw new CohortException("k must be <= the number of rows (" + data.rows() + "), was " + k);
        }
        long t0 = System.nanoTime();
        boolean cosine = config.metric() == Metric.COSINE;
        Rows rows = Rows.of(data, cosine);
        try (Workers workers = new Workers(config.threads())) {
            KMeansEngine engine = new KMeansEngine(rows, kernel, workers);
            double tolerance = config.tolerance() > 0 ? config.tolerance() * engine.meanColumnVariance() : 0.0;
            SplittableRandom root = new SplittableRandom(config.seed());
            Run best = null;
            int restarts = start != null ? 1 : config.nInit();
            for (int r = 0; r < restarts; r++) {
                SplittableRandom rnd = root.split();
                long ti = System.nanoTime();
                float[] c0 = start != null ? startRows(start, cosine)
                        : config.init() == Init.KMEANS_PLUS_PLUS ? KMeansSeeding.kmeansPlusPlus(engine, k, rnd)
                        : KMeansSeeding.randomRows(rows, k, rnd);
                double initSeconds = (System.nanoTime() - ti) / 1e9;
                Run run = lloyd(engine, c0, tolerance, initSeconds);
                if (best == null || run.inertia < best.inertia) {
                    best = run;
                }
            }
            double total = (System.nanoTime() - t0) / 1e9;
            FitDiagnostics diag = new FitDiagnostics(best.iterations, best.converged,
                    cosine ? best.inertia / 2 : best.inertia, best.times, best.initSeconds, total, restarts,
                    best.repairs, kernel.name());
            return new SegmentModel(config.metric(), best.centroids, best.sizes, best.labels, diag,
                    config.toString(), kernel);
        }
    }

    private record Run(Centroids centroids, int[] labels, int[] sizes, double inertia, int iterations,
                       boolean converged, double[] times, double initSeconds, int repairs) {
    }

    private Run lloyd(KMeansEngine engine, float[] c0, double tolerance, double initSeconds) {
        final int k = config.k();
        final int d = engine.rows.d;
        final boolean cosine = config.metric() == Metric.COSINE;
        Arrays.fill(engine.labels, -1);
        Centroids cen = new Centroids(c0, k, d);
        double[] sums = new double[k * d];
        int[] counts = new int[k];
        double[] times = new double[config.maxIterations()];
        int it = 0;
        int repairs = 0;
        boolean converged = false;
        KMeansEngine.Pass pass = null;
        while (it < config.maxIterations()) {
            long s = System.nanoTime();
            pass = engine.assign(cen, sums);
            if (pass.changed() == 0) {
                times[it++] = (System.nanoTime() - s) / 1e9;
                converged = true;
                break;
            }
            Arrays.fill(counts, 0);
            for (int lab : engine.labels) {
                counts[lab]++;
            }
            repairs += EmptyClusters.repair(engine, sums, counts);
            float[] next = means(sums, counts, cen, cosine);
            double shift = 0;
            for (int i = 0; i < next.length; i++) {
                double diff = (double) next[i] - cen.rows[i];
                shift += diff * diff;
            }
            cen = new Centroids(next, k, d);
            pass = null;
            times[it++] = (System.nanoTime() - s) / 1e9;
            if (shift <= tolerance) {
                converged = true;
                break;
            }
        }
        if (pass == null) {
            pass = engine.assign(cen);
        }
        int[] sizes = new int[k];
        for (int lab : engine.labels) {
            sizes[lab]++;
        }
        return new Run(cen, engine.labels.clone(), sizes, pass.inertia(), it, converged, Arrays.copyOf(times, it),
                initSeconds, repairs);
    }

    /** New centroids: mean of each cluster's rows (unit length for cosine); an empty cluster keeps its centroid. */
    static float[] means(double[] sums, int[] counts, Centroids old, boolean cosine) {
        int k = counts.length;
        int d = old.d;
        float[] next = new float[k * d];
        for (int c = 0; c < k; c++) {
            int o = c * d;
            if (counts[c] == 0) {
                System.arraycopy(old.rows, o, next, o, d);
                continue;
            }
            double scale = 1.0 / counts[c];
            if (cosine) {
                double n2 = 0;
                for (int j = 0; j < d; j++) {
                    n2 += sums[o + j] * sums[o + j];
                }
                if (n2 == 0) {
                    System.arraycopy(old.rows, o, next, o, d);
                    continue;
                }
                scale = 1.0 / Math.sqrt(n2);
            }
            for (int j = 0; j < d; j++) {
                next[o + j] = (float) (sums[o + j] * scale);
            }
        }
        return next;
    }

    private static float[] startRows(Matrix start, boolean cosine) {
        return Rows.of(start, cosine).x.clone();
    }

    @Override
    public String toString() {
        return "KMeansClusterer" + config;
    }
}
