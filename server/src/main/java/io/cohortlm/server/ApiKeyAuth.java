package io.cohortlm.server;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Checks {@code X-API-Key}. Both sides are hashed to fixed-length SHA-256 digests and compared with
 * {@link MessageDigest#isEqual} (constant time), so neither the key's content nor its length leaks through timing.
 * The key is never logged or echoed.
 */
final class ApiKeyAuth {
    static final String HEADER = "X-API-Key";
    private final byte[] expected;

    ApiKeyAuth(String key) {
        this.expected = key == null ? null : digest(key);
    }

    boolean enabled() {
        return expected != null;
    }

    void check(String presented) {
        if (expected == null) {
            return;
        }
        if (presented == null || presented.isEmpty()) {
            throw new ApiException(401, "unauthorized", "missing " + HEADER + " header");
        }
        if (!MessageDigest.isEqual(expected, digest(presented))) {
            throw new ApiException(401, "unauthorized", "invalid API key");
        }
    }

    private static byte[] digest(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
