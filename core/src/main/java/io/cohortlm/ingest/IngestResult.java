package io.cohortlm.ingest;

import io.cohortlm.data.Dataset;
import io.cohortlm.synth.GroundTruth;
import java.util.Objects;
import java.util.Optional;

/**
 * A dataset and the account of how it was read.
 *
 * @param dataset the normalised dataset
 * @param summary row counts, by file and reason
 * @param truth   planted segments, for synthetic sources only (null otherwise)
 */
public record IngestResult(Dataset dataset, IngestSummary summary, GroundTruth truth) {
    public IngestResult {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(summary, "summary");
    }

    public IngestResult(Dataset dataset, IngestSummary summary) {
        this(dataset, summary, null);
    }

    /** The planted ground truth, when the source has one. */
    public Optional<GroundTruth> groundTruth() {
        return Optional.ofNullable(truth);
    }
}
