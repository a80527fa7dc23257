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
 * @param shots      revealed events of a few-shot case (0 for cold), items the interests are stated about for a
 *                   {@code text} case, -1 otherwise
 * @param stated     for a {@code text} case, the items the user's stated interests are written about (never
 *                   revealed as ids, never in {@code test}); empty otherwise
 */
public record EvalCase(String protocol, int user, int[] items, float[] weights, int[] test, boolean heldOut,
        int shots, int[] stated) {
    private static final int[] NONE = new int[0];

    /** A case without stated interests. */
    public EvalCase(String protocol, int user, int[] items, float[] weights, int[] test, boolean heldOut, int shots) {
        this(protocol, user, items, weights, test, heldOut, shots, NONE);
    }
}
