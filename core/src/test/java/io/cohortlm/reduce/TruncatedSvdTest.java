package io.cohortlm.reduce;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TruncatedSvdTest {

    @Test
    void symmetric_eigen_reconstructs_the_matrix() {
        int m = 7;
        SplittableRandom rnd = new SplittableRandom(3);
        double[] a = new double[m * m];
        for (int i = 0; i < m; i++) {
            for (int j = i; j < m; j++) {
                a[i * m + j] = a[j * m + i] = rnd.nextDouble() - 0.5;
            }
        }
        SymmetricEigen e = SymmetricEigen.of(a, m);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                double s = 0;
                for (int k = 0; k < m; k++) {
                    s += e.vectors()[i * m + k] * e.values()[k] * e.vectors()[j * m + k];
                }
                assertEquals(a[i * m + j], s, 1e-10, "A[" + i + "," + j + "]");
            }
        }
        for (int k = 1; k < m; k++) {
            assertTrue(e.values()[k - 1] >= e.values()[k], "eigenvalues descending");
        }
    }

    @Test
    void recovers_planted_singular_values_of_a_low_rank_matrix() {
        // A = U diag(10, 5, 2) Vᵀ with random orthonormal-ish factors; rank 3 exactly.
        int m = 300;
        int n = 80;
        double[] sv = {10, 5, 2};
        SplittableRandom rnd = new SplittableRandom(11);
        double[] u = new double[m * 3];
        double[] v = new double[n * 3];
        for (int i = 0; i < u.length; i++) {
            u[i] = TruncatedSvd.gaussian(rnd);
        }
        for (int i = 0; i < v.length; i++) {
            v[i] = TruncatedSvd.gaussian(rnd);
        }
        TruncatedSvd.orthonormalize(u, m, 3);
        TruncatedSvd.orthonormalize(v, n, 3);
        float[][] a = new float[m][n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int k = 0; k < 3; k++) {
                    s += u[i * 3 + k] * sv[k] * v[j * 3 + k];
                }
                a[i][j] = (float) s;
            }
        }
        TruncatedSvd.Result r = new TruncatedSvd(3, 5, 2, 42).fit(new CenteredDenseOperator(a, new double[n]));
        assertArrayEquals(sv, r.s(), 1e-4);
    }

    @Test
    void orthonormalize_makes_columns_orthonormal_and_zeroes_dependent_ones() {
        int rows = 50;
        int l = 4;
        SplittableRandom rnd = new SplittableRandom(5);
        double[] a = new double[rows * l];
        for (int i = 0; i < rows; i++) {
            a[i * l] = rnd.nextDouble();
            a[i * l + 1] = rnd.nextDouble();
            a[i * l + 2] = 2 * a[i * l] - a[i * l + 1]; // dependent
            a[i * l + 3] = rnd.nextDouble();
        }
        TruncatedSvd.orthonormalize(a, rows, l);
        for (int p = 0; p < l; p++) {
            for (int q = 0; q < l; q++) {
                double dot = 0;
                for (int i = 0; i < rows; i++) {
                    dot += a[i * l + p] * a[i * l + q];
                }
                double expected = p == q ? (p == 2 ? 0 : 1) : 0;
                assertEquals(expected, dot, 1e-8, "column " + p + "·" + q);
            }
        }
    }

    @Test
    void pca_keeps_the_planted_directions_and_reports_variance() {
        // Data varies along 2 planted directions (sd 5 and 3) plus small isotropic noise (sd 0.1) in 20 dims.
        int n = 2000;
        int d = 20;
        SplittableRandom rnd = new SplittableRandom(9);
        float[][] x = new float[n][d];
        for (int i = 0; i < n; i++) {
            double a = 5 * TruncatedSvd.gaussian(rnd);
            double b = 3 * TruncatedSvd.gaussian(rnd);
            for (int k = 0; k < d; k++) {
                x[i][k] = (float) (0.1 * TruncatedSvd.gaussian(rnd) + 7);
            }
            x[i][0] += (float) a;
            x[i][1] += (float) b;
        }
        PcaModel byShare = new Pca(PcaConfig.varianceShare(0.95, 1)).fit(x);
        assertEquals(2, byShare.components(), "two planted directions explain ≥95%");
        assertTrue(byShare.explainedShare() > 0.95 && byShare.explainedShare() < 1.0, "share " + byShare.explainedShare());
        assertEquals(25, byShare.explainedVariance()[0], 2.0);
        assertEquals(9, byShare.explainedVariance()[1], 1.0);
        assertEquals(1.0, Math.abs(byShare.axes()[0]), 1e-3, "first axis is e0");
        PcaModel fixed = new Pca(PcaConfig.components(5, 1)).fit(x);
        assertEquals(5, fixed.components());
        assertEquals(5, fixed.transform(x[0]).length);
        assertEquals(fixed.explainedShare(), new Pca(PcaConfig.components(5, 1)).fit(x).explainedShare(), 0,
                "deterministic for a seed");
    }

    @Test
    void pca_config_parses_counts_and_shares_and_names_bad_values() {
        assertEquals(32, PcaConfig.parse("32", 0).components());
        assertEquals(0.9, PcaConfig.parse("90%", 0).varianceShare(), 1e-12);
        assertEquals(0.8, PcaConfig.parse("0.8", 0).varianceShare(), 1e-12);
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> PcaConfig.parse("lots", 0));
        assertTrue(e.getMessage().contains("'lots'"), e.getMessage());
    }
}
