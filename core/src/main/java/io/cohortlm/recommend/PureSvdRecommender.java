package io.cohortlm.recommend;

import io.cohortlm.reduce.TruncatedSvd;
import io.cohortlm.represent.UserItemMatrix;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * PureSVD (Cremonesi, Koren &amp; Turrin 2010, "Performance of recommender algorithms on top-N recommendation
 * tasks"): a rank-{@code factors} truncated SVD of the binary interaction matrix X ≈ U·Σ·Vᵀ; a user's scores are
 * x·V·Vᵀ, so any history — a training row, a few-shot prefix — folds in without refitting. The randomized SVD
 * ({@link TruncatedSvd}) is seeded from the training data's seed. Unlike EASE its cost grows linearly in the
 * catalogue, so it also serves catalogues beyond EASE's dense limit.
 *
 * @param factors SVD rank, in [1, 2000]
 */
public record PureSvdRecommender(int factors) implements Recommender {
    public PureSvdRecommender {
        if (factors < 1 || factors > 2000) {
            throw new IllegalArgumentException("factors must be in [1, 2000], was " + factors);
        }
    }

    /** 50 factors. */
    public static PureSvdRecommender defaults() {
        return new PureSvdRecommender(50);
    }

    @Override
    public String name() {
        return "puresvd";
    }

    @Override
    public String describe() {
        return "factors=" + factors;
    }

    @Override
    public RecommenderModel fit(TrainingData data) {
        long t0 = System.nanoTime();
        UserItemMatrix x = data.matrix().binary();
        int m = x.cols();
        int r = Math.max(1, Math.min(factors, Math.min(x.rows(), m) - 1));
        TruncatedSvd.Result svd = new TruncatedSvd(r, 10, 3, data.seed() * 31 + 11).fit(x);
        int rr = svd.r();
        float[] v = new float[m * rr];
        for (int p = 0; p < v.length; p++) {
            v[p] = (float) svd.v()[p];
        }
        Map<String, Object> diag = new LinkedHashMap<>();
        diag.put("factors", rr);
        diag.put("seconds", (System.nanoTime() - t0) / 1e9);
        return new Model(v, rr, m, new Fallback(data), diag);
    }

    /** Fitted PureSVD: the item factors V (items × r, row-major). */
    static final class Model implements RecommenderModel {
        private final float[] v;
        private final int r;
        private final int m;
        private final Fallback fallback;
        private final Map<String, Object> diagnostics;

        Model(float[] v, int r, int m, Fallback fallback, Map<String, Object> diagnostics) {
            this.v = v;
            this.r = r;
            this.m = m;
            this.fallback = fallback;
            this.diagnostics = Map.copyOf(diagnostics);
        }

        @Override
        public int itemCount() {
            return m;
        }

        @Override
        public Map<String, Object> diagnostics() {
            return diagnostics;
        }

        @Override
        public void score(UserQuery user, float[] out) {
            if (user.items().length == 0) {
                fallback.popularity(out);
                return;
            }
            float[] z = new float[r];
            for (int i : user.items()) {
                int o = i * r;
                for (int j = 0; j < r; j++) {
                    z[j] += v[o + j];
                }
            }
            for (int i = 0; i < m; i++) {
                out[i] = SymmetricInverse.VECTOR ? VectorDot.dot(z, 0, v, i * r, r) : dot(z, v, i * r, r);
            }
            fallback.tieBreak(out);
        }

        private static float dot(float[] z, float[] v, int o, int r) {
            float s = 0;
            for (int j = 0; j < r; j++) {
                s += z[j] * v[o + j];
            }
            return s;
        }
    }
}
