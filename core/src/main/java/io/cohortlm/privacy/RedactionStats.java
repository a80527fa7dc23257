package io.cohortlm.privacy;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Running totals of what a {@link Redactor} replaced, across many texts: counts by {@link PiiType}, texts seen
 * and texts changed. Holds counts only, never values, so it is safe to log. Thread-safe.
 */
public final class RedactionStats {
    private final LongAdder[] byType = new LongAdder[PiiType.values().length];
    private final LongAdder texts = new LongAdder();
    private final LongAdder changed = new LongAdder();

    public RedactionStats() {
        for (int i = 0; i < byType.length; i++) {
            byType[i] = new LongAdder();
        }
    }

    /** Adds one text's redaction to the totals. */
    public void add(Redaction r) {
        texts.increment();
        if (r.changed()) {
            changed.increment();
            r.counts().forEach((t, c) -> byType[t.ordinal()].add(c));
        }
    }

    /** Adds another accumulator's totals to this one. */
    public void addAll(RedactionStats other) {
        texts.add(other.texts());
        changed.add(other.changedTexts());
        for (PiiType t : PiiType.values()) {
            byType[t.ordinal()].add(other.count(t));
        }
    }

    /** Matches of {@code type} replaced so far. */
    public long count(PiiType type) {
        return byType[type.ordinal()].sum();
    }

    /** Texts passed through so far. */
    public long texts() {
        return texts.sum();
    }

    /** Texts in which at least one match was replaced. */
    public long changedTexts() {
        return changed.sum();
    }

    /** Non-zero counts by type, in {@link PiiType} order. */
    public Map<PiiType, Long> counts() {
        Map<PiiType, Long> m = new EnumMap<>(PiiType.class);
        for (PiiType t : PiiType.values()) {
            long c = count(t);
            if (c > 0) {
                m.put(t, c);
            }
        }
        return m;
    }

    /** E.g. {@code "redacted 2 of 1000 texts: EMAIL=1 PHONE=2"} (counts only). */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("redacted ").append(changedTexts()).append(" of ").append(texts())
                .append(" texts");
        Map<PiiType, Long> m = counts();
        if (!m.isEmpty()) {
            sb.append(':');
            m.forEach((t, c) -> sb.append(' ').append(t.name()).append('=').append(c));
        }
        return sb.toString();
    }
}
