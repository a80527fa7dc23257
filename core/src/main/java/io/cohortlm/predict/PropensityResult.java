package io.cohortlm.predict;

import java.util.List;
import java.util.Map;

/**
 * Everything {@link Propensities#fit} learned and measured. Metrics are on held-out users (a seeded user split
 * of the users with history at the cut); per-segment metrics use the held-out users of each segment (key -1 =
 * outliers). Segment propensities score every user with history as of {@link #scoredAsOf()}.
 *
 * @param split          the temporal split used for training and evaluation
 * @param scoredAsOf     epoch seconds the segment propensities describe (predictions for the period after it)
 * @param trainUsers     users trained on
 * @param testUsers      users evaluated on
 * @param coldUsers      users with no event before the cut (neither trained nor evaluated)
 * @param active         P(active next period); never null
 * @param purchase       P(purchase next period); null when the data has no purchases or only one class
 * @param nextCategory   next category; null when items have fewer than 2 categories seen as labels
 * @param segments       per-segment mean propensities and phrases, by segment id (-1 first when present)
 * @param population     the same means over all scored users (segment id {@code Integer.MIN_VALUE}, no phrases)
 * @param scores         per-user predictions as of {@code scoredAsOf}
 * @param seconds        wall time of fit
 */
public record PropensityResult(TemporalSplit split, long scoredAsOf, int trainUsers, int testUsers, int coldUsers,
        BinaryTarget active, BinaryTarget purchase, CategoryTarget nextCategory, List<SegmentPropensity> segments,
        SegmentPropensity population, UserScores scores, double seconds) {

    /**
     * A binary target.
     *
     * @param name       {@code active} or {@code purchase}
     * @param baseRate   share of positive labels among training users
     * @param overall    held-out metrics
     * @param bySegment  held-out metrics per segment
     * @param importance permutation importance by feature group on held-out users (log-loss increase)
     * @param model      the fitted model
     */
    public record BinaryTarget(String name, double baseRate, BinaryMetrics overall, Map<Integer, BinaryMetrics> bySegment,
            List<PermutationImportance.FeatureImportance> importance, LogisticModel model) {
    }

    /**
     * The next-category target.
     *
     * @param classNames category name of each model class
     * @param classCodes item category code of each model class
     * @param dropped    labelled training/test users whose next category is not among the modelled classes
     */
    public record CategoryTarget(List<String> classNames, int[] classCodes, MulticlassMetrics overall,
            Map<Integer, MulticlassMetrics> bySegment, List<PermutationImportance.FeatureImportance> importance,
            int dropped, LogisticModel model) {
    }

    /**
     * Per-user predictions; NaN / -1 for users without history.
     *
     * @param active      P(active)
     * @param purchase    P(purchase) (NaN everywhere without a purchase model)
     * @param topCategory model class index of the most probable next category (-1 without a model)
     */
    public record UserScores(double[] active, double[] purchase, int[] topCategory) {
    }
}
