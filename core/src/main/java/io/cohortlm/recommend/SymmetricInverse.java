package io.cohortlm.recommend;

/**
 * Inverse of a dense symmetric positive-definite matrix through its Cholesky factor: A = L·Lᵀ, W = L⁻¹,
 * A⁻¹ = Wᵀ·W (≈ n³ flops in all). Every kernel is a contiguous dot product over row-major triangular rows, blocked
 * so a block of rows shares each streamed row, and parallel over independent rows/columns; each output entry is
 * computed by exactly one thread in a fixed order, so the result does not depend on the thread count.
 */
public final class SymmetricInverse {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SymmetricInverse.class);
    /** True when the Vector API module is present: the dot kernel then runs on it (≈ 3–6× the scalar loop). */
    static final boolean VECTOR = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
            && !Boolean.getBoolean("cohortlm.scalar");
    private static final int PANEL = 64;

    static {
        LOG.debug("symmetric inverse: {} dot kernel", VECTOR ? "Vector API" : "scalar (jdk.incubator.vector absent)");
    }
    private static final int BLOCK = 16;

    private SymmetricInverse() {
    }

    /**
     * Returns A⁻¹ (full, row-major {@code double[n][n]}).
     *
     * @param a       the matrix, row-major; only the lower triangle ({@code a[i][j]}, j ≤ i) is read; not modified
     * @param threads worker threads, ≥ 1
     * @throws ArithmeticException if A is not (numerically) positive definite
     */
    public static double[][] invert(double[][] a, int threads) {
        double[][] l = cholesky(a, threads);
        double[][] wt = inverseLowerTransposed(l, threads);
        l = null;
        return gram(wt, a.length, threads);
    }

    /** Lower Cholesky factor as triangular rows ({@code l[i].length == i + 1}). */
    static double[][] cholesky(double[][] a, int threads) {
        int n = a.length;
        double[][] l = new double[n][];
        for (int i = 0; i < n; i++) {
            l[i] = new double[i + 1];
            System.arraycopy(a[i], 0, l[i], 0, i + 1);
        }
        for (int lo = 0; lo < n; lo += PANEL) {
            int panelStart = lo;
            int hi = Math.min(n, lo + PANEL);
            int rows = hi - lo;
            // Columns left of the panel depend only on finished rows: rows of the panel run in parallel, each
            // walking the finished rows j in order (row j is shared by the rows of one block while cached).
            int blocks = (rows + BLOCK - 1) / BLOCK;
            Workers.forEach(threads, blocks, 1, b -> {
                int r0 = panelStart + b * BLOCK;
                int r1 = Math.min(panelStart + rows, r0 + BLOCK);
                for (int j = 0; j < panelStart; j++) {
                    double[] lj = l[j];
                    double d = lj[j];
                    for (int i = r0; i < r1; i++) {
                        double[] li = l[i];
                        li[j] = (li[j] - dot(li, 0, lj, 0, j)) / d;
                    }
                }
            });
            for (int i = lo; i < hi; i++) {
                double[] li = l[i];
                for (int j = lo; j < i; j++) {
                    li[j] = (li[j] - dot(li, 0, l[j], 0, j)) / l[j][j];
                }
                double d = li[i] - dot(li, 0, li, 0, i);
                if (!(d > 0)) {
                    throw new ArithmeticException("matrix is not positive definite at row " + i + " (pivot " + d
                            + ")");
                }
                li[i] = Math.sqrt(d);
            }
        }
        return l;
    }

    /**
     * W = L⁻¹ stored transposed: {@code wt[c][i - c]} = W[i][c] for i ≥ c (column c of W is row c of the
     * result). Columns are independent; a block of columns shares each row of L.
     */
    static double[][] inverseLowerTransposed(double[][] l, int threads) {
        int n = l.length;
        double[][] wt = new double[n][];
        int blocks = (n + BLOCK - 1) / BLOCK;
        Workers.forEach(threads, blocks, 1, b -> {
            int c0 = b * BLOCK;
            int c1 = Math.min(n, c0 + BLOCK);
            for (int c = c0; c < c1; c++) {
                wt[c] = new double[n - c];
            }
            for (int i = c0; i < n; i++) {
                double[] li = l[i];
                int cEnd = Math.min(c1, i + 1);
                for (int c = c0; c < cEnd; c++) {
                    double[] w = wt[c];
                    if (i == c) {
                        w[0] = 1 / li[i];
                    } else {
                        w[i - c] = -dot(li, c, w, 0, i - c) / li[i];
                    }
                }
            }
        });
        return wt;
    }

    /** A⁻¹ = Wᵀ·W: entry (i, j), j ≥ i, is the dot of W's columns i and j from row j on. */
    static double[][] gram(double[][] wt, int n, int threads) {
        double[][] p = new double[n][n];
        int blocks = (n + BLOCK - 1) / BLOCK;
        Workers.forEach(threads, blocks, 1, b -> {
            int i0 = b * BLOCK;
            int i1 = Math.min(n, i0 + BLOCK);
            for (int j = i0; j < n; j++) {
                double[] wj = wt[j];
                int iEnd = Math.min(i1, j + 1);
                for (int i = i0; i < iEnd; i++) {
                    double v = dot(wt[i], j - i, wj, 0, n - j);
                    p[i][j] = v;
                    p[j][i] = v;
                }
            }
        });
        return p;
    }

    /** Σ_{t<len} x[xo+t]·y[yo+t], on the Vector API when available. */
    static double dot(double[] x, int xo, double[] y, int yo, int len) {
        return VECTOR ? VectorDot.dot(x, xo, y, yo, len) : scalarDot(x, xo, y, yo, len);
    }

    /** The scalar kernel: four accumulators (the JIT does not vectorise a single-sum reduction). */
    static double scalarDot(double[] x, int xo, double[] y, int yo, int len) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int t = 0;
        for (; t + 3 < len; t += 4) {
            s0 += x[xo + t] * y[yo + t];
            s1 += x[xo + t + 1] * y[yo + t + 1];
            s2 += x[xo + t + 2] * y[yo + t + 2];
            s3 += x[xo + t + 3] * y[yo + t + 3];
        }
        for (; t < len; t++) {
            s0 += x[xo + t] * y[yo + t];
        }
        return (s0 + s1) + (s2 + s3);
    }
}
