package io.cohortlm.recommend;

import io.cohortlm.represent.UserItemMatrix;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Implicit-feedback ALS (Hu, Koren &amp; Volinsky 2008): preference 1 for every observed (u, i) with confidence
 * c = 1 + α·r (r = the training weight), 0 with confidence 1 elsewhere; alternating ridge solves
 * (YᵀY + λI + Σ_i (c_i − 1)·y_i·y_iᵀ) x_u = Σ_i c_i·y_i. Each solve runs {@code cgSteps} conjugate-gradient
 * steps warm-started from the previous factors (Takács, Pilászy &amp; Tikk 2011), so a sweep costs
 * O(nnz·f + (users + items)·f²). Item factors start from a seeded N(0, 0.1²/f); users are independent within a
 * sweep, so results do not depend on the thread count. Users outside the training matrix are folded in with
 * an exact f×f Cholesky solve.
 *
 * @param factors    f, latent dimensions, in [1, 1024]
 * @param lambda     L2 regularisation, ≥ 0
 * @param alpha      confidence slope α, ≥ 0
 * @param iterations alternating sweeps, in [1, 1000]
 * @param cgSteps    conjugate-gradient steps per solve, in [1, 100]
 */
public record IalsRecommender(int factors, double lambda, double alpha, int iterations, int cgSteps)
        implements Recommender {
    public IalsRecommender {
        if (factors < 1 || factors > 1024) {
            throw new IllegalArgumentException("factors must be in [1, 1024], was " + factors);
        }
        if (!(lambda >= 0)) {
            throw new IllegalArgumentException("lambda must be ≥ 0, was " + lambda);
        }
        if (!(alpha >= 0)) {
            throw new IllegalArgumentException("alpha must be ≥ 0, was " + alpha);
        }
        if (iterations < 1 || iterations > 1000) {
            throw new IllegalArgumentException("iterations must be in [1, 1000], was " + iterations);
        }
        if (cgSteps < 1 || cgSteps > 100) {
            throw new IllegalArgumentException("cgSteps must be in [1, 100], was " + cgSteps);
        }
    }

    public static IalsRecommender defaults() {
        return new IalsRecommender(64, 1, 10, 12, 3);
    }

    @Override
    public String name() {
        return "ials";
    }

    @Override
    public String describe() {
        return "factors=" + factors + ", lambda=" + lambda + ", alpha=" + alpha + ", iterations=" + iterations;
    }

    @Override
    public RecommenderModel fit(TrainingData data) {
        UserItemMatrix x = data.matrix();
        int n = x.rows();
        int m = x.cols();
        int f = factors;
        // Column view (item -> users, weights).
        int[] colStart = new int[m + 1];
        for (int p = 0; p < x.nonZeros(); p++) {
            colStart[x.col(p) + 1]++;
        }
        for (int i = 0; i < m; i++) {
            colStart[i + 1] += colStart[i];
        }
        int[] fill = Arrays.copyOf(colStart, m);
        int[] colUsers = new int[x.nonZeros()];
        float[] colVals = new float[x.nonZeros()];
        for (int u = 0; u < n; u++) {
            for (int p = x.rowStart(u); p < x.rowEnd(u); p++) {
                int q = fill[x.col(p)]++;
                colUsers[q] = u;
                colVals[q] = x.value(p);
            }
        }
        int[] rowItems = new int[x.nonZeros()];
        float[] rowVals = new float[x.nonZeros()];
        int[] rowStart = new int[n + 1];
        for (int u = 0; u < n; u++) {
            rowStart[u] = x.rowStart(u);
            for (int p = x.rowStart(u); p < x.rowEnd(u); p++) {
                rowItems[p] = x.col(p);
                rowVals[p] = x.value(p);
            }
        }
        rowStart[n] = x.nonZeros();
        double[] userF = new double[n * f];
        double[] itemF = new double[m * f];
        SplittableRandom rnd = new SplittableRandom(data.seed() ^ 0x1A15L);
        double sd = 0.1 / Math.sqrt(f);
        for (int t = 0; t < itemF.length; t++) {
            itemF[t] = rnd.nextGaussian() * sd;
        }
        for (int it = 0; it < iterations; it++) {
            sweep(userF, n, rowStart, rowItems, rowVals, itemF, m, data.threads());
            sweep(itemF, m, colStart, colUsers, colVals, userF, n, data.threads());
        }
        double[] gram = gram(itemF, m, f);
        return new Model(this, userF, itemF, gram, n, m, new Fallback(data));
    }

    /** Solves every row of {@code target} against the fixed factors {@code other}. */
    private void sweep(double[] target, int rows, int[] start, int[] idx, float[] val, double[] other, int otherRows,
            int threads) {
        int f = factors;
        double[] g = gram(other, otherRows, f);
        ThreadLocal<double[][]> scratch = ThreadLocal.withInitial(() -> new double[5][f]);
        Workers.forEach(threads, rows, 32, r -> {
            int a = start[r];
            int b = start[r + 1];
            if (a == b) {
                Arrays.fill(target, r * f, r * f + f, 0.0);
                return;
            }
            double[][] s = scratch.get();
            double[] xr = s[0];
            double[] res = s[1];
            double[] dir = s[2];
            double[] ad = s[3];
            double[] rhs = s[4];
            for (int k = 0; k < f; k++) {
                xr[k] = target[r * f + k];
            }
            Arrays.fill(rhs, 0);
            for (int p = a; p < b; p++) {
                double c = 1 + alpha * val[p];
                int o = idx[p] * f;
                for (int k = 0; k < f; k++) {
                    rhs[k] += c * other[o + k];
                }
            }
            apply(g, other, idx, val, a, b, xr, ad);
            for (int k = 0; k < f; k++) {
                res[k] = rhs[k] - ad[k];
                dir[k] = res[k];
            }
            double rs = dotD(res, res);
            for (int step = 0; step < cgSteps && rs > 1e-20; step++) {
                apply(g, other, idx, val, a, b, dir, ad);
                double pap = dotD(dir, ad);
                if (!(pap > 0)) {
                    break;
                }
                double alphaStep = rs / pap;
                for (int k = 0; k < f; k++) {
                    xr[k] += alphaStep * dir[k];
                    res[k] -= alphaStep * ad[k];
                }
                double rsNew = dotD(res, res);
                double beta = rsNew / rs;
                for (int k = 0; k < f; k++) {
                    dir[k] = res[k] + beta * dir[k];
                }
                rs = rsNew;
            }
            for (int k = 0; k < f; k++) {
                target[r * f + k] = xr[k];
            }
        });
    }

    /** out = (G + λI)·v + Σ_p α·r_p·(y_p·v)·y_p. */
    private void apply(double[] g, double[] other, int[] idx, float[] val, int a, int b, double[] v, double[] out) {
        int f = factors;
        for (int i = 0; i < f; i++) {
            out[i] = lambda * v[i] + SymmetricInverse.dot(g, i * f, v, 0, f);
        }
        for (int p = a; p < b; p++) {
            double c1 = alpha * val[p];
            if (c1 == 0) {
                continue;
            }
            int o = idx[p] * f;
            double d = c1 * SymmetricInverse.dot(other, o, v, 0, f);
            for (int k = 0; k < f; k++) {
                out[k] += d * other[o + k];
            }
        }
    }

    private static double dotD(double[] a, double[] b) {
        double s = 0;
        for (int k = 0; k < a.length; k++) {
            s += a[k] * b[k];
        }
        return s;
    }

    /** YᵀY (f×f, row-major), summed in row order. */
    private static double[] gram(double[] y, int rows, int f) {
        double[] g = new double[f * f];
        for (int r = 0; r < rows; r++) {
            int o = r * f;
            for (int i = 0; i < f; i++) {
                double yi = y[o + i];
                if (yi == 0) {
                    continue;
                }
                int gi = i * f;
                for (int k = 0; k < f; k++) {
                    g[gi + k] += yi * y[o + k];
                }
            }
        }
        return g;
    }

    /** Fitted iALS: user and item factors. */
    static final class Model implements RecommenderModel {
        private final IalsRecommender config;
        private final double[] userF;
        private final double[] itemF;
        private final double[] gram;
        private final int users;
        private final int items;
        private final Fallback fallback;

        Model(IalsRecommender config, double[] userF, double[] itemF, double[] gram, int users, int items,
                Fallback fallback) {
            this.config = config;
            this.userF = userF;
            this.itemF = itemF;
            this.gram = gram;
            this.users = users;
            this.items = items;
            this.fallback = fallback;
        }

        @Override
        public int itemCount() {
            return items;
        }

        @Override
        public void score(UserQuery user, float[] out) {
            if (user.items().length == 0) {
                fallback.popularity(out);
                return;
            }
            int f = config.factors;
            double[] xu = new double[f];
            if (user.inTraining() && user.user() >= 0 && user.user() < users) {
                for (int k = 0; k < f; k++) {
                    xu[k] = userF[user.user() * f + k];
                }
            } else {
                foldIn(user, xu);
            }
            for (int i = 0; i < items; i++) {
                out[i] = (float) SymmetricInverse.dot(itemF, i * f, xu, 0, f);
            }
            fallback.tieBreak(out);
        }

        /** Exact least-squares user factor for a history outside training. */
        private void foldIn(UserQuery user, double[] xu) {
            int f = config.factors;
            double[] a = new double[f * f];
            for (int t = 0; t < f * f; t++) {
                a[t] = gram[t];
            }
            for (int k = 0; k < f; k++) {
                a[k * f + k] += config.lambda;
            }
            double[] rhs = new double[f];
            int[] its = user.items();
            float[] w = user.weights();
            for (int t = 0; t < its.length; t++) {
                double c = 1 + config.alpha * w[t];
                int o = its[t] * f;
                for (int i = 0; i < f; i++) {
                    double yi = itemF[o + i];
                    rhs[i] += c * yi;
                    for (int k = 0; k < f; k++) {
                        a[i * f + k] += (c - 1) * yi * itemF[o + k];
                    }
                }
            }
            // In-place Cholesky solve; a tiny ridge keeps λ = 0 solvable.
            for (int j = 0; j < f; j++) {
                double d = a[j * f + j] + 1e-9;
                for (int k = 0; k < j; k++) {
                    d -= a[j * f + k] * a[j * f + k];
                }
                d = Math.sqrt(Math.max(d, 1e-12));
                a[j * f + j] = d;
                for (int i = j + 1; i < f; i++) {
                    double s = a[i * f + j];
                    for (int k = 0; k < j; k++) {
                        s -= a[i * f + k] * a[j * f + k];
                    }
                    a[i * f + j] = s / d;
                }
            }
            for (int i = 0; i < f; i++) {
                double s = rhs[i];
                for (int k = 0; k < i; k++) {
                    s -= a[i * f + k] * xu[k];
                }
                xu[i] = s / a[i * f + i];
            }
            for (int i = f - 1; i >= 0; i--) {
                double s = xu[i];
                for (int k = i + 1; k < f; k++) {
                    s -= a[k * f + i] * xu[k];
                }
                xu[i] = s / a[i * f + i];
            }
        }
    }
}
