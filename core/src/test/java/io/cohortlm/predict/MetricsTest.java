package io.cohortlm.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MetricsTest {
    @Test
    void auc_counts_a_tied_positive_negative_pair_as_half() {
        // positives 0.4, 0.8; negatives 0.1, 0.35, 0.4: pairs won 1 + 1 + ½ + 3 = 5.5 of 6.
        double[] p = {0.1, 0.4, 0.35, 0.8, 0.4};
        boolean[] y = {false, true, false, true, false};
        assertEquals(5.5 / 6, BinaryMetrics.rocAuc(p, y), 1e-12);
        // All scores tied: exactly ½.
        assertEquals(0.5, BinaryMetrics.rocAuc(new double[] {0.3, 0.3, 0.3, 0.3}, new boolean[] {true, false, true, false}), 1e-12);
        // Perfectly reversed: 0.
        assertEquals(0.0, BinaryMetrics.rocAuc(new double[] {0.9, 0.1}, new boolean[] {false, true}), 1e-12);
        assertTrue(Double.isNaN(BinaryMetrics.rocAuc(new double[] {0.2, 0.7}, new boolean[] {true, true})), "one class: undefined");
    }

    @Test
    void ece_weights_each_bins_gap_by_its_share_of_rows() {
        // bin 0: p .05 vs 0 (gap .05, 1 row); bin 1: p .15 vs .5 (gap .35, 2 rows); bin 9: .95 vs 1 (gap .05, 1 row).
        double[] p = {0.05, 0.15, 0.15, 0.95};
        boolean[] y = {false, true, false, true};
        Calibration c = Calibration.of(p, y, 10);
        assertEquals(0.25 * 0.05 + 0.5 * 0.35 + 0.25 * 0.05, c.ece(), 1e-12);
        assertEquals(10, c.bins().size());
        assertEquals(2, c.bins().get(1).count());
        assertEquals(0.5, c.bins().get(1).observedRate(), 1e-12);
        assertEquals(0, c.bins().get(5).count());
        assertTrue(Double.isNaN(c.bins().get(5).meanPredicted()));
        assertEquals(1, Calibration.of(new double[] {1.0}, new boolean[] {true}, 10).bins().get(9).count(), "p = 1 in last bin");
    }

    @Test
    void threshold_metrics_log_loss_and_brier_match_hand_computation() {
        double[] p = {0.9, 0.6, 0.4, 0.2};
        boolean[] y = {true, false, true, false};
        BinaryMetrics m = BinaryMetrics.of(p, y);
        // At 0.5: TP = 1 (0.9), FP = 1 (0.6), FN = 1 (0.4), TN = 1 (0.2).
        assertEquals(0.5, m.accuracy(), 1e-12);
        assertEquals(0.5, m.precision(), 1e-12);
        assertEquals(0.5, m.recall(), 1e-12);
        assertEquals(0.5, m.f1(), 1e-12);
        assertEquals(-(Math.log(0.9) + Math.log(0.4) + Math.log(0.4) + Math.log(0.8)) / 4, m.logLoss(), 1e-12);
        assertEquals((0.01 + 0.36 + 0.36 + 0.04) / 4, m.brier(), 1e-12);
        assertEquals(0.75, m.rocAuc(), 1e-12);
        assertEquals(2, m.positives());
        BinaryMetrics none = BinaryMetrics.of(new double[] {0.1, 0.2}, new boolean[] {true, false});
        assertTrue(Double.isNaN(none.precision()), "nothing predicted positive: precision undefined");
        assertEquals(0.0, none.recall(), 1e-12);
    }

    @Test
    void top_k_accuracy_and_log_loss_for_class_distributions() {
        double[][] p = {
                {0.5, 0.3, 0.1, 0.1}, // true 0: top-1
                {0.4, 0.3, 0.2, 0.1}, // true 2: third → top-3 only
                {0.4, 0.3, 0.2, 0.1}, // true 3: fourth → miss
                {0.25, 0.25, 0.25, 0.25}, // true 1: tie broken by lower index → second → top-3
        };
        int[] y = {0, 2, 3, 1};
        MulticlassMetrics m = MulticlassMetrics.of(p, y);
        assertEquals(0.25, m.top1(), 1e-12);
        assertEquals(0.75, m.top3(), 1e-12);
        assertEquals(-(Math.log(0.5) + Math.log(0.2) + Math.log(0.1) + Math.log(0.25)) / 4, m.logLoss(), 1e-12);
    }

    @Test
    void invalid_probabilities_are_rejected_with_index_and_value() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BinaryMetrics.of(new double[] {0.2, 1.5}, new boolean[] {true, false}));
        assertEquals("p[1] must be in [0, 1], was 1.5", e.getMessage());
    }
}
