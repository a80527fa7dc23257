package io.cohortlm.ingest;

/** A bad value in one row: the row is rejected under the bad-row policy. Internal to readers. */
final class BadValue extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BadValue(String reason) {
        super(reason, null, false, false);
    }
}
