package io.cohortlm.reduce;

import java.util.SplittableRandom;

/**
 * Randomized truncated SVD (Halko, Martinsson &amp; Tropp 2011, algorithms 4.4 + 5.1): a Gaussian sketch with
 * oversampling, a few power iterations with re-orthonormalisation, then an exact SVD of the small projected
 * matrix via {@link SymmetricEigen}. Works on any {@link LinearOperator}, so sparse interaction matrices never
 * become dense. Deterministic for a seed.
 *
 * @param rank         number of singular triplets wanted, ≥ 1
 * @param oversampling extra sketch columns, ≥ 0 (10 is the usual choice)
 * @param powerIters   power iterations, ≥ 0 (2–4 sharpen slowly decaying spectra)
 * @param seed         seed of the Gaussian sketch
 */
public record TruncatedSvd(int rank, int oversampling, int powerIters, long seed) {
    public TruncatedSvd {
        if (rank < 1) {
            throw new IllegalArgumentException("rank must be ≥ 1, was " + rank);
        }
        if (oversampling < 0) {
            throw new IllegalArgumentException("oversampling must be ≥ 0, was " + oversampling);
        }
        if (powerIters < 0) {
            throw new IllegalArgumentException("powerIters must be ≥ 0, was " + powerIters);
        }
    }

    /** Result: A ≈ U · diag(S) · Vᵀ. U is rows × r, V is cols × r (row-major), S descending. */
    public record Result(int rows, int cols, int r, double[] u, double[] s, double[] v) {
        /** Left singular vectors scaled by singular values (row scores), as float rows. */
        public float[][] scores() {
            float[][] out = new float[rows][r];
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < r; j++) {
                    out[i][j] = (float) (u[i * r + j] * s[j]);
                }
            }
            return out;
        }
    }

    public Result fit(LinearOperator a) {
        int m = a.rows();
        int n = a.cols();
        int r = Math.min(rank, Math.min(m, n));
        int l = Math.min(r + oversampling, Math.min(m, n));
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] omega = new double[n * l];
        for (int i = 0; i < omega.length; i++) {
            omega[i] = gaussian(rnd);
        }
        double[] y = new double[m * l];
        a.multiply(omega, l, y);
        orthonormalize(y, m, l);
        double[] z = new double[n * l];
        for (int it = 0; it < powerIters; it++) {
            a.multiplyTransposed(y, l, z);
            orthonormalize(z, n, l);
            a.multiply(z, l, y);
            orthonormalize(y, m, l);
        }
        // B = Qᵀ A  (l × n), computed as (Aᵀ Q)ᵀ.
        double[] bt = new double[n * l];
        a.multiplyTransposed(y, l, bt);
        // B Bᵀ = (btᵀ bt), l × l.
        double[] bbt = new double[l * l];
        for (int k = 0; k < n; k++) {
            int off = k * l;
            for (int i = 0; i < l; i++) {
                double bi = bt[off + i];
                if (bi == 0) {
                    continue;
                }
                for (int j = i; j < l; j++) {
                    bbt[i * l + j] += bi * bt[off + j];
                }
            }
        }
        for (int i = 0; i < l; i++) {
            for (int j = 0; j < i; j++) {
                bbt[i * l + j] = bbt[j * l + i];
            }
        }
        SymmetricEigen eig = SymmetricEigen.of(bbt, l);
        double[] s = new double[r];
        for (int j = 0; j < r; j++) {
            s[j] = Math.sqrt(Math.max(0, eig.values()[j]));
        }
        // U = Q · W[:, :r]
        double[] u = new double[m * r];
        for (int i = 0; i < m; i++) {
            for (int k = 0; k < l; k++) {
                double q = y[i * l + k];
                if (q == 0) {
                    continue;
                }
                for (int j = 0; j < r; j++) {
                    u[i * r + j] += q * eig.vectors()[k * l + j];
                }
            }
        }
        // V = Bᵀ W / s
        double[] v = new double[n * r];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < l; k++) {
                double b = bt[i * l + k];
                if (b == 0) {
                    continue;
                }
                for (int j = 0; j < r; j++) {
                    v[i * r + j] += b * eig.vectors()[k * l + j];
                }
            }
            for (int j = 0; j < r; j++) {
                v[i * r + j] = s[j] > 0 ? v[i * r + j] / s[j] : 0;
            }
        }
        return new Result(m, n, r, u, s, v);
    }

    /**
     * Orthonormalises the columns of a rows × l row-major block with CholeskyQR2 (Fukaya et al. 2014): two
     * passes of G = AᵀA, G = RᵀR, A ← A R⁻¹. Each pass streams the rows once, unlike Gram–Schmidt's l²/2
     * strided passes. Columns that are numerically dependent are zeroed.
     */
    static void orthonormalize(double[] a, int rows, int l) {
        for (int pass = 0; pass < 2; pass++) {
            double[] g = new double[l * l];
            for (int i = 0; i < rows; i++) {
                int off = i * l;
                for (int p = 0; p < l; p++) {
                    double ap = a[off + p];
                    if (ap == 0) {
                        continue;
                    }
                    for (int q = p; q < l; q++) {
                        g[p * l + q] += ap * a[off + q];
                    }
                }
            }
            double trace = 0;
            for (int p = 0; p < l; p++) {
                trace += g[p * l + p];
            }
            // Upper-triangular Cholesky factor R with G = RᵀR; a tiny ridge keeps it defined for rank-deficient blocks.
            double ridge = 1e-13 * Math.max(trace, 1e-300);
            double[] r = new double[l * l];
            boolean[] dead = new boolean[l];
            for (int j = 0; j < l; j++) {
                double d = g[j * l + j] + ridge;
                for (int k = 0; k < j; k++) {
                    d -= r[k * l + j] * r[k * l + j];
                }
                if (d <= ridge * 10) {
                    dead[j] = true;
                    r[j * l + j] = 1;
                    continue;
                }
                double rjj = Math.sqrt(d);
                r[j * l + j] = rjj;
                for (int q = j + 1; q < l; q++) {
                    double x = g[j * l + q];
                    for (int k = 0; k < j; k++) {
                        x -= r[k * l + j] * r[k * l + q];
                    }
                    r[j * l + q] = x / rjj;
                }
            }
            // A ← A R⁻¹ row by row (forward substitution on each row).
            double[] row = new double[l];
            for (int i = 0; i < rows; i++) {
                int off = i * l;
                for (int q = 0; q < l; q++) {
                    if (dead[q]) {
                        row[q] = 0;
                        continue;
                    }
                    double x = a[off + q];
                    for (int k = 0; k < q; k++) {
                        x -= row[k] * r[k * l + q];
                    }
                    row[q] = x / r[q * l + q];
                }
                System.arraycopy(row, 0, a, off, l);
            }
        }
    }

    static double gaussian(SplittableRandom rnd) {
        // Box–Muller; SplittableRandom has no nextGaussian on Java 17.
        double u1 = rnd.nextDouble();
        double u2 = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
    }
}
