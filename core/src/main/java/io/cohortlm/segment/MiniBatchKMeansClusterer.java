package io.cohortlm.segment;

import io.cohortlm.CohortException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Mini-batch k-means (Sculley, "Web-scale k-means clustering", WWW 2010) for millions of rows: each step assigns
 * a seeded uniform batch with the same {@link DistanceKernel} as Lloyd, then moves each centroid toward each of
 * its batch rows with a per-centroid learning rate {@code 1 / (rows it has seen)}, rows in batch order. Starts
 * from k-means++ on a seeded sample of {@code max(3 · batchSize, 10 · k)} rows. Ends with one full assignment pass
 * (labels, sizes, inertia of the returned centroids); if a cluster is empty then, it is re-seeded from the farthest
 * row (as in {@link KMeansClusterer}), followed by one Lloyd update and a last assignment pass.
 * <p>Immutable and thread-safe. Same seed, same model, whatever the thread count. Memory: the data plus n labels
 * and distances (cosine: plus one unit-length copy).
 */
public final class MiniBatchKMeansClusterer implements Clusterer {
    private final MiniBatchConfig config;
    private final DistanceKernel kernel;

    public MiniBatchKMeansClusterer(MiniBatchConfig config) {
        this(config, DistanceKernel.selected());
    }

    MiniBatchKMeansClusterer(MiniBatchConfig config, DistanceKernel kernel) {
        if (config == null) {
            throw new CohortException("config must not be null");
        }
        this.config = config;
        this.kernel = kernel;
    }

    public MiniBatchConfig config() {
        return config;
    }

    @Override
    public SegmentModel fit(Matrix data) {
        final int k = config.k();
        final int n = data.rows();
        final int d = data.cols();
        if (k > n) {
            throw new CohortException("k must be <= the number of rows (" + n + "), was " + k);
        }
        long t0 = System.nanoTime();
        boolean cosine = config.metric() == Metric.COSINE;
        Rows rows = Rows.of(data, cosine);
        SplittableRandom rnd = new SplittableRandom(config.seed());
        try (Workers workers = new Workers(config.threads())) {
            Rows sample = sample(rows, Math.min(n, Math.max(3 * config.batchSize(), 10 * k)), rnd);
            KMeansEngine sampleEngine = new KMeansEngine(sample, kernel, workers);
            float[] start = KMeansSeeding.kmeansPlusPlus(sampleEngine, k, rnd);
            double tolerance = config.tolerance() > 0 ? config.tolerance() * sampleEngine.meanColumnVariance() : 0;
            double initSeconds = (System.nanoTime() - t0) / 1e9;

            double[] cen = new double[k * d];
            for (int i = 0; i < cen.length; i++) {
                cen[i] = start[i];
            }
            long[] seen = new long[k];
            int b = config.batchSize();
            float[] bx = new float[b * d];
            double[] bsq = new double[b];
            double[] times = new double[config.maxSteps()];
            int steps = 0;
            boolean converged = false;
            float[] current = start;
            while (steps < config.maxSteps()) {
                long s = System.nanoTime();
                for (int r = 0; r < b; r++) {
                    int i = rnd.nextInt(n);
                    rows.copyRow(i, bx, r * d);
                    bsq[r] = rows.sqNorms[i];
                }
                KMeansEngine batch = new KMeansEngine(new Rows(b, d, bx, bsq), kernel, workers);
                batch.assign(new Centroids(current, k, d));
                for (int r = 0; r < b; r++) {
                    int c = batch.labels[r];
                    double eta = 1.0 / ++seen[c];
                    int co = c * d;
                    int xo = r * d;
                    for (int j = 0; j < d; j++) {
                        cen[co + j] += eta * (bx[xo + j] - cen[co + j]);
                    }
                }
                float[] next = toFloat(cen, k, d, cosine);
                double shift = 0;
                for (int i = 0; i < next.length; i++) {
                    double diff = (double) next[i] - current[i];
                    shift += diff * diff;
                }
                current = next;
                times[steps++] = (System.nanoTime() - s) / 1e9;
                if (tolerance > 0 && shift <= tolerance) {
                    converged = true;
                    break;
                }
            }

            KMeansEngine full = new KMeansEngine(rows, kernel, workers);
            Centroids cs = new Centroids(current, k, d);
            double[] sums = new double[k * d];
            KMeansEngine.Pass pass = full.assign(cs, sums);
            int[] counts = counts(full.labels, k);
            int repairs = 0;
            if (Arrays.stream(counts).anyMatch(c -> c == 0)) {
                repairs = EmptyClusters.repair(full, sums, counts);
                if (repairs > 0) {
                    cs = new Centroids(KMeansClusterer.means(sums, counts, cs, cosine), k, d);
                    pass = full.assign(cs);
                    counts = counts(full.labels, k);
                }
            }
            double total = (System.nanoTime() - t0) / 1e9;
            FitDiagnostics diag = new FitDiagnostics(steps, converged, cosine ? pass.inertia() / 2 : pass.inertia(),
                    Arrays.copyOf(times, steps), initSeconds, total, 1, repairs, kernel.name());
            return new SegmentModel(config.metric(), cs, counts, full.labels.clone(), diag, config.toString(), kernel);
        }
    }

    private static int[] counts(int[] labels, int k) {
        int[] c = new int[k];
        for (int l : labels) {
            c[l]++;
        }
        return c;
    }

    private static float[] toFloat(double[] cen, int k, int d, boolean cosine) {
        float[] out = new float[k * d];
        for (int c = 0; c < k; c++) {
            int o = c * d;
            double scale = 1.0;
            if (cosine) {
                double n2 = 0;
                for (int j = 0; j < d; j++) {
                    n2 += cen[o + j] * cen[o + j];
                }
                scale = n2 > 0 ? 1.0 / Math.sqrt(n2) : 1.0;
            }
            for (int j = 0; j < d; j++) {
                out[o + j] = (float) (cen[o + j] * scale);
            }
        }
        return out;
    }

    /** {@code m} distinct rows drawn uniformly, in draw order. */
    private static Rows sample(Rows rows, int m, SplittableRandom rnd) {
        if (m == rows.n) {
            return rows;
        }
        Set<Integer> picked = new LinkedHashSet<>();
        while (picked.size() < m) {
            picked.add(rnd.nextInt(rows.n));
        }
        float[] x = new float[m * rows.d];
        double[] sq = new double[m];
        int r = 0;
        for (int i : picked) {
            rows.copyRow(i, x, r * rows.d);
            sq[r++] = rows.sqNorms[i];
        }
        return new Rows(m, rows.d, x, sq);
    }

    @Override
    public String toString() {
        return "MiniBatchKMeansClusterer" + config;
    }
}
