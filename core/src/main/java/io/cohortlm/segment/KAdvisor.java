package io.cohortlm.segment;

import io.cohortlm.data.Dataset;
import io.cohortlm.evaluate.AdjustedRandIndex;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Advises the number of segments. For each k in the range it fits k-means (on a seeded subsample of at most
 * {@code maxRows} users, so the sweep stays fast at any n) and reports silhouette (sampled), Davies–Bouldin,
 * Calinski–Harabasz, bootstrap stability (mean adjusted Rand index between the full fit and fits on
 * {@code bootstrapShare} resamples, compared on every row) and, when a dataset is given, the predictive lift of
 * the segments ({@link PredictiveLift}).
 * <p>Choice rule: among the k whose smallest segment has at least {@code minSegmentSize} users (scaled to the
 * subsample) and whose stability is at least {@code minStability}, the highest silhouette; if no k is that
 * stable, the most stable k that respects the minimum size; if none does, the smallest k. The reason is
 * returned in words.
 *
 * @param kMin            smallest k tried, ≥ 2
 * @param kMax            largest k tried, ≥ kMin
 * @param minSegmentSize  smallest acceptable segment, ≥ 1
 * @param minStability    stability gate in [0, 1]
 * @param bootstrapRounds resamples per k, ≥ 1
 * @param bootstrapShare  share of rows in each resample, in (0, 1)
 * @param silhouetteSample rows used by the silhouette, ≥ 10
 * @param maxRows         rows the sweep fits on, ≥ 100
 * @param base            k-means settings (k is replaced per candidate)
 */
public record KAdvisor(int kMin, int kMax, int minSegmentSize, double minStability, int bootstrapRounds,
        double bootstrapShare, int silhouetteSample, int maxRows, KMeansConfig base) {
    public KAdvisor {
        if (kMin < 2) {
            throw new IllegalArgumentException("kMin must be ≥ 2, was " + kMin);
        }
        if (kMax < kMin) {
            throw new IllegalArgumentException("kMax must be ≥ kMin (" + kMin + "), was " + kMax);
        }
        if (minSegmentSize < 1) {
            throw new IllegalArgumentException("minSegmentSize must be ≥ 1, was " + minSegmentSize);
        }
        if (!(minStability >= 0 && minStability <= 1)) {
            throw new IllegalArgumentException("minStability must be in [0, 1], was " + minStability);
        }
        if (bootstrapRounds < 1) {
            throw new IllegalArgumentException("bootstrapRounds must be ≥ 1, was " + bootstrapRounds);
        }
        if (!(bootstrapShare > 0 && bootstrapShare < 1)) {
            throw new IllegalArgumentException("bootstrapShare must be in (0, 1), was " + bootstrapShare);
        }
        if (silhouetteSample < 10) {
            throw new IllegalArgumentException("silhouetteSample must be ≥ 10, was " + silhouetteSample);
        }
        if (maxRows < 100) {
            throw new IllegalArgumentException("maxRows must be ≥ 100, was " + maxRows);
        }
    }

    /** k in [2, 12], min size 20, stability gate 0.75, 5 resamples of 80%, silhouette on 2,000, sweep on 50,000. */
    public static KAdvisor defaults(long seed) {
        return new KAdvisor(2, 12, 20, 0.75, 5, 0.8, 2000, 50_000, KMeansConfig.defaults(2).withSeed(seed));
    }

    public KAdvisor withRange(int min, int max) {
        return new KAdvisor(min, max, minSegmentSize, minStability, bootstrapRounds, bootstrapShare, silhouetteSample,
                maxRows, base);
    }

    public KAdvisor withMinSegmentSize(int size) {
        return new KAdvisor(kMin, kMax, size, minStability, bootstrapRounds, bootstrapShare, silhouetteSample,
                maxRows, base);
    }

    /**
     * Figures for one k.
     *
     * @param smallestSegment smallest segment's size in the sweep sample
     * @param liftNats        predictive lift (NaN without a dataset)
     */
    public record KScore(int k, double silhouette, double daviesBouldin, double calinskiHarabasz, double stability,
            double liftNats, int smallestSegment, boolean meetsMinSize, double inertia) {
    }

    /** The sweep and the choice. */
    public record Advice(List<KScore> scores, int chosenK, String reason, int sampledRows) {
    }

    /**
     * Runs the sweep.
     *
     * @param x    user vectors
     * @param data the users' dataset (row i of x = dense user i) for predictive lift, or null
     */
    public Advice advise(Matrix x, Dataset data) {
        int n = x.rows();
        int hi = Math.min(kMax, Math.max(kMin, n / Math.max(1, minSegmentSize)));
        int[] rows = subsample(n, maxRows, base.seed());
        Matrix xs = rows.length == n ? x : select(x, rows);
        double scale = (double) rows.length / n;
        int minSize = Math.max(1, (int) Math.floor(minSegmentSize * scale));
        List<KScore> scores = new ArrayList<>();
        for (int k = kMin; k <= Math.max(kMin, hi); k++) {
            KMeansConfig cfg = base.withK(k);
            SegmentModel full = new KMeansClusterer(cfg).fit(xs);
            int[] labels = full.trainingLabels();
            QualityIndices q = QualityIndices.of(xs.toArrays(), labels, k, silhouetteSample, base.seed());
            double stability = 0;
            for (int r = 0; r < bootstrapRounds; r++) {
                long seed = base.seed() * 1_000_003L + 7919L * k + r + 1;
                int[] sub = subsample(xs.rows(), (int) Math.round(bootstrapShare * xs.rows()), seed);
                SegmentModel boot = new KMeansClusterer(cfg.withSeed(seed)).fit(select(xs, sub));
                int[] bl = boot.assignAll(xs).segments();
                stability += AdjustedRandIndex.score(labels, bl);
            }
            stability /= bootstrapRounds;
            double lift = Double.NaN;
            if (data != null) {
                int[] all = rows.length == n ? labels : full.assignAll(x).segments();
                lift = PredictiveLift.defaults().score(data, all, k).liftNats();
            }
            int smallest = Arrays.stream(full.sizes()).min().orElse(0);
            scores.add(new KScore(k, q.silhouette(), q.daviesBouldin(), q.calinskiHarabasz(), stability, lift,
                    smallest, smallest >= minSize, full.diagnostics().inertia()));
        }
        return choose(scores, rows.length);
    }

    private Advice choose(List<KScore> scores, int sampled) {
        KScore best = null;
        for (KScore s : scores) {
            if (s.meetsMinSize() && s.stability() >= minStability && (best == null || s.silhouette() > best.silhouette())) {
                best = s;
            }
        }
        String reason;
        if (best != null) {
            reason = String.format(Locale.ROOT, "k=%d has the highest silhouette (%.3f) among the k whose bootstrap "
                    + "stability is ≥ %.2f (here %.3f) and whose smallest segment has ≥ %d users", best.k(),
                    best.silhouette(), minStability, best.stability(), minSegmentSize);
        } else {
            for (KScore s : scores) {
                if (s.meetsMinSize() && (best == null || s.stability() > best.stability())) {
                    best = s;
                }
            }
            if (best != null) {
                reason = String.format(Locale.ROOT, "no k reached stability %.2f; k=%d is the most stable (%.3f) "
                        + "whose smallest segment has ≥ %d users", minStability, best.k(), best.stability(),
                        minSegmentSize);
            } else {
                best = scores.get(0);
                reason = String.format(Locale.ROOT, "no k gives every segment ≥ %d users; taking the smallest k=%d",
                        minSegmentSize, best.k());
            }
        }
        if (!Double.isNaN(best.liftNats())) {
            double ratio = Math.exp(best.liftNats());
            reason += ratio >= 1
                    ? String.format(Locale.ROOT, "; held-out items are %.2f× likelier under its segments' popularity "
                            + "than under global popularity", ratio)
                    : String.format(Locale.ROOT, "; its segments do not predict held-out items better than global "
                            + "popularity (likelihood ratio %.2f)", ratio);
        }
        return new Advice(List.copyOf(scores), best.k(), reason, sampled);
    }

    static int[] subsample(int n, int size, long seed) {
        return io.cohortlm.stats.SeededSample.indices(n, size, seed);
    }

    static Matrix select(Matrix x, int[] rows) {
        int d = x.cols();
        float[] data = new float[rows.length * d];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(x.data(), rows[i] * d, data, i * d, d);
        }
        return new Matrix(data, rows.length, d);
    }
}
