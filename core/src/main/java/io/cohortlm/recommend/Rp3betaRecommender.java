package io.cohortlm.recommend;

import io.cohortlm.represent.UserItemMatrix;
import java.util.Arrays;

/**
 * RP3beta (Paudel, Christoffel, Newell &amp; Bernstein 2016, "Updatable, accurate, diverse, and scalable
 * recommendations for interactive applications"; tuned as in Dacrema, Cremonesi &amp; Jannach 2019): a three-step
 * random walk item → user → item on the binary interaction graph with transition probabilities raised to
 * {@code alpha}, each target item's weight divided by its popularity to the power {@code beta}:
 * W[i][j] = deg(j)^−β · Σ_{u ∈ U_i ∩ U_j} (1/deg(i))^α (1/deg(u))^α. Each item keeps its {@code neighbours}
 * largest weights; a user's score for j sums W[i][j] over their history (so few-shot users fold in exactly).
 *
 * @param neighbours weights kept per item, in [1, 10000]
 * @param alpha      exponent of the transition probabilities, in [0, 3]
 * @param beta       popularity penalty, in [0, 2]
 */
public record Rp3betaRecommender(int neighbours, double alpha, double beta) implements Recommender {
    public Rp3betaRecommender {
        if (neighbours < 1 || neighbours > 10000) {
            throw new IllegalArgumentException("neighbours must be in [1, 10000], was " + neighbours);
        }
        if (!(alpha >= 0 && alpha <= 3)) {
            throw new IllegalArgumentException("alpha must be in [0, 3], was " + alpha);
        }
        if (!(beta >= 0 && beta <= 2)) {
            throw new IllegalArgumentException("beta must be in [0, 2], was " + beta);
        }
    }

    /** K = 100, α = 1, β = 0.3. */
    public static Rp3betaRecommender defaults() {
        return new Rp3betaRecommender(100, 1.0, 0.3);
    }

    @Override
    public String name() {
        return "rp3beta";
    }

    @Override
    public String describe() {
        return "neighbours=" + neighbours + ", alpha=" + alpha + ", beta=" + beta;
    }

    @Override
    public RecommenderModel fit(TrainingData data) {
        UserItemMatrix x = data.matrix();
        int m = x.cols();
        int n = x.rows();
        ItemColumns cols = ItemColumns.of(x);
        double[] userStep = new double[n];
        for (int u = 0; u < n; u++) {
            int len = x.rowLength(u);
            userStep[u] = len == 0 ? 0 : Math.pow(1.0 / len, alpha);
        }
        double[] popPenalty = new double[m];
        for (int j = 0; j < m; j++) {
            int df = cols.degree(j);
            popPenalty[j] = df == 0 ? 0 : Math.pow(df, -beta);
        }
        int k = Math.min(neighbours, Math.max(1, m - 1));
        int[][] nbr = new int[m][];
        float[][] w = new float[m][];
        ThreadLocal<double[]> acc = ThreadLocal.withInitial(() -> new double[m]);
        ThreadLocal<float[]> buf = ThreadLocal.withInitial(() -> new float[m]);
        Workers.forEach(data.threads(), m, 16, i -> {
            double[] a = acc.get();
            Arrays.fill(a, 0);
            int di = cols.degree(i);
            if (di == 0) {
                nbr[i] = new int[0];
                w[i] = new float[0];
                return;
            }
            double first = Math.pow(1.0 / di, alpha);
            for (int q = cols.start(i); q < cols.end(i); q++) {
                int u = cols.user(q);
                double s = first * userStep[u];
                for (int p = x.rowStart(u); p < x.rowEnd(u); p++) {
                    a[x.col(p)] += s;
                }
            }
            a[i] = 0;
            float[] f = buf.get();
            for (int j = 0; j < m; j++) {
                f[j] = (float) (a[j] * popPenalty[j]);
            }
            int[] top = TopK.select(f, k, null);
            int len = 0;
            while (len < top.length && f[top[len]] > 0) {
                len++;
            }
            nbr[i] = Arrays.copyOf(top, len);
            w[i] = new float[len];
            for (int t = 0; t < len; t++) {
                w[i][t] = f[top[t]];
            }
        });
        return new NeighbourModel(nbr, w, new Fallback(data));
    }
}
