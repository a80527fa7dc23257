package io.cohortlm.serve;

/**
 * One recommended item.
 *
 * @param item   the platform's item id
 * @param title  the item's title (may be empty)
 * @param score  blended score (per-user standardised; only the order is meaningful)
 * @param reason one short phrase saying why
 */
public record Recommendation(String item, String title, double score, String reason) {
}
