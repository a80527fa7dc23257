package io.cohortlm.ingest;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Running row counts of one file while it is read. Every row read must end in exactly one of
 * {@link #accept()}, {@link #exclude(String)} or {@link #reject()}; {@link #counts()} checks that they add up.
 * Not thread-safe.
 */
public final class FileTally {
    private final String file;
    private long read;
    private long accepted;
    private long rejected;
    private final Map<String, Long> excluded = new LinkedHashMap<>();

    public FileTally(String file) {
        this.file = file;
    }

    public String file() {
        return file;
    }

    /** Counts one data row read. */
    public void read() {
        read++;
    }

    public void accept() {
        accepted++;
    }

    /** Counts a row deliberately left out for {@code reason} (a snake_case key). */
    public void exclude(String reason) {
        excluded.merge(reason, 1L, Long::sum);
    }

    public void reject() {
        rejected++;
    }

    public long rowsRead() {
        return read;
    }

    /** The final counts; fails if some row was not accounted for. */
    public FileCounts counts() {
        return new FileCounts(file, read, accepted, new LinkedHashMap<>(excluded), rejected);
    }
}
