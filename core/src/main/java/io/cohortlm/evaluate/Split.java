package io.cohortlm.evaluate;

import java.util.List;

/**
 * A train/test split of the full interaction matrix: which entries recommenders are fitted on, and the users
 * evaluated on the rest. Built by {@link Splits}; every test item of a case is absent from the training matrix
 * (no leakage).
 *
 * @param name  the run's name (e.g. {@code random-seed1}, {@code cold+fewshot})
 * @param train per entry of the full matrix, true if it is training data
 * @param cases evaluated users
 * @param newItems items removed from training entirely ({@code cold-items}; ascending), empty otherwise
 */
public record Split(String name, boolean[] train, List<EvalCase> cases, int[] newItems) {
    public Split {
        cases = List.copyOf(cases);
        newItems = newItems.clone();
    }

    /** A split without new items. */
    public Split(String name, boolean[] train, List<EvalCase> cases) {
        this(name, train, cases, new int[0]);
    }

    /** True for the {@code cold-items} run, whose new items have no training events. */
    public boolean coldItems() {
        return name.equals(Splits.COLD_ITEMS);
    }

    /** True for the {@code temporal} run (one global cut in time). */
    public boolean temporal() {
        return name.equals(Splits.TEMPORAL);
    }

    /**
     * True for a {@code random} or {@code cold-items} run, whose test items are a random subset: time order must
     * not shape tuning.
     */
    public boolean timeless() {
        return name.startsWith(Splits.RANDOM_PREFIX) || name.equals(Splits.COLD_ITEMS)
                || name.equals(Splits.COLD_ITEMS_WARM);
    }
}
