package io.cohortlm.privacy;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * The result of redacting one text: the text with personal data replaced by typed placeholders, and how many
 * matches of each {@link PiiType} were replaced. Never carries the removed values.
 *
 * @param text   the redacted text; the input itself when nothing matched
 * @param counts matches replaced, by type; types with no match are absent (unmodifiable)
 */
public record Redaction(String text, Map<PiiType, Integer> counts) {
    public Redaction {
        Objects.requireNonNull(text, "text");
        counts = counts.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(counts));
    }

    static Redaction of(String text, int[] countsByOrdinal) {
        EnumMap<PiiType, Integer> m = null;
        for (PiiType t : PiiType.values()) {
            int c = countsByOrdinal[t.ordinal()];
            if (c > 0) {
                if (m == null) {
                    m = new EnumMap<>(PiiType.class);
                }
                m.put(t, c);
            }
        }
        return new Redaction(text, m == null ? Map.of() : m);
    }

    /** Matches of {@code type} replaced in this text (0 if none). */
    public int count(PiiType type) {
        return counts.getOrDefault(type, 0);
    }

    /** All matches replaced in this text. */
    public int total() {
        int n = 0;
        for (int c : counts.values()) {
            n += c;
        }
        return n;
    }

    /** True if anything was replaced. */
    public boolean changed() {
        return !counts.isEmpty();
    }
}
