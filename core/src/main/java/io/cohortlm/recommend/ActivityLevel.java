package io.cohortlm.recommend;

/**
 * How much history a user has (distinct training items): the cohorts the segment-hybrid tunes its blend for and
 * the evaluation breaks results down by.
 */
public enum ActivityLevel {
    /** No events: a cold-start user. */
    NONE("0"),
    /** 1–5 items. */
    SPARSE("1-5"),
    /** 6–20 items. */
    MODERATE("6-20"),
    /** More than 20 items. */
    ACTIVE(">20");

    private final String label;

    ActivityLevel(String label) {
        this.label = label;
    }

    /** The cohort label, e.g. {@code 1-5}. */
    public String label() {
        return label;
    }

    /** The level of a user with {@code items} distinct training items (≥ 0). */
    public static ActivityLevel of(int items) {
        if (items <= 0) {
            return NONE;
        }
        if (items <= 5) {
            return SPARSE;
        }
        return items <= 20 ? MODERATE : ACTIVE;
    }
}
