package io.cohortlm;

/**
 * A problem the user can fix: bad input, a bad flag, a missing file. The message is one line that names the
 * file / field / value and what was expected; edges (CLI, HTTP) print it without a stack trace and map it to
 * an exit code (1) or an HTTP 4xx. Programming errors stay ordinary unchecked exceptions.
 */
public class CohortException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CohortException(String message) {
        super(message);
    }

    public CohortException(String message, Throwable cause) {
        super(message, cause);
    }
}
