package io.cohortlm.recommend;

import io.cohortlm.data.AttributeColumn;
import io.cohortlm.data.Users;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Attribute ridge: a linear map, learned on the training users, from what is known about a user before any event
 * (their attributes) to a score for every item — the cold-start model that uses <em>all</em> attributes at once.
 * <p>Features: every categorical attribute one-hot over its levels with at least {@code minGroupUsers} training
 * users (rarer levels pool into "other"), every numeric attribute one-hot over {@code bands} quantile bands, a
 * missing value a level of its own (the groups of {@link DemographicPopularityRecommender}); with {@code pairs}
 * also the cells of the first two attributes, so the model can express what a pair says beyond its parts. Targets:
 * the user's training row, binary, divided by {@code |row|^rowNorm} so heavy users need not dominate. With the
 * features and targets centred over the training users, W = (XᵀX + λI)⁻¹ XᵀY and a user's scores are
 * ȳ + (x − x̄)ᵀW: the popularity of the training users plus what the user's attributes shift. λ shrinks thin
 * levels toward that popularity (a level seen by n users moves by about n/(n + λ) of its own deviation). A user
 * outside the users table, or a dataset with no usable attribute, gets ȳ — popularity.
 *
 * @param maxAttributes most attributes used, in [0, 16], in declaration order (0 = popularity)
 * @param minGroupUsers fewest training users for a categorical level to be a feature of its own, ≥ 1
 * @param bands         quantile bands of a numeric attribute, in [2, 20]
 * @param lambda        ridge penalty, in training users, &gt; 0
 * @param rowNorm       exponent of the per-user target normalisation, in [0, 1] (0 = binary targets)
 * @param pairs         whether the cells of the first two attributes are features too
 */
public record AttributeRidgeRecommender(int maxAttributes, int minGroupUsers, int bands, double lambda,
        double rowNorm, boolean pairs) implements Recommender {
    /** Most features (one-hot columns) the model builds; pair cells beyond it are left out. */
    static final int MAX_FEATURES = 2000;

    public AttributeRidgeRecommender {
        if (maxAttributes < 0 || maxAttributes > 16) {
            throw new IllegalArgumentException("maxAttributes must be in [0, 16], was " + maxAttributes);
        }
        if (minGroupUsers < 1) {
            throw new IllegalArgumentException("minGroupUsers must be ≥ 1, was " + minGroupUsers);
        }
        if (bands < 2 || bands > 20) {
            throw new IllegalArgumentException("bands must be in [2, 20], was " + bands);
        }
        if (!(lambda > 0) || Double.isInfinite(lambda)) {
            throw new IllegalArgumentException("lambda must be > 0 and finite, was " + lambda);
        }
        if (!(rowNorm >= 0 && rowNorm <= 1)) {
            throw new IllegalArgumentException("rowNorm must be in [0, 1], was " + rowNorm);
        }
    }

    /** Up to 8 attributes, levels of ≥ 20 users, 5 bands, λ = 100 users, binary targets, with pair cells. */
    public static AttributeRidgeRecommender defaults() {
        return new AttributeRidgeRecommender(8, 20, 5, 100, 0, true);
    }

    /** The defaults with another penalty, target normalisation and pair setting. */
    public static AttributeRidgeRecommender of(double lambda, double rowNorm, boolean pairs) {
        return new AttributeRidgeRecommender(8, 20, 5, lambda, rowNorm, pairs);
    }

    @Override
    public String name() {
        return "attribute-ridge";
    }

    @Override
    public String describe() {
        return "maxAttributes=" + maxAttributes + ", minGroupUsers=" + minGroupUsers + ", bands=" + bands
                + ", lambda=" + lambda + ", rowNorm=" + rowNorm + ", pairs=" + pairs;
    }

    /** The categorical or numeric attribute columns used for {@code users}, in declaration order (possibly none). */
    public List<AttributeColumn> columns(Users users) {
        return users == null ? new ArrayList<>() : DemographicPopularityRecommender.usable(users, maxAttributes);
    }

    @Override
    public Model fit(TrainingData data) {
        int n = data.userCount();
        int m = data.itemCount();
        boolean[] trained = new boolean[n];
        int trainedUsers = 0;
        for (int u = 0; u < n; u++) {
            trained[u] = data.matrix().rowLength(u) > 0;
            trainedUsers += trained[u] ? 1 : 0;
        }
        double[] ybar = new double[m];
        for (int u = 0; u < n; u++) {
            if (trained[u]) {
                double r = rowWeight(data, u, rowNorm);
                for (int p = data.matrix().rowStart(u); p < data.matrix().rowEnd(u); p++) {
                    ybar[data.matrix().col(p)] += r;
                }
            }
        }
        double users = Math.max(1, trainedUsers);
        for (int i = 0; i < m; i++) {
            ybar[i] /= users;
        }
        List<AttributeColumn> cols = columns(data.users());
        List<DemographicPopularityRecommender.Grouping> groupings = new ArrayList<>();
        for (AttributeColumn c : cols) {
            groupings.add(DemographicPopularityRecommender.Grouping.fit(c, trained, minGroupUsers, bands));
        }
        Features features = Features.of(groupings, pairs);
        Map<String, Object> diag = new LinkedHashMap<>();
        diag.put("attributes", cols.stream().map(AttributeColumn::name).toList());
        diag.put("features", features.dimension());
        diag.put("trainingUsers", trainedUsers);
        float[] base = new float[m];
        for (int i = 0; i < m; i++) {
            base[i] = (float) ybar[i];
        }
        if (features.dimension() == 0 || trainedUsers == 0) {
            return new Model(base, base, new float[0][], features, diag);
        }
        int d = features.dimension();
        double[] xbar = new double[d];
        double[][] gram = new double[d][d];
        double[][] b = new double[d][m];
        int[] f = new int[features.perUser()];
        for (int u = 0; u < n; u++) {
            if (!trained[u]) {
                continue;
            }
            int k = features.of(u, f);
            for (int a = 0; a < k; a++) {
                xbar[f[a]]++;
                for (int c = 0; c < k; c++) {
                    gram[f[a]][f[c]]++;
                }
            }
            double r = rowWeight(data, u, rowNorm);
            for (int p = data.matrix().rowStart(u); p < data.matrix().rowEnd(u); p++) {
                int i = data.matrix().col(p);
                for (int a = 0; a < k; a++) {
                    b[f[a]][i] += r;
                }
            }
        }
        for (int a = 0; a < d; a++) {
            xbar[a] /= users;
        }
        // Centre: XcᵀXc = XᵀX − N x̄x̄ᵀ, XcᵀYc = XᵀY − N x̄ȳᵀ.
        for (int a = 0; a < d; a++) {
            for (int c = 0; c < d; c++) {
                gram[a][c] -= users * xbar[a] * xbar[c];
            }
            gram[a][a] += lambda;
            for (int i = 0; i < m; i++) {
                b[a][i] -= users * xbar[a] * ybar[i];
            }
        }
        double[][] inv = SymmetricInverse.invert(gram, data.threads());
        float[][] w = new float[d][m];
        Workers.forEach(data.threads(), d, 1, a -> {
            double[] row = new double[m];
            for (int c = 0; c < d; c++) {
                double coef = inv[a][c];
                if (coef != 0) {
                    double[] bc = b[c];
                    for (int i = 0; i < m; i++) {
                        row[i] += coef * bc[i];
                    }
                }
            }
            for (int i = 0; i < m; i++) {
                w[a][i] = (float) row[i];
            }
        });
        float[] known = new float[m];
        for (int i = 0; i < m; i++) {
            double s = ybar[i];
            for (int a = 0; a < d; a++) {
                s -= xbar[a] * w[a][i];
            }
            known[i] = (float) s;
        }
        diag.put("lambda", lambda);
        return new Model(base, known, w, features, diag);
    }

    /** A target row's weight: 1 / |row|^γ. */
    private static double rowWeight(TrainingData data, int u, double gamma) {
        int len = data.matrix().rowLength(u);
        return gamma == 0 || len == 0 ? 1 : Math.pow(len, -gamma);
    }

    /** The one-hot layout: each attribute's groups, then (optionally) the cells of the first two. */
    record Features(List<DemographicPopularityRecommender.Grouping> groupings, int[] offsets, int pairOffset,
            int dimension) {
        static Features of(List<DemographicPopularityRecommender.Grouping> groupings, boolean pairs) {
            int[] offsets = new int[groupings.size()];
            int d = 0;
            for (int a = 0; a < groupings.size(); a++) {
                offsets[a] = d;
                d += groupings.get(a).count();
            }
            int pairOffset = -1;
            if (pairs && groupings.size() >= 2) {
                int cells = groupings.get(0).count() * groupings.get(1).count();
                if (d + cells <= MAX_FEATURES) {
                    pairOffset = d;
                    d += cells;
                }
            }
            return new Features(groupings, offsets, pairOffset, d);
        }

        int perUser() {
            return groupings.size() + (pairOffset >= 0 ? 1 : 0);
        }

        /** Writes user {@code u}'s active features into {@code out}; returns how many. */
        int of(int u, int[] out) {
            int k = 0;
            for (int a = 0; a < groupings.size(); a++) {
                out[k++] = offsets[a] + groupings.get(a).group(u);
            }
            if (pairOffset >= 0) {
                out[k++] = pairOffset + groupings.get(0).group(u) * groupings.get(1).count()
                        + groupings.get(1).group(u);
            }
            return k;
        }
    }

    /** The fitted map: popularity for unknown users, known base + the user's feature rows otherwise. */
    public static final class Model implements RecommenderModel {
        private final float[] popularity;
        private final float[] base;
        private final float[][] weights;
        private final Features features;
        private final Map<String, Object> diagnostics;

        Model(float[] popularity, float[] base, float[][] weights, Features features, Map<String, Object> diag) {
            this.popularity = popularity;
            this.base = base;
            this.weights = weights;
            this.features = features;
            this.diagnostics = Map.copyOf(diag);
        }

        @Override
        public int itemCount() {
            return popularity.length;
        }

        @Override
        public void score(UserQuery user, float[] out) {
            if (user.user() < 0 || weights.length == 0) {
                System.arraycopy(popularity, 0, out, 0, popularity.length);
                return;
            }
            System.arraycopy(base, 0, out, 0, base.length);
            int[] f = new int[features.perUser()];
            int k = features.of(user.user(), f);
            for (int a = 0; a < k; a++) {
                float[] w = weights[f[a]];
                for (int i = 0; i < out.length; i++) {
                    out[i] += w[i];
                }
            }
        }

        @Override
        public Map<String, Object> diagnostics() {
            return diagnostics;
        }
    }
}
