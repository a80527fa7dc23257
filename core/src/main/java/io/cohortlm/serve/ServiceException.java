package io.cohortlm.serve;

/**
 * A request the service cannot honour, with a stable machine-readable code. The HTTP edge maps {@link Kind} to a
 * status in one place; the message is one line, safe to show (it never contains keys or raw ids).
 */
public final class ServiceException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What went wrong, from the caller's point of view. */
    public enum Kind {
        /** The input is malformed or inconsistent (HTTP 400). */
        BAD_REQUEST,
        /** A user id the service does not know, or forgot (404). */
        UNKNOWN_USER,
        /** A segment id that does not exist or is withheld by the minimum-size rule (404). */
        UNKNOWN_SEGMENT,
        /** Something the bundle does not have (404). */
        NOT_FOUND,
        /** The request contradicts what exists, e.g. adding an item the catalogue has (409). */
        CONFLICT,
        /** The service cannot do this now (503), e.g. no model loaded. */
        UNAVAILABLE
    }

    private final Kind kind;
    private final String code;

    public ServiceException(Kind kind, String code, String message) {
        super(message);
        this.kind = kind;
        this.code = code;
    }

    public Kind kind() {
        return kind;
    }

    /** snake_case code for clients, e.g. {@code unknown_user}. */
    public String code() {
        return code;
    }

    static ServiceException badRequest(String message) {
        return new ServiceException(Kind.BAD_REQUEST, "bad_request", message);
    }

    static ServiceException unknownUser() {
        return new ServiceException(Kind.UNKNOWN_USER, "unknown_user", "no such user");
    }
}
