package io.cohortlm.ingest;

/**
 * One readable data source (a file, a folder, a generator), configured with where it is. Reading turns it into
 * the normalised {@link io.cohortlm.data.Dataset} plus an {@link IngestSummary} whose counts add up.
 * Implementations are stateless between reads; one read is single-use of {@code options}' reject file.
 */
@FunctionalInterface
public interface DataSource {
    /**
     * Reads the source.
     *
     * @throws io.cohortlm.CohortException when the input is unusable (missing file, missing column, invalid
     *                                     encoding, …) or a bad row stops the run under the bad-row policy
     */
    IngestResult read(IngestOptions options);
}
