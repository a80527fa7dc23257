package io.cohortlm.server;

/**
 * An HTTP-level refusal (auth, content type, size, overload, malformed JSON): status, stable code and a one-line
 * message. Rendered as {@code {"error":{"code":…,"message":…}}} in one place ({@link CohortServer}).
 */
final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final String code;

    ApiException(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }

    static ApiException badRequest(String code, String message) {
        return new ApiException(400, code, message);
    }
}
