package io.cohortlm.recommend;

import io.cohortlm.represent.UserItemMatrix;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * EASE (Steck 2019, "Embarrassingly Shallow Autoencoders for Sparse Data"): with binary X and G = XᵀX,
 * P = (G + λI)⁻¹ and B = I − P·diag(1/diag(P)), i.e. B[i][j] = −P[i][j]/P[j][j] off the diagonal and 0 on it;
 * a user's scores are x_u·B. The inverse is a dense Cholesky ({@link SymmetricInverse}), so cost grows as n³ in
 * the catalogue: beyond {@code maxItems} only the most popular items are modelled (logged and reported in the
 * diagnostics); the others rank below every modelled item.
 *
 * @param lambda   L2 regularisation λ, &gt; 0
 * @param maxItems the most items modelled, in [2, 50000]
 */
public record EaseRecommender(double lambda, int maxItems) implements Recommender {
    private static final Logger LOG = LoggerFactory.getLogger(EaseRecommender.class);

    public EaseRecommender {
        if (!(lambda > 0)) {
            throw new IllegalArgumentException("lambda must be > 0, was " + lambda);
        }
        if (maxItems < 2 || maxItems > 50000) {
            throw new IllegalArgumentException("maxItems must be in [2, 50000], was " + maxItems);
        }
    }

    public static EaseRecommender defaults() {
        return new EaseRecommender(400, 6000);
    }

    @Override
    public String name() {
        return "ease";
    }

    @Override
    public String describe() {
        return "lambda=" + lambda + ", maxItems=" + maxItems;
    }

    @Override
    public RecommenderModel fit(TrainingData data) {
        long t0 = System.nanoTime();
        UserItemMatrix x = data.matrix();
        int m = x.cols();
        int[] df = x.itemUserCounts();
        // Modelled items: all, or the maxItems most popular (ties to the lower index).
        int[] kept;
        if (m <= maxItems) {
            kept = new int[m];
            for (int i = 0; i < m; i++) {
                kept[i] = i;
            }
        } else {
            float[] pop = new float[m];
            for (int i = 0; i < m; i++) {
                pop[i] = df[i];
            }
            kept = TopK.select(pop, maxItems, null);
            Arrays.sort(kept);
            LOG.warn("ease: catalogue of {} items capped to the {} most popular (maxItems); the other {} items are"
                    + " ranked below every modelled item", m, maxItems, m - maxItems);
        }
        int n = kept.length;
        int[] slot = new int[m];
        Arrays.fill(slot, -1);
        for (int s = 0; s < n; s++) {
            slot[kept[s]] = s;
        }
        // Column view restricted to modelled items: item slot -> users.
        int[] colStart = new int[n + 1];
        for (int p = 0; p < x.nonZeros(); p++) {
            int s = slot[x.col(p)];
            if (s >= 0) {
                colStart[s + 1]++;
            }
        }
        for (int s = 0; s < n; s++) {
            colStart[s + 1] += colStart[s];
        }
        int[] fill = Arrays.copyOf(colStart, n);
        int[] colUsers = new int[colStart[n]];
        for (int u = 0; u < x.rows(); u++) {
            for (int p = x.rowStart(u); p < x.rowEnd(u); p++) {
                int s = slot[x.col(p)];
                if (s >= 0) {
                    colUsers[fill[s]++] = u;
                }
            }
        }
        // G = XᵀX (lower triangle; counts are exact in double, so the order of summation is irrelevant).
        double[][] g = new double[n][n];
        Workers.forEach(data.threads(), n, 8, a -> {
            double[] ga = g[a];
            for (int q = colStart[a]; q < colStart[a + 1]; q++) {
                int u = colUsers[q];
                for (int p = x.rowStart(u); p < x.rowEnd(u); p++) {
                    int b = slot[x.col(p)];
                    if (b >= 0 && b <= a) {
                        ga[b] += 1;
                    }
                }
            }
            ga[a] += lambda;
        });
        long t1 = System.nanoTime();
        double[][] p = SymmetricInverse.invert(g, data.threads());
        long t2 = System.nanoTime();
        float[][] b = new float[n][n];
        Workers.forEach(data.threads(), n, 8, i -> {
            double[] pi = p[i];
            float[] bi = b[i];
            for (int j = 0; j < n; j++) {
                bi[j] = i == j ? 0f : (float) (-pi[j] / p[j][j]);
            }
        });
        Map<String, Object> diag = new LinkedHashMap<>();
        diag.put("items", m);
        diag.put("modelledItems", n);
        diag.put("capped", m > n);
        diag.put("gramSeconds", (t1 - t0) / 1e9);
        diag.put("inverseSeconds", (t2 - t1) / 1e9);
        return new Model(b, kept, slot, new Fallback(data), diag);
    }

    /** Fitted EASE: the item-item weight matrix B over the modelled items. */
    static final class Model implements RecommenderModel {
        private final float[][] b;
        private final int[] kept;
        private final int[] slot;
        private final Fallback fallback;
        private final Map<String, Object> diagnostics;

        Model(float[][] b, int[] kept, int[] slot, Fallback fallback, Map<String, Object> diagnostics) {
            this.b = b;
            this.kept = kept;
            this.slot = slot;
            this.fallback = fallback;
            this.diagnostics = Map.copyOf(diagnostics);
        }

        @Override
        public int itemCount() {
            return slot.length;
        }

        @Override
        public Map<String, Object> diagnostics() {
            return diagnostics;
        }

        @Override
        public void score(UserQuery user, float[] out) {
            int m = slot.length;
            int n = kept.length;
            boolean any = false;
            float[] acc = new float[n];
            for (int i : user.items()) {
                int s = slot[i];
                if (s >= 0) {
                    any = true;
                    float[] bi = b[s];
                    for (int j = 0; j < n; j++) {
                        acc[j] += bi[j];
                    }
                }
            }
            if (!any) {
                fallback.popularity(out);
                return;
            }
            float min = Float.POSITIVE_INFINITY;
            for (int j = 0; j < n; j++) {
                min = Math.min(min, acc[j]);
            }
            Arrays.fill(out, 0, m, min - 1);
            for (int j = 0; j < n; j++) {
                out[kept[j]] = acc[j];
            }
            fallback.tieBreak(out);
        }
    }
}
