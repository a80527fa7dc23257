package io.cohortlm.predict;

import java.util.stream.IntStream;

/**
 * L2-regularised logistic regression, binary (one weight vector, sigmoid) or multinomial (one weight vector per
 * class, softmax), fitted by {@link Lbfgs} on standardised features. The objective is the mean negative
 * log-likelihood plus {@code l2 / 2 · ‖W‖²} (intercepts not penalised), so {@code l2} does not depend on n.
 * Deterministic: gradients are summed over fixed blocks of rows reduced in block order, so results do not
 * depend on the thread count.
 *
 * @param l2            ridge strength, ≥ 0
 * @param maxIterations L-BFGS iterations, ≥ 1
 * @param tolerance     gradient max-norm tolerance, &gt; 0
 */
public record LogisticRegression(double l2, int maxIterations, double tolerance) {
    private static final int BLOCK = 1024;

    public LogisticRegression {
        if (!(l2 >= 0) || Double.isInfinite(l2)) {
            throw new IllegalArgumentException("l2 must be a finite number ≥ 0, was " + l2);
        }
        if (maxIterations < 1) {
            throw new IllegalArgumentException("maxIterations must be ≥ 1, was " + maxIterations);
        }
        if (!(tolerance > 0)) {
            throw new IllegalArgumentException("tolerance must be > 0, was " + tolerance);
        }
    }

    /** l2 = 1e-3, 300 iterations, tolerance 1e-6. */
    public static LogisticRegression defaults() {
        return new LogisticRegression(1e-3, 300, 1e-6);
    }

    /**
     * Fits raw (unstandardised) rows.
     *
     * @param x       n × d raw features, n ≥ 1
     * @param y       class of each row in [0, classes)
     * @param classes number of classes, ≥ 2 (2 = binary: class 1 is "positive")
     */
    public LogisticModel fit(double[][] x, int[] y, int classes) {
        if (classes < 2) {
            throw new IllegalArgumentException("classes must be ≥ 2, was " + classes);
        }
        if (x.length != y.length) {
            throw new IllegalArgumentException("y length must equal x rows " + x.length + ", was " + y.length);
        }
        for (int i = 0; i < y.length; i++) {
            if (y[i] < 0 || y[i] >= classes) {
                throw new IllegalArgumentException("y[" + i + "] must be in [0, " + classes + "), was " + y[i]);
            }
        }
        Standardizer st = Standardizer.fit(x);
        double[][] z = st.apply(x);
        int d = st.dimension();
        int rows = classes == 2 ? 1 : classes;
        int stride = d + 1;
        int n = z.length;
        int blocks = (n + BLOCK - 1) / BLOCK;
        Lbfgs.Objective objective = (w, grad) -> {
            double[][] partGrad = new double[blocks][];
            double[] partLoss = new double[blocks];
            IntStream.range(0, blocks).parallel().forEach(b -> {
                double[] gb = new double[w.length];
                double loss = 0;
                double[] p = new double[classes];
                for (int i = b * BLOCK, end = Math.min(n, i + BLOCK); i < end; i++) {
                    LogisticModel.probabilities(w, rows, stride, z[i], p);
                    loss -= Math.log(Math.max(p[y[i]], 1e-300));
                    for (int r = 0; r < rows; r++) {
                        int c = classes == 2 ? 1 : r;
                        double err = p[c] - (y[i] == c ? 1 : 0);
                        int o = r * stride;
                        for (int j = 0; j < d; j++) {
                            gb[o + j] += err * z[i][j];
                        }
                        gb[o + d] += err;
                    }
                }
                partGrad[b] = gb;
                partLoss[b] = loss;
            });
            java.util.Arrays.fill(grad, 0);
            double loss = 0;
            for (int b = 0; b < blocks; b++) {
                loss += partLoss[b];
                for (int k = 0; k < grad.length; k++) {
                    grad[k] += partGrad[b][k];
                }
            }
            loss /= n;
            for (int k = 0; k < grad.length; k++) {
                grad[k] /= n;
            }
            for (int r = 0; r < rows; r++) {
                for (int j = 0; j < d; j++) {
                    double wj = w[r * stride + j];
                    loss += 0.5 * l2 * wj * wj;
                    grad[r * stride + j] += l2 * wj;
                }
            }
            return loss;
        };
        double[] start = new double[rows * stride];
        // Start intercepts at the log class frequencies: the optimum when all features are uninformative.
        double[] freq = new double[classes];
        for (int c : y) {
            freq[c] += 1.0 / n;
        }
        for (int r = 0; r < rows; r++) {
            int c = classes == 2 ? 1 : r;
            double f = Math.min(Math.max(freq[c], 1e-6), 1 - 1e-6);
            start[r * stride + d] = classes == 2 ? Math.log(f / (1 - f)) : Math.log(f);
        }
        Lbfgs.Result res = new Lbfgs(10, maxIterations, tolerance).minimize(objective, start);
        return new LogisticModel(st, classes, res.w(), res.iterations(), res.converged(), res.value());
    }
}
