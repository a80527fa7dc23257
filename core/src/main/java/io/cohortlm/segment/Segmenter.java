package io.cohortlm.segment;

import io.cohortlm.data.Dataset;
import io.cohortlm.reduce.Tsne;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The segment stage: fits k-means (k fixed or advised) or HDBSCAN on user vectors, computes quality, predictive
 * lift, per-segment outlier thresholds and a 2-D map, and matches segment ids to a previous model so they stay
 * stable across retrains.
 */
public final class Segmenter {
    /** Share of a segment's members whose distance bounds "still a member" for newly assigned users. */
    static final double OUTLIER_QUANTILE = 0.99;

    private final SegmenterConfig config;

    public Segmenter(SegmenterConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /**
     * The previous run, for stable ids: its stable ids, centroids and memberships by user id, and the same for its
     * fine level (null when it had one level).
     */
    public record Previous(int[] stableIds, float[][] centroids, Map<String, Integer> membership, Previous fine) {
        public Previous(int[] stableIds, float[][] centroids, Map<String, Integer> membership) {
            this(stableIds, centroids, membership, null);
        }
    }

    /**
     * Segments the users.
     *
     * @param x        user vectors (row i = user i)
     * @param userIds  ids of the rows (pseudonymised), used to match memberships with {@code previous}
     * @param data     the users' dataset for predictive lift, or null
     * @param previous the previous model, or null
     */
    public Segmentation run(Matrix x, List<String> userIds, Dataset data, Previous previous) {
        if (x.rows() != userIds.size()) {
            throw new IllegalArgumentException("vectors (" + x.rows() + ") and ids (" + userIds.size() + ") must align");
        }
        if (x.rows() < 2 * config.minSize()) {
            throw new io.cohortlm.CohortException("segmenting needs at least 2 × min size = " + (2 * config.minSize())
                    + " users, had " + x.rows() + "; lower --min-size");
        }
        KMeansConfig base = KMeansConfig.defaults(2).withSeed(config.seed()).withThreads(config.threads())
                .withMetric(config.metric());
        KAdvisor.Advice advice = null;
        SegmentModel model;
        int[] labels;
        if (config.method().equals("kmeans")) {
            int k = config.k();
            if (k == 0) {
                KAdvisor advisor = new KAdvisor(config.kMin(), config.kMax(), config.minSize(), 0.75, 5, 0.8, 2000,
                        50_000, base);
                advice = advisor.advise(x, data);
                k = advice.chosenK();
            }
            model = new KMeansClusterer(base.withK(k).withNInit(3)).fit(x);
            labels = model.trainingLabels();
        } else {
            int mcs = config.minSize();
            Hdbscan.Result h = new Hdbscan(mcs, Math.min(mcs, 10), 20_000, config.seed()).fit(x.toArrays());
            if (h.clusters() < 1) {
                throw new io.cohortlm.CohortException("HDBSCAN found no segment of at least " + mcs
                        + " users; lower --min-size or use --method kmeans");
            }
            labels = h.labels();
            model = memberMeans(x, labels, h.clusters(), config.metric(), "hdbscan");
        }
        return finish(x, userIds, data, previous, model, labels, advice);
    }

    /**
     * Everything after the labels: confidences, outlier thresholds, quality, predictive lift, the 2-D map and
     * stable ids against {@code previous}.
     *
     * @param model  the nearest-centroid model new users are placed with
     * @param labels segment index per user, -1 = outlier
     * @param advice the k advisor's sweep, or null
     */
    public Segmentation finish(Matrix x, List<String> userIds, Dataset data, Previous previous, SegmentModel model,
            int[] labels, KAdvisor.Advice advice) {
        Assignments a = model.assignAll(x);
        float[] confidence = new float[x.rows()];
        float[] distance = new float[x.rows()];
        int outliers = 0;
        for (int i = 0; i < x.rows(); i++) {
            distance[i] = (float) a.distances()[i];
            if (labels[i] < 0) {
                outliers++;
            } else {
                confidence[i] = (float) (a.segments()[i] == labels[i] ? a.confidences()[i] : 0);
            }
        }
        double[] threshold = thresholds(labels, distance, model.k());
        QualityIndices quality = QualityIndices.of(x.toArrays(), labels, model.k(), 2000, config.seed());
        PredictiveLift.Result lift = data == null ? null : PredictiveLift.defaults().score(data, labels, model.k());
        Tsne.Layout map = new Tsne(30, 500, config.mapSample(), 5, config.seed()).fit(x.toArrays());
        int[] stable = new int[model.k()];
        Arrays.setAll(stable, i -> i);
        SegmentMatcher.Diff diff = null;
        if (previous != null) {
            Map<String, Integer> membership = new HashMap<>();
            for (int i = 0; i < labels.length; i++) {
                if (labels[i] >= 0) {
                    membership.put(userIds.get(i), labels[i]);
                }
            }
            float[][] cur = model.centroids().toArrays();
            if (previous.centroids().length > 0 && previous.centroids()[0].length != model.dimension()) {
                throw new io.cohortlm.CohortException("the previous model's vectors have dimension "
                        + previous.centroids()[0].length + ", these have " + model.dimension()
                        + "; stable ids need vectors built the same way");
            }
            diff = match(previous, cur, membership, model.k());
            stable = diff.stableIds();
        }
        return new Segmentation(model, stable, labels, confidence, distance, threshold, advice, quality, lift, map,
                diff, outliers);
    }

    /** Stable ids of {@code k} new segments matched to {@code previous} (centroids and memberships by user id). */
    public static SegmentMatcher.Diff match(Previous previous, float[][] centroids, Map<String, Integer> membership,
            int k) {
        int[] fresh = new int[k];
        Arrays.setAll(fresh, i -> i);
        return SegmentMatcher.defaults().match(
                new SegmentMatcher.Side(previous.stableIds(), previous.centroids(), previous.membership()),
                new SegmentMatcher.Side(fresh, centroids, membership));
    }

    /** A nearest-centroid model whose centres are the means of each segment's members (labels -1 ignored). */
    public static SegmentModel memberMeans(Matrix x, int[] labels, int k, Metric metric, String clusterer) {
        int d = x.cols();
        float[] c = new float[k * d];
        double[] sum = new double[k * d];
        int[] size = new int[k];
        for (int i = 0; i < x.rows(); i++) {
            int l = labels[i];
            if (l < 0) {
                continue;
            }
            size[l]++;
            for (int j = 0; j < d; j++) {
                sum[l * d + j] += x.data()[i * d + j];
            }
        }
        for (int l = 0; l < k; l++) {
            for (int j = 0; j < d; j++) {
                c[l * d + j] = (float) (sum[l * d + j] / Math.max(1, size[l]));
            }
        }
        FitDiagnostics diag = new FitDiagnostics(0, true, Double.NaN, new double[0], 0, 0, 1, 0, clusterer);
        return SegmentModel.of(metric, new Matrix(c, k, d), size, labels, diag, clusterer);
    }

    static double[] thresholds(int[] labels, float[] distance, int k) {
        double[] out = new double[k];
        for (int s = 0; s < k; s++) {
            final int seg = s;
            double[] d = java.util.stream.IntStream.range(0, labels.length).filter(i -> labels[i] == seg)
                    .mapToDouble(i -> distance[i]).sorted().toArray();
            out[s] = d.length == 0 ? 0 : d[Math.min(d.length - 1, (int) Math.ceil(OUTLIER_QUANTILE * d.length) - 1)];
        }
        return out;
    }
}
