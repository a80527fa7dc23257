package io.cohortlm.represent;

import io.cohortlm.data.Dataset;

/**
 * One view of a user — profile text, item text, behaviour or attributes — computed for every user of a dataset.
 * Views are combined by {@link HybridRepresentation}. Implementations are immutable configured objects.
 */
public interface UserView {
    /** Short name used in flags, weights and manifests: {@code text}, {@code items}, {@code behaviour}, {@code attributes}. */
    String name();

    /** Computes one vector per user (row index = dense user index). */
    ViewVectors compute(Dataset data);
}
