package io.cohortlm.synth;

import io.cohortlm.data.Dataset;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A generated dataset with its known answers.
 *
 * @param dataset the data every stage reads; carries no trace of the planted segments except through the
 *                planted signals
 * @param truth   planted segment of each user, and segment names
 * @param themes  the theme of each segment (segment {@code s} is about {@code themes.get(s)})
 * @param config  what was generated (its {@code signals} are the planted ones)
 */
public record SyntheticData(Dataset dataset, GroundTruth truth, List<Theme> themes, SyntheticConfig config) {
    public SyntheticData {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(truth, "truth");
        Objects.requireNonNull(config, "config");
        themes = List.copyOf(themes);
    }

    /** Which signals were planted. */
    public Set<Signal> planted() {
        return config.signals();
    }
}
