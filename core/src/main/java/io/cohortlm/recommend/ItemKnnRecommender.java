package io.cohortlm.recommend;

import io.cohortlm.represent.UserItemMatrix;

/**
 * Item-item k-nearest-neighbours on binary interactions (Sarwar et al. 2001; Deshpande &amp; Karypis 2004):
 * sim(i, j) = |U_i ∩ U_j| / (√(|U_i|·|U_j|) + shrinkage), keeping each item's {@code neighbours} most similar
 * items; a user's score for j sums sim(i, j) over the items i in their history.
 *
 * @param neighbours K, neighbours kept per item, in [1, 10000]
 * @param shrinkage  shrinkage added to the cosine denominator, ≥ 0 (damps similarities backed by few users)
 */
public record ItemKnnRecommender(int neighbours, double shrinkage) implements Recommender {
    public ItemKnnRecommender {
        if (neighbours < 1 || neighbours > 10000) {
            throw new IllegalArgumentException("neighbours must be in [1, 10000], was " + neighbours);
        }
        if (!(shrinkage >= 0)) {
            throw new IllegalArgumentException("shrinkage must be ≥ 0, was " + shrinkage);
        }
    }

    public static ItemKnnRecommender defaults() {
        return new ItemKnnRecommender(100, 10);
    }

    @Override
    public String name() {
        return "itemknn";
    }

    @Override
    public String describe() {
        return "neighbours=" + neighbours + ", shrinkage=" + shrinkage;
    }

    @Override
    public RecommenderModel fit(TrainingData data) {
        UserItemMatrix x = data.matrix();
        int m = x.cols();
        int n = x.rows();
        ItemColumns cols = ItemColumns.of(x);
        int[] df = new int[m];
        for (int i = 0; i < m; i++) {
            df[i] = cols.degree(i);
        }
        int k = Math.min(neighbours, Math.max(1, m - 1));
        int[][] nbr = new int[m][];
        float[][] sim = new float[m][];
        ThreadLocal<float[]> acc = ThreadLocal.withInitial(() -> new float[m]);
        Workers.forEach(data.threads(), m, 16, i -> {
            float[] a = acc.get();
            java.util.Arrays.fill(a, 0);
            for (int q = cols.start(i); q < cols.end(i); q++) {
                int u = cols.user(q);
                for (int p = x.rowStart(u); p < x.rowEnd(u); p++) {
                    a[x.col(p)] += 1;
                }
            }
            a[i] = 0;
            for (int j = 0; j < m; j++) {
                if (a[j] > 0) {
                    a[j] = (float) (a[j] / (Math.sqrt((double) df[i] * df[j]) + shrinkage));
                }
            }
            int[] top = TopK.select(a, k, null);
            int len = 0;
            while (len < top.length && a[top[len]] > 0) {
                len++;
            }
            nbr[i] = java.util.Arrays.copyOf(top, len);
            sim[i] = new float[len];
            for (int t = 0; t < len; t++) {
                sim[i][t] = a[top[t]];
            }
        });
        return new NeighbourModel(nbr, sim, new Fallback(data));
    }
}
