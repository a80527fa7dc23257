package io.cohortlm.manifest;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What every saved model, vector set and report carries so it can be reproduced and audited: the stage that
 * made it, its configuration, the seed, the input fingerprint, the encoder identity (if any) and versions.
 * Serialised as JSON (field names in snake_case by the writer).
 *
 * @param stage             e.g. {@code embed}, {@code segment}
 * @param config            the stage's configuration, JSON-friendly values
 * @param seed              the one seed that drove all randomness
 * @param inputFingerprint  SHA-256 of the input ({@link DatasetFingerprint} or of upstream vectors)
 * @param encoder           encoder identity fields, or empty when no encoder was used
 * @param versions          cohortlm, java and library versions
 * @param createdAt         ISO-8601 instant (informational; not part of any fingerprint)
 */
public record RunManifest(String stage, Map<String, Object> config, long seed, String inputFingerprint,
        Map<String, Object> encoder, Map<String, String> versions, String createdAt) {
    public RunManifest {
        Objects.requireNonNull(stage, "stage");
        config = Map.copyOf(new LinkedHashMap<>(config));
        encoder = encoder == null ? Map.of() : Map.copyOf(encoder);
        versions = Map.copyOf(versions);
    }

    /** A manifest stamped with the current versions and time. */
    public static RunManifest of(String stage, Map<String, Object> config, long seed, String inputFingerprint,
            Map<String, Object> encoder) {
        return new RunManifest(stage, config, seed, inputFingerprint, encoder, currentVersions(), Instant.now().toString());
    }

    /** Versions of CohortLM, Java and the OS/arch. */
    public static Map<String, String> currentVersions() {
        Map<String, String> v = new LinkedHashMap<>();
        String own = RunManifest.class.getPackage().getImplementationVersion();
        v.put("cohortlm", own == null ? "dev" : own);
        v.put("java", System.getProperty("java.version"));
        v.put("os", System.getProperty("os.name") + "/" + System.getProperty("os.arch"));
        return v;
    }
}
