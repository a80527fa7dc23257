package io.cohortlm.ingest;

import java.nio.charset.StandardCharsets;

/**
 * A bounded, direct-mapped cache from ASCII byte ranges to equal {@link String}s, so a parser does not build a
 * new string (and hash it again downstream) for every repeat of a stock code or customer id. A slot holds the
 * last string that hashed to it; memory is fixed whatever the number of distinct values. Not thread-safe.
 */
final class AsciiStringCache {
    private final String[] slots;
    private final int mask;

    /** {@code size} slots, rounded up to a power of two. */
    AsciiStringCache(int size) {
        int n = Integer.highestOneBit(Math.max(16, size - 1)) << 1;
        slots = new String[n];
        mask = n - 1;
    }

    /** The string of {@code b[s, e)}, which must be ASCII (all bytes non-negative). */
    String get(byte[] b, int s, int e) {
        int h = 0;
        for (int i = s; i < e; i++) {
            h = 31 * h + b[i];
        }
        int slot = (h ^ (h >>> 16)) & mask;
        String c = slots[slot];
        if (c != null && c.length() == e - s) {
            boolean same = true;
            for (int i = 0; i < e - s; i++) {
                if (c.charAt(i) != b[s + i]) {
                    same = false;
                    break;
                }
            }
            if (same) {
                return c;
            }
        }
        String v = new String(b, s, e - s, StandardCharsets.ISO_8859_1);
        slots[slot] = v;
        return v;
    }
}
