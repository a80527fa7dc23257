package io.cohortlm.resolution;

import io.cohortlm.data.Dataset;
import io.cohortlm.segment.FineLevel;
import io.cohortlm.segment.KMeansClusterer;
import io.cohortlm.segment.KMeansConfig;
import io.cohortlm.segment.Matrix;
import io.cohortlm.segment.PredictiveLift;
import io.cohortlm.segment.SegmentMatcher;
import io.cohortlm.segment.SegmentModel;
import io.cohortlm.segment.Segmentation;
import io.cohortlm.segment.Segmenter;
import io.cohortlm.segment.SegmenterConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The segment stage with two levels, each chosen for its job, on the user vectors of {@code cohortlm embed}:
 * <ol>
 *   <li><b>Fine</b> (tens to hundreds, for recommendation and cold start): k-means at every k of {@code fineGrid}
 *   (capped so a segment averages ≥ the configured minimum size), each scored by its held-out predictive lift
 *   ({@link PredictiveLift}: the latest 20% of every user's events, segment popularity against global popularity,
 *   nats per event, with a user-clustered standard error); the chosen k is the fewest segments within one standard
 *   error of the best, so a finer cut has to predict clearly better to be worth its smaller segments; when no
 *   candidate predicts better than global popularity, the fewest.</li>
 *   <li><b>Coarse</b> (a handful, for people to read): a cut of Ward's hierarchy over the fine centroids
 *   ({@link SegmentHierarchy}) between the configured k range, chosen by the largest merge-cost jump among cuts
 *   that are stable under bootstrap resampling and whose smallest segment holds ≥ {@code minShare} of the users.
 *   Every coarse segment is the union of whole fine segments.</li>
 * </ol>
 * The coarse level is the bundle's main segmentation (profiles, personas, exports); the fine level rides with it.
 * Both get stable ids against a previous model. The user vectors were built from all of a user's events, the held-out
 * ones included, so the lift is optimistic for finer cuts; the one-standard-error rule and the size cap are what keep
 * the fine level from chasing it. Deterministic for a seed, whatever the thread count.
 *
 * @param fineGrid     candidate numbers of fine segments, each ≥ 2
 * @param config       the segment stage's configuration (seed, threads, metric, minimum size, coarse k range)
 * @param resamples    bootstrap resamples of the coarse stability check, ≥ 1
 * @param minStability least bootstrap ARI of a coarse cut, in [0, 1]
 * @param minShare     least share of users in the smallest coarse segment, in [0, 0.5)
 */
public record SegmentLevels(List<Integer> fineGrid, SegmenterConfig config, int resamples, double minStability,
        double minShare) {

    public SegmentLevels {
        fineGrid = List.copyOf(Objects.requireNonNull(fineGrid, "fineGrid"));
        if (fineGrid.isEmpty() || fineGrid.stream().anyMatch(k -> k < 2)) {
            throw new IllegalArgumentException("fineGrid must be non-empty with every k ≥ 2, was " + fineGrid);
        }
        Objects.requireNonNull(config, "config");
        if (resamples < 1) {
            throw new IllegalArgumentException("resamples must be ≥ 1, was " + resamples);
        }
        if (!(minStability >= 0 && minStability <= 1)) {
            throw new IllegalArgumentException("minStability must be in [0, 1], was " + minStability);
        }
        if (!(minShare >= 0 && minShare < 0.5)) {
            throw new IllegalArgumentException("minShare must be in [0, 0.5), was " + minShare);
        }
    }

    /** Fine k ∈ {8, 16, 32, 64, 128, 256}; coarse cuts stable at bootstrap ARI ≥ 0.8 over 20 resamples, ≥ 2% of users. */
    public static SegmentLevels defaults(SegmenterConfig config) {
        return new SegmentLevels(List.of(8, 16, 32, 64, 128, 256), config, 20, 0.8, 0.02);
    }

    /** The fine ks that fit these users: above the coarse range's top, averaging ≥ the minimum size. */
    public List<Integer> fineKs(int users) {
        int cap = users / config.minSize();
        return new LinkedHashSet<>(fineGrid.stream().filter(k -> k <= cap && k > config.kMin()).sorted().toList())
                .stream().toList();
    }

    /**
     * Segments the users at two levels; with too few users for a fine level above the coarse range (see
     * {@link #fineKs}), the single level of {@link Segmenter#run}.
     *
     * @param x        user vectors (row i = user i)
     * @param userIds  pseudonymised ids of the rows
     * @param data     the users' dataset (events for the predictive lift), required
     * @param previous the previous model, or null
     */
    public Segmentation run(Matrix x, List<String> userIds, Dataset data, Segmenter.Previous previous) {
        Objects.requireNonNull(data, "data: the fine level is chosen by held-out events");
        Segmenter segmenter = new Segmenter(config);
        List<Integer> ks = fineKs(x.rows());
        if (ks.isEmpty() || !config.method().equals("kmeans") || config.k() != 0) {
            return segmenter.run(x, userIds, data, previous);
        }
        KMeansConfig base = KMeansConfig.defaults(2).withSeed(config.seed()).withThreads(config.threads())
                .withMetric(config.metric());
        List<FineLevel.Candidate> sweep = new ArrayList<>();
        for (int k : ks) {
            int[] labels = new KMeansClusterer(base.withK(k)).fit(x).trainingLabels();
            PredictiveLift.Result lift = PredictiveLift.defaults().score(data, labels, k);
            sweep.add(new FineLevel.Candidate(k, lift.liftNats(), lift.standardError(), smallest(labels, k)));
        }
        FineLevel.Candidate top = sweep.get(0);
        for (FineLevel.Candidate c : sweep) {
            if (c.liftNats() > top.liftNats() + 1e-12) {
                top = c;
            }
        }
        double bar = top.liftNats() - (Double.isNaN(top.standardError()) ? 0 : top.standardError());
        FineLevel.Candidate chosen = top;
        for (FineLevel.Candidate c : sweep) {
            if (c.liftNats() >= bar && c.k() < chosen.k()) {
                chosen = c;
            }
        }
        String reason;
        if (top.liftNats() <= 0) {
            // No cut predicts the held-out events better than global popularity: finer is not better, take the fewest.
            chosen = sweep.get(0);
            reason = String.format(Locale.ROOT, "fine k=%d: no candidate of %d–%d predicts held-out events better "
                    + "than global popularity (best lift %+.4f nats per event at k=%d), so the fewest segments",
                    chosen.k(), ks.get(0), ks.get(ks.size() - 1), top.liftNats(), top.k());
        } else {
            reason = String.format(Locale.ROOT, "fine k=%d: the fewest segments whose held-out predictive lift "
                    + "(%+.4f nats per event) is within one standard error of the best (k=%d, %+.4f ± %.4f) among %d "
                    + "candidates of %d–%d (segments averaging ≥ %d users)", chosen.k(), chosen.liftNats(), top.k(),
                    top.liftNats(), top.standardError(), sweep.size(), ks.get(0), ks.get(ks.size() - 1),
                    config.minSize());
        }
        SegmentModel fine = new KMeansClusterer(base.withK(chosen.k()).withNInit(5)).fit(x);
        int[] fineLabels = fine.trainingLabels();
        int[] fineSizes = new int[fine.k()];
        for (int l : fineLabels) {
            fineSizes[l]++;
        }
        if (java.util.Arrays.stream(fineSizes).anyMatch(s -> s == 0)) {
            // An empty k-means cluster has no members to merge or profile: drop it, centres become member means.
            int[] remap = new int[fine.k()];
            int kept = 0;
            for (int c = 0; c < fine.k(); c++) {
                remap[c] = fineSizes[c] == 0 ? -1 : kept++;
            }
            for (int u = 0; u < fineLabels.length; u++) {
                fineLabels[u] = remap[fineLabels[u]];
            }
            fine = Segmenter.memberMeans(x, fineLabels, kept, config.metric(), fine.clusterer());
            fineSizes = fine.sizes();
        }
        float[][] centroids = fine.centroids().toArrays();
        CoarseSegments coarse = new SegmentHierarchy(Math.max(2, config.kMin()), Math.max(config.kMin(), config.kMax()),
                resamples, minStability, minShare, config.seed()).fit(centroids, fineSizes, fineLabels, x.toArrays());
        SegmentModel coarseModel = Segmenter.memberMeans(x, coarse.labels(), coarse.k(), config.metric(),
                "ward(" + coarse.k() + ") over " + fine.clusterer());
        Segmentation out = segmenter.finish(x, userIds, data, previous, coarseModel, coarse.labels(), null);
        int[] stable = new int[fine.k()];
        java.util.Arrays.setAll(stable, i -> i);
        SegmentMatcher.Diff diff = null;
        if (previous != null && previous.fine() != null) {
            Map<String, Integer> membership = new HashMap<>();
            for (int i = 0; i < fineLabels.length; i++) {
                membership.put(userIds.get(i), fineLabels[i]);
            }
            diff = Segmenter.match(previous.fine(), centroids, membership, fine.k());
            stable = diff.stableIds();
        }
        List<FineLevel.Cut> cuts = coarse.sweep().stream()
                .map(c -> new FineLevel.Cut(c.k(), c.stability(), c.smallest())).toList();
        return out.withFine(new FineLevel(fine, stable, fineLabels, coarse.fineToCoarse(), sweep, reason, cuts,
                "coarse " + coarse.reason(), diff));
    }

    private static int smallest(int[] labels, int k) {
        int[] s = new int[k];
        for (int l : labels) {
            s[l]++;
        }
        int min = Integer.MAX_VALUE;
        for (int v : s) {
            if (v > 0) {
                min = Math.min(min, v);
            }
        }
        return min == Integer.MAX_VALUE ? 0 : min;
    }
}
