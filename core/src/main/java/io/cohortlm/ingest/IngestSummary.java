package io.cohortlm.ingest;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.cohortlm.CohortException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one ingest run read and kept. Totals are the sums over {@link #files()}, so
 * {@code rowsRead == accepted + sum(excluded) + rejected} holds overall and per file: no row disappears
 * uncounted. Serialised to {@code summary.json} with snake_case keys.
 *
 * @param source   the data source as given, e.g. {@code online-retail:data/x.csv.gz}
 * @param rowsRead data rows read over all files
 * @param accepted rows kept
 * @param excluded rows deliberately left out, by reason (summed over files)
 * @param rejected bad rows skipped or quarantined
 * @param users    users in the dataset
 * @param items    items in the dataset
 * @param events   events in the dataset
 * @param files    per-file counts, in reading order
 * @param details  source-specific counts (e.g. {@code customers_seen}); may be empty
 */
@JsonPropertyOrder({"source", "rows_read", "accepted", "excluded", "rejected", "users", "items", "events", "files",
        "details"})
public record IngestSummary(@JsonProperty("source") String source, @JsonProperty("rows_read") long rowsRead,
        @JsonProperty("accepted") long accepted, @JsonProperty("excluded") Map<String, Long> excluded,
        @JsonProperty("rejected") long rejected, @JsonProperty("users") int users, @JsonProperty("items") int items,
        @JsonProperty("events") int events, @JsonProperty("files") List<FileCounts> files,
        @JsonProperty("details") Map<String, Long> details) {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public IngestSummary {
        Objects.requireNonNull(source, "source");
        excluded = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(excluded));
        files = List.copyOf(files);
        details = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(details));
        long ex = excluded.values().stream().mapToLong(Long::longValue).sum();
        if (rowsRead != accepted + ex + rejected) {
            throw new IllegalStateException("rows_read " + rowsRead + " != accepted " + accepted + " + excluded "
                    + ex + " + rejected " + rejected);
        }
    }

    /** Totals from per-file counts. */
    public static IngestSummary of(String source, List<FileCounts> files, int users, int items, int events,
            Map<String, Long> details) {
        long read = 0;
        long acc = 0;
        long rej = 0;
        Map<String, Long> ex = new LinkedHashMap<>();
        for (FileCounts f : files) {
            read += f.rowsRead();
            acc += f.accepted();
            rej += f.rejected();
            f.excluded().forEach((k, v) -> ex.merge(k, v, Long::sum));
        }
        return new IngestSummary(source, read, acc, ex, rej, users, items, events, files, details);
    }

    /** Sum of the excluded counts. */
    public long excludedTotal() {
        return excluded.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Pretty-printed JSON. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes {@code summary.json}-style JSON to {@code file}. */
    public void write(Path file) {
        try {
            JSON.writeValue(file.toFile(), this);
        } catch (IOException e) {
            throw new CohortException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads a summary written by {@link #write(Path)}. */
    public static IngestSummary read(Path file) {
        try {
            return JSON.readValue(file.toFile(), IngestSummary.class);
        } catch (IOException e) {
            throw new CohortException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
