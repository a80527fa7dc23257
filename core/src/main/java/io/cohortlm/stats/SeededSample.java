package io.cohortlm.stats;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Seeded sampling of row indices without replacement, shared by every stage that works on a sample. */
public final class SeededSample {
    private SeededSample() {
    }

    /**
     * {@code size} distinct indices from {@code [0, n)}, sorted ascending (all of them when {@code size ≥ n}),
     * drawn by a partial Fisher–Yates shuffle seeded with {@code seed}: the same arguments give the same sample.
     */
    public static int[] indices(int n, int size, long seed) {
        int[] perm = new int[n];
        Arrays.setAll(perm, i -> i);
        if (size >= n) {
            return perm;
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int i = 0; i < size; i++) {
            int j = i + rnd.nextInt(n - i);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        int[] s = Arrays.copyOf(perm, size);
        Arrays.sort(s);
        return s;
    }
}
