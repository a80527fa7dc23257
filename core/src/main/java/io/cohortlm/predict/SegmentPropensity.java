package io.cohortlm.predict;

import java.util.List;

/**
 * A segment's mean predicted propensities for the period after {@link PropensityResult#scoredAsOf()}, and the
 * phrases they earn under {@link PhraseRules}. Probabilities are NaN when the model was not trained.
 *
 * @param segment          segment id, or -1 for outliers
 * @param users            users of the segment with history (the ones scored)
 * @param active           mean P(active next period)
 * @param purchase         mean P(purchase next period)
 * @param topCategory      name of the category with the highest mean predicted next-category probability; null
 *                         when there is no next-category model
 * @param topCategoryShare that mean probability
 * @param topCategoryLift  it divided by the population's mean probability of that category
 * @param phrases          short description phrases, e.g. "likely to lapse", "likely to buy kitchenware"
 */
public record SegmentPropensity(int segment, int users, double active, double purchase, String topCategory,
        double topCategoryShare, double topCategoryLift, List<String> phrases) {
    public SegmentPropensity {
        phrases = List.copyOf(phrases);
    }
}
