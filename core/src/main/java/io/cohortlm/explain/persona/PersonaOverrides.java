package io.cohortlm.explain.persona;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.cohortlm.CohortException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Manual persona names keyed by stable segment id, kept in a small JSON object file
 * ({@code {"s3": "Weekend Gardeners"}}) that survives retrains: stable ids follow a segment across retrains, so
 * its name does too. Immutable; {@link #with} returns a copy.
 */
public record PersonaOverrides(Map<String, String> names) {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public PersonaOverrides {
        names = Map.copyOf(names);
        names.forEach((k, v) -> {
            if (v == null || v.isBlank()) {
                throw new IllegalArgumentException("override name for segment " + k + " must not be blank, was '"
                        + v + "'");
            }
        });
    }

    /** Reads {@code file}; an absent file means no overrides. */
    public static PersonaOverrides load(Path file) {
        if (!Files.exists(file)) {
            return new PersonaOverrides(Map.of());
        }
        try {
            return new PersonaOverrides(JSON.readValue(file.toFile(), new TypeReference<Map<String, String>>() { }));
        } catch (IOException e) {
            throw new CohortException(file + ": not a JSON object of segment id → name (" + e.getMessage() + ")", e);
        }
    }

    /** Writes the overrides (sorted by segment id) atomically. */
    public void save(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "overrides", ".tmp");
        JSON.writeValue(tmp.toFile(), new TreeMap<>(names));
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** A copy with {@code segmentKey} named {@code name}. */
    public PersonaOverrides with(String segmentKey, String name) {
        Map<String, String> m = new TreeMap<>(names);
        m.put(segmentKey, name);
        return new PersonaOverrides(m);
    }

    /** Personas with overridden names applied; fails if two personas would end up with the same name. */
    public List<Persona> apply(List<Persona> personas) {
        List<Persona> out = new ArrayList<>();
        java.util.Set<String> used = new java.util.HashSet<>();
        for (Persona p : personas) {
            String n = names.get(p.segmentKey());
            Persona q = n == null ? p : p.withName(n);
            if (!used.add(q.name().toLowerCase(java.util.Locale.ROOT))) {
                throw new CohortException("persona name '" + q.name() + "' is used twice (segment "
                        + q.segmentKey() + "); rename one in the overrides file");
            }
            out.add(q);
        }
        return out;
    }
}
