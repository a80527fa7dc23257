package io.cohortlm.profile;

/**
 * A part of a profile text. Parts are always written in this (reading) order; which ones survive a tight token
 * budget is decided by their order of importance in {@link ProfileConfig#parts()}.
 */
public enum ProfilePart {
    /** User attributes (demographics); columns flagged personal are never included. */
    ATTRIBUTES,
    /** Top item categories with shares of the user's events, or if items have no categories, the most telling
     * words of the titles of consumed items. */
    CATEGORIES,
    /** The most frequent item titles. */
    TITLES,
    /** How many events over how long, and the rhythm (daily, weekly, monthly). */
    ACTIVITY,
    /** Days since the user's last event, relative to the dataset's last timestamp. */
    RECENCY,
    /** Spend (sum of quantity x price over purchases) relative to the median user, and rating tendency. */
    SPEND
}
