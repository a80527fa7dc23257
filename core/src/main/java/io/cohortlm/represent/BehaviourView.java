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
        UserItemMatrix raw = UserItemMatrix.of(data, weights);
        int n = raw.rows();
        int[] df = raw.itemUserCounts();
        double[] idf = new double[raw.cols()];
        for (int i = 0; i < idf.length; i++) {
            idf[i] = df[i] == 0 ? 0 : Math.log((1.0 + n) / df[i]);
        }
        UserItemMatrix x = raw.reweighted(idf, true).rowNormalized();
        int r = Math.max(1, Math.min(rank, Math.min(n, raw.cols()) - 1));
        TruncatedSvd.Result svd = new TruncatedSvd(r, 10, 3, seed).fit(x);
        float[][] vec = svd.scores();
        int empty = 0;
        for (int u = 0; u < n; u++) {
            if (x.rowStart(u) == x.rowEnd(u)) {
                java.util.Arrays.fill(vec[u], 0f);
                empty++;
            }
        }
        float[][] out = vec;
        if (svd.r() < rank) {
            out = new float[n][rank];
            for (int u = 0; u < n; u++) {
                System.arraycopy(vec[u], 0, out[u], 0, svd.r());
            }
        }
        Map<String, Object> diag = new LinkedHashMap<>();
        diag.put("nonzeros", x.nonZeros());
        diag.put("singular_values", svd.s());
        return new ViewVectors(name(), out, rank, empty, diag);
    }
}
