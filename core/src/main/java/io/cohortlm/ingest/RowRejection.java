package io.cohortlm.ingest;

import java.util.Objects;

/**
 * One rejected input row, as written to the reject file.
 *
 * @param file   the source file name (as given, not absolute)
 * @param line   1-based physical line number where the row starts
 * @param raw    the row's raw text (truncated to a few KiB for enormous lines; never null)
 * @param reason why it was rejected, one line
 */
public record RowRejection(String file, long line, String raw, String reason) {
    public RowRejection {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(raw, "raw");
        Objects.requireNonNull(reason, "reason");
        if (line < 0) {
            throw new IllegalArgumentException("line must be >= 0, was " + line);
        }
    }

    /** {@code file:line: reason}, the form used in error messages. */
    public String describe() {
        return file + ":" + line + ": " + reason;
    }
}
