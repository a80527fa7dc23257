package io.cohortlm.represent;

import io.cohortlm.data.Dataset;
import io.cohortlm.reduce.TruncatedSvd;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Behaviour view: a collaborative embedding of the interaction matrix — weighted events summed per (user,
 * item), log-damped, items weighted by inverse user frequency (popular items say less), rows L2-normalised, then
 * a randomized truncated SVD; a user's vector is their row of U·Σ. Users with no events get a zero row.
 *
 * @param rank    SVD rank (vector dimension), ≥ 1
 * @param weights event weighting
 * @param seed    SVD sketch seed
 */
public record BehaviourView(int rank, EventWeights weights, long seed) implements UserView {
    public BehaviourView {
        if (rank < 1) {
            throw new IllegalArgumentException("rank must be ≥ 1, was " + rank);
        }
        java.util.Objects.requireNonNull(weights, "weights");
    }

    @Override
    public String name() {
        return "behaviour";
    }

    @Override
    public ViewVectors compute(Dataset data) {
        return fit(data).vectors();
    }

    /** The vectors and the fitted projection (which {@link FittedRepresentation} keeps to fold new users in). */
    public record Fitted(ViewVectors vectors, BehaviourProjection projection) {
    }

    /**
     * Fits the SVD and projects every user. A user's vector is their row projected onto V (x·V), which equals
     * their row of U·Σ up to the randomized SVD's approximation error and is exactly what a folded-in user gets.
     */
    public Fitted fit(Dataset data) {
        UserItemMatrix raw = UserItemMatrix.of(data, weights);
        int n = raw.rows();
        int m = raw.cols();
        int[] df = raw.itemUserCounts();
        float[] idf = new float[m];
        double[] idfD = new double[m];
        for (int i = 0; i < m; i++) {
            idfD[i] = df[i] == 0 ? 0 : Math.log((1.0 + n) / df[i]);
            idf[i] = (float) idfD[i];
        }
        UserItemMatrix x = raw.reweighted(idfD, true).rowNormalized();
        int r = Math.max(1, Math.min(rank, Math.min(n, m) - 1));
        TruncatedSvd.Result svd = new TruncatedSvd(r, 10, 3, seed).fit(x);
        float[] v = new float[m * rank];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < svd.r(); j++) {
                v[i * rank + j] = (float) svd.v()[i * svd.r() + j];
            }
        }
        BehaviourProjection projection = new BehaviourProjection(idf, v, rank);
        float[][] out = new float[n][rank];
        int empty = 0;
        int[] cols = new int[16];
        float[] w = new float[16];
        for (int u = 0; u < n; u++) {
            int a = raw.rowStart(u);
            int len = raw.rowEnd(u) - a;
            if (cols.length < len) {
                cols = new int[len * 2];
                w = new float[len * 2];
            }
            for (int p = 0; p < len; p++) {
                cols[p] = raw.col(a + p);
                w[p] = raw.value(a + p);
            }
            if (!projection.project(cols, w, 0, len, out[u])) {
                empty++;
            }
        }
        Map<String, Object> diag = new LinkedHashMap<>();
        diag.put("nonzeros", x.nonZeros());
        diag.put("singular_values", svd.s());
        return new Fitted(new ViewVectors(name(), out, rank, empty, diag), projection);
    }
}
