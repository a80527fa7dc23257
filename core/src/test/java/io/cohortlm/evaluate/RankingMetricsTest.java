package io.cohortlm.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class RankingMetricsTest {
    private static final double L3 = 1 / (Math.log(3) / Math.log(2));
    private static final double L5 = 1 / (Math.log(5) / Math.log(2));

    @Test
    void ndcg_uses_an_ideal_over_min_of_relevant_and_k() {
        int[] ranked = {5, 1, 7, 2};
        int[] relevant = {1, 2, 9};
        // hits at ranks 2 and 4: DCG = 1/log2(3) + 1/log2(5); ideal over 3 hits = 1 + 1/log2(3) + 1/2
        assertEquals((L3 + L5) / (1 + L3 + 0.5), RankingMetrics.ndcg(ranked, relevant, 10), 1e-12);
        assertEquals(0.4981893, RankingMetrics.ndcg(ranked, relevant, 10), 1e-6);
        // at k = 2 only the rank-2 hit counts and the ideal covers min(3, 2) = 2 hits
        assertEquals(L3 / (1 + L3), RankingMetrics.ndcg(ranked, relevant, 2), 1e-12);
        assertEquals(1.0, RankingMetrics.ndcg(new int[] {4, 8}, new int[] {4}, 10), 1e-12);
    }

    @Test
    void recall_hit_and_mrr_match_hand_computed_values() {
        int[] ranked = {5, 1, 7, 2};
        int[] relevant = {1, 2, 9};
        assertEquals(2.0 / 3, RankingMetrics.recall(ranked, relevant, 10), 1e-12);
        assertEquals(1.0 / 3, RankingMetrics.recall(ranked, relevant, 2), 1e-12);
        assertEquals(0.0, RankingMetrics.recall(ranked, relevant, 1), 1e-12);
        assertEquals(1.0, RankingMetrics.hit(ranked, relevant, 2), 0);
        assertEquals(0.0, RankingMetrics.hit(ranked, relevant, 1), 0);
        assertEquals(0.5, RankingMetrics.mrr(ranked, relevant, 10), 1e-12);
        assertEquals(0.0, RankingMetrics.mrr(ranked, relevant, 1), 1e-12);
        double[] all = RankingMetrics.compute(ranked, relevant);
        assertEquals(RankingMetrics.NAMES.size(), all.length);
        assertEquals(0.5, all[3], 1e-12);
    }

    @Test
    void coverage_and_novelty_match_hand_computed_values() {
        List<int[]> lists = List.of(new int[] {0, 1}, new int[] {1, 2});
        assertEquals(3.0 / 10, RankingMetrics.coverage(lists, 10), 1e-12);
        int[] itemUsers = {3, 1, 0};
        // p = (c + 1) / (3 + 1): 1, 0.5, 0.25 → self-information 0, 1, 2 bits
        assertEquals(((0 + 1) / 2.0 + (1 + 2) / 2.0) / 2, RankingMetrics.novelty(lists, itemUsers, 3), 1e-12);
    }

    @Test
    void paired_tests_match_closed_forms() {
        // n = 2 → t with 1 df is Cauchy: p = 1 − (2/π)·atan|t|; diffs 1 and 3 give t = 2
        PairedTests.Outcome t = PairedTests.pairedT(new double[] {1, 3}, new double[] {0, 0});
        assertEquals(2.0, t.statistic(), 1e-12);
        assertEquals(1 - 2 / Math.PI * Math.atan(2), t.pValue(), 1e-9);
        // all ten differences positive and distinct: W+ = 55, z = 27.5 / sqrt(96.25)
        double[] a = new double[10];
        for (int i = 0; i < 10; i++) {
            a[i] = i + 1;
        }
        PairedTests.Outcome w = PairedTests.wilcoxon(a, new double[10]);
        assertEquals(27.5 / Math.sqrt(96.25), w.statistic(), 1e-12);
        assertEquals(0.005062, w.pValue(), 2e-6);
    }
}
