package io.cohortlm.evaluate;

import io.cohortlm.CohortException;
import java.util.HashMap;
import java.util.Map;

/**
 * Adjusted Rand index (Hubert and Arabie, 1985) between two partitions of the same items: 1 for identical
 * partitions (whatever the label names), about 0 for independent ones, negative when worse than chance. Label
 * values are arbitrary ints. Same definition as scikit-learn's {@code adjusted_rand_score}; when both partitions
 * put every item in one cluster, or every item in its own cluster, the index is 1.
 */
public final class AdjustedRandIndex {
    private AdjustedRandIndex() {
    }

    /** ARI of partitions {@code a} and {@code b} (same length, at least 1). */
    public static double score(int[] a, int[] b) {
        if (a.length != b.length) {
            throw new CohortException("partitions must have the same length, were " + a.length + " and " + b.length);
        }
        if (a.length == 0) {
            throw new CohortException("partitions must not be empty");
        }
        Map<Long, Long> pairs = new HashMap<>();
        Map<Integer, Long> rowsA = new HashMap<>();
        Map<Integer, Long> rowsB = new HashMap<>();
        for (int i = 0; i < a.length; i++) {
            pairs.merge(((long) a[i] << 32) ^ (b[i] & 0xffffffffL), 1L, Long::sum);
            rowsA.merge(a[i], 1L, Long::sum);
            rowsB.merge(b[i], 1L, Long::sum);
        }
        double index = 0;
        for (long v : pairs.values()) {
            index += comb2(v);
        }
        double sumA = 0;
        for (long v : rowsA.values()) {
            sumA += comb2(v);
        }
        double sumB = 0;
        for (long v : rowsB.values()) {
            sumB += comb2(v);
        }
        double expected = sumA * sumB / comb2(a.length);
        double max = (sumA + sumB) / 2;
        if (max == expected) {
            return 1.0;
        }
        return (index - expected) / (max - expected);
    }

    private static double comb2(long n) {
        return n * (n - 1) / 2.0;
    }
}
