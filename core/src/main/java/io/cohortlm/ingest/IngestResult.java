package io.cohortlm.ingest;

import io.cohortlm.data.Dataset;
import java.util.Objects;

/**
 * A dataset and the account of how it was read.
 *
 * @param dataset the normalised dataset
 * @param summary row counts, by file and reason
 */
public record IngestResult(Dataset dataset, IngestSummary summary) {
    public IngestResult {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(summary, "summary");
    }
}
