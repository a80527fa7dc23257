package io.cohortlm.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cohortlm.CohortException;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Applies the {@link BadRowPolicy} to bad rows of one ingest run: fail at the first, or count (and quarantine)
 * up to {@code maxErrors}. One instance per run, shared by the run's files. Not thread-safe.
 */
public final class BadRows implements Closeable {
    /** Raw text kept in reject files and messages is cut to this many characters. */
    static final int MAX_RAW_CHARS = 4096;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final IngestOptions options;
    private long count;
    private RowRejection first;
    private BufferedWriter out;
    private CSVPrinter csv;

    public BadRows(IngestOptions options) {
        this.options = options;
    }

    /**
     * Handles one bad row: counts it in {@code tally} as rejected, or throws under the fail policy or when the
     * error budget is spent.
     *
     * @throws CohortException under {@link BadRowPolicy#FAIL}, or when more than {@code maxErrors} rows are bad
     */
    public void reject(FileTally tally, long line, String raw, String reason) {
        String r = raw == null ? "" : raw.length() > MAX_RAW_CHARS ? raw.substring(0, MAX_RAW_CHARS) + "…" : raw;
        RowRejection rej = new RowRejection(tally.file(), line, r, reason);
        if (options.onBadRow() == BadRowPolicy.FAIL) {
            throw new CohortException(rej.describe() + " (bad-row policy is fail; use --on-bad-row skip or "
                    + "quarantine to continue past bad rows)");
        }
        count++;
        if (first == null) {
            first = rej;
        }
        if (count > options.maxErrors()) {
            throw new CohortException("more than " + options.maxErrors() + " bad rows (max-errors); first: "
                    + first.describe() + "; latest: " + rej.describe());
        }
        tally.reject();
        if (options.onBadRow() == BadRowPolicy.QUARANTINE) {
            write(rej);
        }
    }

    /** Bad rows seen so far. */
    public long count() {
        return count;
    }

    private void write(RowRejection r) {
        Path file = options.rejectFile();
        try {
            if (out == null) {
                Path parent = file.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
                if (!isJsonLines(file)) {
                    csv = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setHeader("file", "line", "reason", "raw")
                            .get());
                }
            }
            if (csv != null) {
                csv.printRecord(r.file(), r.line(), r.reason(), r.raw());
            } else {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("file", r.file());
                m.put("line", r.line());
                m.put("reason", r.reason());
                m.put("raw", r.raw());
                out.write(JSON.writeValueAsString(m));
                out.write('\n');
            }
        } catch (IOException e) {
            throw new CohortException("cannot write reject file " + file + ": " + e.getMessage(), e);
        }
    }

    private static boolean isJsonLines(Path f) {
        String n = f.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        return n.endsWith(".jsonl") || n.endsWith(".ndjson");
    }

    /** Flushes and closes the reject file, if one was opened. */
    @Override
    public void close() {
        try {
            if (csv != null) {
                csv.close(true);
            } else if (out != null) {
                out.close();
            }
        } catch (IOException e) {
            throw new CohortException("cannot write reject file " + options.rejectFile() + ": " + e.getMessage(), e);
        }
    }
}
