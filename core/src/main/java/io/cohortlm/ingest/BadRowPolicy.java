package io.cohortlm.ingest;

import io.cohortlm.CohortException;
import java.util.Arrays;
import java.util.Locale;

/** What a reader does with a row it cannot use (bad number, bad date, wrong field count, unknown id…). */
public enum BadRowPolicy {
    /** The first bad row stops the run with {@code file:line: reason} (the default). */
    FAIL,
    /** Bad rows are counted as rejected and dropped. */
    SKIP,
    /** Bad rows are counted as rejected and written to a reject file with file, line, reason and raw text. */
    QUARANTINE;

    /** Parses {@code fail|skip|quarantine} (case-insensitive). */
    public static BadRowPolicy parse(String s) {
        for (BadRowPolicy p : values()) {
            if (p.name().equalsIgnoreCase(s == null ? "" : s.strip())) {
                return p;
            }
        }
        throw new CohortException("bad-row policy must be one of " + Arrays.toString(names()) + ", was '" + s + "'");
    }

    /** Lower-case names, as written on the command line. */
    public static String[] names() {
        return Arrays.stream(values()).map(p -> p.name().toLowerCase(Locale.ROOT)).toArray(String[]::new);
    }
}
