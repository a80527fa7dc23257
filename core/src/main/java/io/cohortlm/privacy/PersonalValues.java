package io.cohortlm.privacy;

import io.cohortlm.data.AttributeColumn;
import io.cohortlm.data.AttributeKind;
import io.cohortlm.data.AttributeTable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A set of exact values to redact as {@link PiiType#PERSONAL}: the values of attribute columns declared
 * personal ({@code AttributeSpec.personal()}).
 * <p>Matching rules: values are trimmed; values shorter than {@value #MIN_LENGTH} characters are ignored (a
 * one-letter value would erase that letter everywhere); matching ignores case; where a value starts (ends)
 * with an ASCII letter or digit, the text must not have an ASCII letter or digit right before (after) the
 * match, so {@code "Li"} does not erase {@code "Lisbon"}, while Chinese values match inside unspaced
 * Chinese text. Overlapping values: leftmost first, then longest.
 * <p>Cost per text is one hash probe per character plus a comparison per candidate value, independent of how
 * many values the set holds. Immutable and thread-safe.
 */
public final class PersonalValues {
    /** Shortest value that is matched, in chars. */
    public static final int MIN_LENGTH = 2;

    private static final PersonalValues NONE = new PersonalValues(List.of());

    // Values bucketed by their first two lower-cased chars; each bucket sorted longest first.
    private final String[][] buckets;
    private final int[] tableKeys;
    private final int[] tableSlots; // 0 = empty, else bucket index + 1
    private final int size;

    private PersonalValues(Collection<String> raw) {
        Set<String> values = new LinkedHashSet<>();
        for (String v : raw) {
            if (v != null) {
                String t = v.strip();
                if (t.length() >= MIN_LENGTH) {
                    values.add(t);
                }
            }
        }
        size = values.size();
        java.util.Map<Integer, List<String>> byKey = new java.util.HashMap<>();
        for (String v : values) {
            byKey.computeIfAbsent(key(v.charAt(0), v.charAt(1)), k -> new ArrayList<>()).add(v);
        }
        int cap = Integer.highestOneBit(Math.max(4, byKey.size() * 2 + 1)) << 1;
        tableKeys = new int[cap];
        tableSlots = new int[cap];
        buckets = new String[byKey.size()][];
        int b = 0;
        for (var e : byKey.entrySet()) {
            String[] arr = e.getValue().toArray(new String[0]);
            Arrays.sort(arr, Comparator.comparingInt(String::length).reversed());
            buckets[b] = arr;
            int i = mix(e.getKey()) & (cap - 1);
            while (tableSlots[i] != 0) {
                i = (i + 1) & (cap - 1);
            }
            tableKeys[i] = e.getKey();
            tableSlots[i] = b + 1;
            b++;
        }
    }

    /** The empty set: redacts nothing. */
    public static PersonalValues none() {
        return NONE;
    }

    /** A set of the given values (nulls, blanks and values shorter than {@value #MIN_LENGTH} chars ignored). */
    public static PersonalValues of(Collection<String> values) {
        return values.isEmpty() ? NONE : new PersonalValues(values);
    }

    /**
     * Every value of every personal text or categorical column of a table, for redacting texts that may mention
     * any user. Numeric personal columns are left out here: their values (ages, incomes) would erase ordinary
     * numbers from every text; use {@link #ofRow} to redact them in one user's own texts.
     */
    public static PersonalValues ofDataset(AttributeTable table) {
        List<String> out = new ArrayList<>();
        for (AttributeColumn c : table.columns()) {
            if (!c.spec().personal() || c.kind() == AttributeKind.NUMERIC) {
                continue;
            }
            if (c.kind() == AttributeKind.CATEGORICAL) {
                out.addAll(c.levels());
            } else {
                for (int r = 0; r < c.size(); r++) {
                    out.add(c.text(r));
                }
            }
        }
        return of(out);
    }

    /** The values of all personal columns (numeric ones included, as formatted) of one row of a table. */
    public static PersonalValues ofRow(AttributeTable table, int row) {
        List<String> out = new ArrayList<>();
        for (AttributeColumn c : table.columns()) {
            if (c.spec().personal()) {
                out.add(c.format(row));
            }
        }
        return of(out);
    }

    /** Number of distinct values matched. */
    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    /**
     * Replaces every match with {@code [PERSONAL]}, adding the number of matches to
     * {@code counts[PiiType.PERSONAL.ordinal()]}; returns {@code text} itself when nothing matched.
     */
    String redact(String text, int[] counts) {
        if (size == 0 || text.length() < MIN_LENGTH) {
            return text;
        }
        StringBuilder sb = null;
        int last = 0;
        int n = text.length();
        int i = 0;
        while (i + MIN_LENGTH <= n) {
            int len = matchAt(text, i);
            if (len > 0) {
                if (sb == null) {
                    sb = new StringBuilder(n);
                }
                sb.append(text, last, i).append(PiiType.PERSONAL.placeholder());
                counts[PiiType.PERSONAL.ordinal()]++;
                i += len;
                last = i;
            } else {
                i++;
            }
        }
        if (sb == null) {
            return text;
        }
        return sb.append(text, last, n).toString();
    }

    private int matchAt(String text, int i) {
        int k = key(text.charAt(i), text.charAt(i + 1));
        int mask = tableKeys.length - 1;
        int p = mix(k) & mask;
        int slot;
        while ((slot = tableSlots[p]) != 0) {
            if (tableKeys[p] == k) {
                break;
            }
            p = (p + 1) & mask;
        }
        if (slot == 0) {
            return 0;
        }
        for (String v : buckets[slot - 1]) {
            int len = v.length();
            if (i + len <= text.length() && text.regionMatches(true, i, v, 0, len)
                    && boundaryOk(text, i, i + len, v)) {
                return len;
            }
        }
        return 0;
    }

    private static boolean boundaryOk(String text, int start, int end, String v) {
        if (isAsciiAlnum(v.charAt(0)) && start > 0 && isAsciiAlnum(text.charAt(start - 1))) {
            return false;
        }
        return !(isAsciiAlnum(v.charAt(v.length() - 1)) && end < text.length() && isAsciiAlnum(text.charAt(end)));
    }

    static boolean isAsciiAlnum(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static int key(char a, char b) {
        return (Character.toLowerCase(a) << 16) | Character.toLowerCase(b);
    }

    private static int mix(int k) {
        int h = k * 0x9E3779B9;
        return h ^ (h >>> 15);
    }
}
