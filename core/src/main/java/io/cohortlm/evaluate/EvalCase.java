package io.cohortlm.evaluate;

/**
 * One user evaluated under one protocol: the history the recommender may use and the items it must find.
 *
 * @param protocol   protocol name, e.g. {@code random-seed0}, {@code cold}, {@code fewshot}
 * @param user       dense user index
 * @param items      the known history (ascending distinct items); the user's training row unless
 *                   {@code heldOut}
 * @param weights    event weights aligned with {@code items}
 * @param test       relevant items (ascending, non-empty, disjoint from {@code items})
 * @param heldOut    true if the user is absent from the training matrix (cold / few-shot)
 * @param shots      revealed events of a few-shot case (0 for cold), -1 otherwise
 */
public record EvalCase(String protocol, int user, int[] items, float[] weights, int[] test, boolean heldOut,
        int shots) {
}
