package io.cohortlm.ingest;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How a reader treats bad rows and bounds its input.
 *
 * @param onBadRow     what to do with a bad row (default {@link BadRowPolicy#FAIL})
 * @param maxErrors    most bad rows tolerated under skip / quarantine; one more stops the run. In [0, 2^31)
 * @param rejectFile   where quarantined rows go ({@code .jsonl} → JSON Lines, anything else → CSV); required
 *                     for {@link BadRowPolicy#QUARANTINE}, null otherwise allowed
 * @param mapping      mapping file for the generic csv / tsv / jsonl formats; null if none
 * @param maxLineBytes longest physical line accepted, in bytes; longer lines are bad rows. In [1 KiB, 1 GiB]
 */
public record IngestOptions(BadRowPolicy onBadRow, int maxErrors, Path rejectFile, Path mapping, int maxLineBytes) {
    /** Default bound on the number of bad rows under skip / quarantine. */
    public static final int DEFAULT_MAX_ERRORS = 1000;
    /** Default bound on a physical line: 1 MiB. */
    public static final int DEFAULT_MAX_LINE_BYTES = 1 << 20;

    public IngestOptions {
        Objects.requireNonNull(onBadRow, "onBadRow");
        if (maxErrors < 0) {
            throw new IllegalArgumentException("maxErrors must be >= 0, was " + maxErrors);
        }
        if (maxLineBytes < 1024 || maxLineBytes > (1 << 30)) {
            throw new IllegalArgumentException("maxLineBytes must be in [1024, 1073741824], was " + maxLineBytes);
        }
        if (onBadRow == BadRowPolicy.QUARANTINE && rejectFile == null) {
            throw new IllegalArgumentException("rejectFile must be set for the quarantine policy, was null");
        }
    }

    /** Fail on the first bad row; no mapping. */
    public static IngestOptions defaults() {
        return new IngestOptions(BadRowPolicy.FAIL, DEFAULT_MAX_ERRORS, null, null, DEFAULT_MAX_LINE_BYTES);
    }

    public IngestOptions withPolicy(BadRowPolicy policy, Path rejects) {
        return new IngestOptions(policy, maxErrors, rejects, mapping, maxLineBytes);
    }

    public IngestOptions withMaxErrors(int n) {
        return new IngestOptions(onBadRow, n, rejectFile, mapping, maxLineBytes);
    }

    public IngestOptions withMapping(Path file) {
        return new IngestOptions(onBadRow, maxErrors, rejectFile, file, maxLineBytes);
    }

    public IngestOptions withMaxLineBytes(int n) {
        return new IngestOptions(onBadRow, maxErrors, rejectFile, mapping, n);
    }
}
