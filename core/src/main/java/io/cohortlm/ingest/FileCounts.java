package io.cohortlm.ingest;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Map;
import java.util.Objects;

/**
 * Row counts of one input file. Invariant: {@code rowsRead == accepted + sum(excluded) + rejected}.
 *
 * @param file     file name as given
 * @param rowsRead data rows read (header lines not counted; a quoted field spanning lines is one row)
 * @param accepted rows that became part of the dataset
 * @param excluded rows deliberately left out, by reason (e.g. {@code cancellation}); insertion order
 * @param rejected bad rows (skipped or quarantined)
 */
@JsonPropertyOrder({"file", "rows_read", "accepted", "excluded", "rejected"})
public record FileCounts(@JsonProperty("file") String file, @JsonProperty("rows_read") long rowsRead,
        @JsonProperty("accepted") long accepted, @JsonProperty("excluded") Map<String, Long> excluded,
        @JsonProperty("rejected") long rejected) {
    public FileCounts {
        Objects.requireNonNull(file, "file");
        excluded = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(excluded));
        long ex = excluded.values().stream().mapToLong(Long::longValue).sum();
        if (rowsRead != accepted + ex + rejected) {
            throw new IllegalStateException(file + ": rows_read " + rowsRead + " != accepted " + accepted
                    + " + excluded " + ex + " + rejected " + rejected);
        }
    }

    /** Sum of the excluded counts. */
    public long excludedTotal() {
        return excluded.values().stream().mapToLong(Long::longValue).sum();
    }
}
