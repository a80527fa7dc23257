package io.cohortlm.recommend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cohortlm.data.Dataset;
import io.cohortlm.data.Events;
import io.cohortlm.data.Items;
import io.cohortlm.data.Users;
import io.cohortlm.represent.EventWeights;
import io.cohortlm.represent.UserItemMatrix;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SymmetricInverseTest {
    @Test
    void inverse_times_matrix_is_identity_and_independent_of_threads() {
        long seed = 42;
        int n = 150; // spans several panels and blocks
        SplittableRandom rnd = new SplittableRandom(seed);
        double[][] r = new double[n][n];
        for (double[] row : r) {
            for (int j = 0; j < n; j++) {
                row[j] = rnd.nextGaussian();
            }
        }
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = i == j ? n : 0;
                for (int k = 0; k < n; k++) {
                    s += r[i][k] * r[j][k];
                }
                a[i][j] = s;
            }
        }
        double[][] inv1 = SymmetricInverse.invert(a, 1);
        double[][] inv3 = SymmetricInverse.invert(a, 3);
        for (int i = 0; i < n; i++) {
            assertArrayEquals(inv1[i], inv3[i], 0, "seed " + seed + ": row " + i + " differs across threads");
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int k = 0; k < n; k++) {
                    s += a[i][k] * inv1[k][j];
                }
                assertEquals(i == j ? 1 : 0, s, 1e-9, "seed " + seed + ": (A·A⁻¹)[" + i + "][" + j + "]");
            }
        }
    }

    @Test
    void not_positive_definite_is_reported() {
        double[][] a = {{1, 2}, {2, 1}};
        assertThrows(ArithmeticException.class, () -> SymmetricInverse.invert(a, 1));
    }

    @Test
    void ease_matches_the_closed_form_on_a_tiny_matrix() {
        // 3 users × 3 items: u0 {0,1}, u1 {1,2}, u2 {0,1,2}. G = XᵀX = [[2,2,1],[2,3,2],[1,2,2]], λ = 1.
        Users us = new Users();
        Items it = new Items();
        for (int i = 0; i < 3; i++) {
            us.addRow("u" + i);
            it.addRow("i" + i);
        }
        Events ev = new Events();
        byte click = ev.types().code("click");
        int[][] rows = {{0, 1}, {1, 2}, {0, 1, 2}};
        for (int u = 0; u < 3; u++) {
            for (int i : rows[u]) {
                ev.add(u, i, click, Float.NaN, Float.NaN, Events.NO_TIME);
            }
        }
        UserItemMatrix x = UserItemMatrix.of(new Dataset("tiny", us, it, ev), EventWeights.defaults());
        RecommenderModel model = new EaseRecommender(1, 100).fit(TrainingData.of(x));
        // P = (G + I)⁻¹ for G + I = [[3,2,1],[2,4,2],[1,2,3]]: det = 20, adjugate / det.
        double[][] p = {{8 / 20.0, -4 / 20.0, 0}, {-4 / 20.0, 8 / 20.0, -4 / 20.0}, {0, -4 / 20.0, 8 / 20.0}};
        double[][] b = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                b[i][j] = i == j ? 0 : -p[i][j] / p[j][j];
            }
        }
        // A user with history {0} scores row 0 of B (plus the tiny popularity tie-break).
        float[] s = new float[3];
        model.score(new UserQuery(-1, new int[] {0}, new float[] {1}, -1, null, false), s);
        for (int j = 0; j < 3; j++) {
            assertEquals(b[0][j], s[j], 1e-5, "B[0][" + j + "]");
        }
        assertEquals(0.5, b[0][1], 1e-12); // −(−4/20)/(8/20)
    }
}
