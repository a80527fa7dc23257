package io.cohortlm.privacy;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the {@link Pseudonymizer} key comes from, tried in this order:
 * <ol>
 *   <li>{@code keyFile}, if set: it must exist (a configured file that is missing is an error, never silently
 *       replaced);</li>
 *   <li>the environment variable named {@code envVar}, if set and not blank;</li>
 *   <li>{@code generatedKeyFile}: read if it exists; otherwise a new random key is generated once with
 *       {@link java.security.SecureRandom}, written there readable by its owner only, and a warning is
 *       logged.</li>
 * </ol>
 * A key is the UTF-8 bytes of the trimmed file content or variable value, at least
 * {@value Pseudonymizer#MIN_KEY_LENGTH} characters.
 *
 * @param keyFile          explicit key file, or null for none
 * @param envVar           name of the environment variable holding the key, e.g.
 *                         {@value Pseudonymizer#DEFAULT_KEY_ENV}; not blank
 * @param generatedKeyFile where a key is kept when neither of the above is configured, e.g.
 *                         {@code <project>/.cohortlm/pseudonym.key}; not null
 */
public record PseudonymKeyConfig(Path keyFile, String envVar, Path generatedKeyFile) {
    public PseudonymKeyConfig {
        Objects.requireNonNull(envVar, "envVar");
        Objects.requireNonNull(generatedKeyFile, "generatedKeyFile");
        if (!envVar.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("envVar must be an environment variable name, was '" + envVar + "'");
        }
    }

    /** No key file, variable {@value Pseudonymizer#DEFAULT_KEY_ENV}, generated key in {@code projectDir/.cohortlm}. */
    public static PseudonymKeyConfig defaults(Path projectDir) {
        return new PseudonymKeyConfig(null, Pseudonymizer.DEFAULT_KEY_ENV,
                projectDir.resolve(".cohortlm").resolve("pseudonym.key"));
    }
}
