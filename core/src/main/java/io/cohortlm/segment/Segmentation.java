package io.cohortlm.segment;

import io.cohortlm.reduce.Tsne;

/**
 * The result of the segment stage for the training users.
 *
 * @param model            nearest-centroid model (k-means centroids, or member means of density segments)
 * @param stableIds        stable id of each segment (index = segment index)
 * @param labels           segment index per user, -1 = outlier
 * @param confidence       margin to the runner-up per user (0 for outliers)
 * @param distance         distance to the own centroid per user
 * @param outlierThreshold per segment: distances above it make a newly assigned user an outlier
 * @param advice           the k advisor's sweep, or null when k was fixed or the method needs no k
 * @param quality          internal quality indices of the labels
 * @param lift             predictive lift of the segments, or null without a dataset
 * @param map              2-D map of the users
 * @param diff             changes against the previous model, or null when there was none
 * @param outliers         users labelled -1
 * @param fine             the fine level under these (coarse) segments, or null for a single level
 */
public record Segmentation(SegmentModel model, int[] stableIds, int[] labels, float[] confidence, float[] distance,
        double[] outlierThreshold, KAdvisor.Advice advice, QualityIndices quality, PredictiveLift.Result lift,
        Tsne.Layout map, SegmentMatcher.Diff diff, int outliers, FineLevel fine) {

    /** A single-level segmentation. */
    public Segmentation(SegmentModel model, int[] stableIds, int[] labels, float[] confidence, float[] distance,
            double[] outlierThreshold, KAdvisor.Advice advice, QualityIndices quality, PredictiveLift.Result lift,
            Tsne.Layout map, SegmentMatcher.Diff diff, int outliers) {
        this(model, stableIds, labels, confidence, distance, outlierThreshold, advice, quality, lift, map, diff,
                outliers, null);
    }

    /** This segmentation with a fine level under it. */
    public Segmentation withFine(FineLevel f) {
        return new Segmentation(model, stableIds, labels, confidence, distance, outlierThreshold, advice, quality,
                lift, map, diff, outliers, f);
    }

    public int k() {
        return model.k();
    }

    /** Users per segment index (outliers excluded). */
    public int[] sizes() {
        return counts(labels, model.k());
    }

    /** Members per segment index of {@code labels} (-1 ignored). */
    static int[] counts(int[] labels, int k) {
        int[] s = new int[k];
        for (int l : labels) {
            if (l >= 0) {
                s[l]++;
            }
        }
        return s;
    }
}
