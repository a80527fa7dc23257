package io.cohortlm.explain;

import java.util.List;

/**
 * What distinguishes one segment from the whole population. JSON-friendly (Jackson serialises records as
 * objects). Member ids are pseudonymised; no per-user values appear.
 *
 * @param segment         segment label (index into the centroids)
 * @param key             stable segment id
 * @param size            members
 * @param share           members / all users (outliers included in the denominator)
 * @param distinguishing  features with a Benjamini–Hochberg q-value below the configured α, by |effect| desc
 * @param categories      top categories by lift (at least the configured number of member users)
 * @param items           top items by lift (at least the configured number of member users)
 * @param keywords        top c-TF-IDF terms (each used by at least the configured number of members)
 * @param representatives pseudonymised ids of the members nearest the centroid, nearest first
 */
public record SegmentProfile(int segment, String key, int size, double share, List<FeatureLift> distinguishing,
        List<CategoryLift> categories, List<ItemLift> items, List<Keyword> keywords, List<String> representatives) {
    public SegmentProfile {
        distinguishing = List.copyOf(distinguishing);
        categories = List.copyOf(categories);
        items = List.copyOf(items);
        keywords = List.copyOf(keywords);
        representatives = List.copyOf(representatives);
    }

    /**
     * One feature compared between the segment and the whole population.
     *
     * @param feature         readable name, e.g. {@code country = France} or {@code frequency}
     * @param kind            {@code NUMERIC} or {@code LEVEL}
     * @param source          {@code attribute}, {@code behaviour} (RFM) or {@code category} (a category share)
     * @param attribute       source attribute / category name
     * @param level           level of an indicator, else null
     * @param segmentValue    share with the level (LEVEL) or mean (NUMERIC) among members with a value
     * @param populationValue same over all users
     * @param lift            segmentValue / populationValue (NaN if the population value is 0)
     * @param effect          (segmentValue − populationValue) / population standard deviation
     * @param pValue          two-proportion z-test (LEVEL) or Welch t-test (NUMERIC), segment vs the rest
     * @param qValue          Benjamini–Hochberg adjusted across every test of the report
     */
    public record FeatureLift(String feature, String kind, String source, String attribute, String level,
            double segmentValue,
            double populationValue, double lift, double effect, double pValue, double qValue) {
    }

    /**
     * @param category        category name
     * @param segmentShare    share of the members' events on this category
     * @param populationShare share of all events on this category
     * @param lift            segmentShare / populationShare
     * @param users           members with at least one event on it
     * @param pValue          two-proportion z-test of member vs non-member incidence
     */
    public record CategoryLift(String category, double segmentShare, double populationShare, double lift, int users,
            double pValue) {
    }

    /**
     * @param itemId          item id
     * @param title           item title (may be null)
     * @param segmentShare    share of the members' events on this item
     * @param populationShare share of all events on this item
     * @param lift            segmentShare / populationShare
     * @param users           members with at least one event on it
     */
    public record ItemLift(String itemId, String title, double segmentShare, double populationShare, double lift,
            int users) {
    }

    /**
     * @param term  the term (a word, or a Chinese character bigram)
     * @param score c-TF-IDF weight
     * @param users members whose texts contain it
     */
    public record Keyword(String term, double score, int users) {
    }
}
