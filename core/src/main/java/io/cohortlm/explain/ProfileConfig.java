package io.cohortlm.explain;

/**
 * Settings of {@link SegmentProfiler}.
 *
 * @param alpha              false-discovery rate for distinguishing features, in (0, 1)
 * @param maxDistinguishing  most distinguishing features listed per segment, ≥ 1
 * @param topCategories      categories listed per segment, ≥ 0
 * @param minCategoryUsers   members that must touch a category before it can be listed, ≥ 1
 * @param topItems           items listed per segment, ≥ 0
 * @param minItemUsers       members that must touch an item before it can be listed (so one purchase can't top
 *                           the list), ≥ 1
 * @param topKeywords        keywords per segment, ≥ 0
 * @param minKeywordUsers    members whose texts must contain a term before it can be a keyword, ≥ 1
 * @param representatives    representative members per segment, ≥ 0
 * @param features           which interpretable features to compute
 */
public record ProfileConfig(double alpha, int maxDistinguishing, int topCategories, int minCategoryUsers,
        int topItems, int minItemUsers, int topKeywords, int minKeywordUsers, int representatives,
        InterpretableFeatures.Config features) {
    public ProfileConfig {
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must be in (0, 1), was " + alpha);
        }
        check("maxDistinguishing", maxDistinguishing, 1);
        check("topCategories", topCategories, 0);
        check("minCategoryUsers", minCategoryUsers, 1);
        check("topItems", topItems, 0);
        check("minItemUsers", minItemUsers, 1);
        check("topKeywords", topKeywords, 0);
        check("minKeywordUsers", minKeywordUsers, 1);
        check("representatives", representatives, 0);
        if (features == null) {
            throw new IllegalArgumentException("features must not be null");
        }
    }

    private static void check(String name, int v, int min) {
        if (v < min) {
            throw new IllegalArgumentException(name + " must be ≥ " + min + ", was " + v);
        }
    }

    /** α 0.05, 10 features, 5 categories and 5 items (≥ 5 users each), 10 keywords (≥ 3 users), 3 members. */
    public static ProfileConfig defaults() {
        return new ProfileConfig(0.05, 10, 5, 5, 5, 5, 10, 3, 3, InterpretableFeatures.Config.defaults());
    }
}
