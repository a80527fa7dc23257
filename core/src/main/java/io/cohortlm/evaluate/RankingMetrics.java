package io.cohortlm.evaluate;

import java.util.Arrays;
import java.util.List;

/**
 * Per-user top-k ranking metrics over a full-catalogue ranking (never sampled negatives), binary relevance:
 * <ul>
 * <li>{@code recall@k} = hits in the top k / |relevant|;</li>
 * <li>{@code ndcg@k} = DCG / ideal DCG, DCG = Σ_{hits at rank r (1-based)} 1/log2(r + 1), the ideal placing
 * min(|relevant|, k) hits first;</li>
 * <li>{@code hit@k} = 1 if any hit in the top k, else 0;</li>
 * <li>{@code mrr@k} = 1/rank of the first hit within the top k, else 0.</li>
 * </ul>
 * A user without relevant items is not evaluated (callers skip them).
 */
public final class RankingMetrics {
    /** The per-user metrics, in the order of {@link #compute}'s result. */
    public static final List<String> NAMES = List.of("ndcg@10", "recall@10", "hit@10", "mrr@10", "ndcg@20",
            "recall@20", "hit@20", "mrr@20");

    /** Cut-offs, aligned with {@link #NAMES} in groups of four. */
    public static final int[] CUTOFFS = {10, 20};

    private RankingMetrics() {
    }

    /**
     * Computes {@link #NAMES} for one user.
     *
     * @param ranked   recommended items, best first (at least {@code 20} long unless the catalogue is smaller)
     * @param relevant relevant items, ascending, non-empty
     */
    public static double[] compute(int[] ranked, int[] relevant) {
        if (relevant.length == 0) {
            throw new IllegalArgumentException("relevant must not be empty");
        }
        double[] out = new double[NAMES.size()];
        for (int c = 0; c < CUTOFFS.length; c++) {
            int k = CUTOFFS[c];
            out[4 * c] = ndcg(ranked, relevant, k);
            out[4 * c + 1] = recall(ranked, relevant, k);
            out[4 * c + 2] = hit(ranked, relevant, k);
            out[4 * c + 3] = mrr(ranked, relevant, k);
        }
        return out;
    }

    /** Hits in the top k / |relevant|. */
    public static double recall(int[] ranked, int[] relevant, int k) {
        return (double) hits(ranked, relevant, k) / relevant.length;
    }

    /** DCG@k over the ideal DCG of min(|relevant|, k) hits. */
    public static double ndcg(int[] ranked, int[] relevant, int k) {
        double dcg = 0;
        int n = Math.min(k, ranked.length);
        for (int r = 0; r < n; r++) {
            if (Arrays.binarySearch(relevant, ranked[r]) >= 0) {
                dcg += discount(r);
            }
        }
        double ideal = 0;
        for (int r = 0; r < Math.min(relevant.length, k); r++) {
            ideal += discount(r);
        }
        return dcg / ideal;
    }

    /** 1 if any of the top k is relevant. */
    public static double hit(int[] ranked, int[] relevant, int k) {
        return hits(ranked, relevant, k) > 0 ? 1 : 0;
    }

    /** Reciprocal rank of the first relevant item within the top k; 0 if none. */
    public static double mrr(int[] ranked, int[] relevant, int k) {
        int n = Math.min(k, ranked.length);
        for (int r = 0; r < n; r++) {
            if (Arrays.binarySearch(relevant, ranked[r]) >= 0) {
                return 1.0 / (r + 1);
            }
        }
        return 0;
    }

    private static int hits(int[] ranked, int[] relevant, int k) {
        int h = 0;
        int n = Math.min(k, ranked.length);
        for (int r = 0; r < n; r++) {
            if (Arrays.binarySearch(relevant, ranked[r]) >= 0) {
                h++;
            }
        }
        return h;
    }

    /** 1/log2(r + 2) for 0-based rank r. */
    private static double discount(int r) {
        return Math.log(2) / Math.log(r + 2);
    }

    /**
     * Catalogue coverage: distinct items across the users' top lists / catalogue size.
     *
     * @param lists    each user's top list
     * @param catalogue catalogue size, ≥ 1
     */
    public static double coverage(List<int[]> lists, int catalogue) {
        boolean[] seen = new boolean[catalogue];
        int distinct = 0;
        for (int[] l : lists) {
            for (int i : l) {
                if (!seen[i]) {
                    seen[i] = true;
                    distinct++;
                }
            }
        }
        return (double) distinct / catalogue;
    }

    /**
     * Novelty: mean self-information −log2 p(i) of recommended items (averaged per user, then over users), where
     * p(i) = (users with i in training + 1) / (training users + 1).
     */
    public static double novelty(List<int[]> lists, int[] itemUsers, int trainingUsers) {
        double sum = 0;
        int users = 0;
        for (int[] l : lists) {
            if (l.length == 0) {
                continue;
            }
            double s = 0;
            for (int i : l) {
                s += -Math.log((itemUsers[i] + 1.0) / (trainingUsers + 1.0)) / Math.log(2);
            }
            sum += s / l.length;
            users++;
        }
        return users == 0 ? 0 : sum / users;
    }
}
