package io.cohortlm.predict;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LogisticRegressionTest {
    private static final LogisticRegression UNREGULARISED = new LogisticRegression(0, 500, 1e-9);

    @Test
    void binary_model_with_one_indicator_feature_reproduces_the_group_rates() {
        // Unpenalised MLE with a saturated model equals the empirical rate in each group: 2/10 and 7/10.
        int n = 20;
        double[][] x = new double[n][1];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            x[i][0] = i < 10 ? 0 : 1;
            y[i] = i < 10 ? (i < 2 ? 1 : 0) : (i < 17 ? 1 : 0);
        }
        LogisticModel m = UNREGULARISED.fit(x, y, 2);
        assertEquals(0.2, m.predict(new double[] {0})[1], 1e-6);
        assertEquals(0.7, m.predict(new double[] {1})[1], 1e-6);
        assertTrue(m.converged(), "converged in " + m.iterations());
    }

    @Test
    void softmax_model_with_one_hot_groups_reproduces_the_group_distributions() {
        // Group A: classes 0,0,1,2 → (.5,.25,.25); group B: 1,1,1,2,2,0 → (1/6, 1/2, 1/3).
        int[][] groups = {{0, 0, 1, 2}, {1, 1, 1, 2, 2, 0}};
        int n = 10;
        double[][] x = new double[n][1];
        int[] y = new int[n];
        int i = 0;
        for (int g = 0; g < 2; g++) {
            for (int c : groups[g]) {
                x[i][0] = g;
                y[i++] = c;
            }
        }
        LogisticModel m = UNREGULARISED.fit(x, y, 3);
        assertArrayEquals(new double[] {0.5, 0.25, 0.25}, m.predict(new double[] {0}), 1e-5);
        assertArrayEquals(new double[] {1 / 6.0, 0.5, 1 / 3.0}, m.predict(new double[] {1}), 1e-5);
    }

    @Test
    void ridge_shrinks_the_prediction_toward_the_base_rate() {
        double[][] x = {{0}, {0}, {1}, {1}};
        int[] y = {0, 0, 1, 1};
        double weak = new LogisticRegression(1e-4, 500, 1e-9).fit(x, y, 2).predict(new double[] {1})[1];
        double strong = new LogisticRegression(10, 500, 1e-9).fit(x, y, 2).predict(new double[] {1})[1];
        assertTrue(weak > 0.95, "weak ridge nearly separates: " + weak);
        assertTrue(strong > 0.5 && strong < 0.6, "strong ridge stays near the 0.5 base rate: " + strong);
    }

    @Test
    void results_do_not_depend_on_the_thread_count_and_a_saved_model_predicts_the_same() throws Exception {
        java.util.SplittableRandom r = new java.util.SplittableRandom(4);
        int n = 5000; // several 1,024-row blocks
        double[][] x = new double[n][3];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 3; j++) {
                x[i][j] = r.nextDouble();
            }
            y[i] = r.nextDouble() < x[i][0] ? (x[i][1] > 0.5 ? 2 : 1) : 0;
        }
        LogisticModel common = LogisticRegression.defaults().fit(x, y, 3);
        java.util.concurrent.ForkJoinPool one = new java.util.concurrent.ForkJoinPool(1);
        LogisticModel single = one.submit(() -> LogisticRegression.defaults().fit(x, y, 3)).get();
        one.shutdown();
        assertArrayEquals(common.state().weights(), single.state().weights(), 0.0, "bitwise equal weights");
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        LogisticModel back = LogisticModel.of(json.readValue(json.writeValueAsString(common.state()), LogisticModel.State.class));
        for (int i = 0; i < 50; i++) {
            assertArrayEquals(common.predict(x[i]), back.predict(x[i]), 0.0);
        }
    }

    @Test
    void configuration_errors_name_the_field_and_value() {
        assertEquals("l2 must be a finite number ≥ 0, was -1.0",
                assertThrows(IllegalArgumentException.class, () -> new LogisticRegression(-1, 10, 1e-6)).getMessage());
        assertEquals("classes must be ≥ 2, was 1", assertThrows(IllegalArgumentException.class,
                () -> LogisticRegression.defaults().fit(new double[][] {{1}}, new int[] {0}, 1)).getMessage());
        assertEquals("y[0] must be in [0, 2), was 2", assertThrows(IllegalArgumentException.class,
                () -> LogisticRegression.defaults().fit(new double[][] {{1}}, new int[] {2}, 2)).getMessage());
    }
}
