package io.cohortlm.recommend;

import io.cohortlm.data.AttributeColumn;
import io.cohortlm.data.AttributeKind;
import io.cohortlm.data.Users;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Demographic popularity: popularity within the user's demographic cell, with back-off.
 * <p>Each attribute becomes a small set of groups: a categorical attribute keeps its levels that have at least
 * {@code minGroupUsers} training users and pools the rest into one "other" group; a numeric attribute is cut
 * into {@code bands} quantile bands of the training users; a missing value is a group of its own. With one
 * attribute a group's popularity is smoothed toward global popularity, p_a(i) = (n_a(i) + β·p(i)) / (N_a + β);
 * with two, a cell (a, b) is smoothed toward the mean of its two one-attribute groups,
 * p_ab(i) = (n_ab(i) + β·(p_a(i) + p_b(i))/2) / (N_ab + β), so a thin cell backs off to what each attribute
 * says alone. With no usable attribute it is global popularity — which is also a tuning candidate, so on
 * validation the method can never pick something worse than popularity.
 *
 * @param attributes    user attribute names to use (categorical or numeric); empty = automatic: the first
 *                      {@code maxAttributes} categorical or numeric attributes in declaration order
 * @param maxAttributes most attributes combined, in [0, 2] (0 = global popularity)
 * @param minGroupUsers fewest training users for a categorical level to be a group of its own, ≥ 1
 * @param bands         quantile bands of a numeric attribute, in [2, 20]
 * @param smoothing     pseudo-count β of the back-off, ≥ 0
 */
public record DemographicPopularityRecommender(List<String> attributes, int maxAttributes, int minGroupUsers,
        int bands, double smoothing) implements Recommender {
    public DemographicPopularityRecommender {
        attributes = List.copyOf(Objects.requireNonNull(attributes, "attributes"));
        if (maxAttributes < 0 || maxAttributes > 2) {
            throw new IllegalArgumentException("maxAttributes must be in [0, 2], was " + maxAttributes);
        }
        if (attributes.size() > 2) {
            throw new IllegalArgumentException("attributes must name at most 2 attributes, was " + attributes);
        }
        if (minGroupUsers < 1) {
            throw new IllegalArgumentException("minGroupUsers must be ≥ 1, was " + minGroupUsers);
        }
        if (bands < 2 || bands > 20) {
            throw new IllegalArgumentException("bands must be in [2, 20], was " + bands);
        }
        if (!(smoothing >= 0)) {
            throw new IllegalArgumentException("smoothing must be ≥ 0, was " + smoothing);
        }
    }

    /** Automatic attributes (up to 2), groups of ≥ 20 users, 5 bands, β = 50. */
    public static DemographicPopularityRecommender defaults() {
        return new DemographicPopularityRecommender(List.of(), 2, 20, 5, 50);
    }

    /** The defaults with another number of attributes and smoothing. */
    public static DemographicPopularityRecommender of(int maxAttributes, double smoothing) {
        return new DemographicPopularityRecommender(List.of(), maxAttributes, 20, 5, smoothing);
    }

    @Override
    public String name() {
        return "demographic-popularity";
    }

    @Override
    public String describe() {
        return "attributes=" + (attributes.isEmpty() ? "auto" : attributes) + ", maxAttributes=" + maxAttributes
                + ", minGroupUsers=" + minGroupUsers + ", bands=" + bands + ", smoothing=" + smoothing;
    }

    /** The attribute columns used for {@code users} (possibly none). */
    public List<AttributeColumn> columns(Users users) {
        List<AttributeColumn> out = new ArrayList<>();
        if (users == null || maxAttributes == 0) {
            return out;
        }
        if (!attributes.isEmpty()) {
            for (String a : attributes) {
                AttributeColumn c = users.column(a);
                if (c == null || c.kind() == AttributeKind.TEXT) {
                    throw new IllegalArgumentException("attributes must name categorical or numeric user attributes,"
                            + " was '" + a + "'");
                }
                out.add(c);
            }
            return out.subList(0, Math.min(out.size(), maxAttributes));
        }
        return usable(users, maxAttributes);
    }

    /**
     * The first {@code max} named attribute columns a recommender can split on, in declaration order: numeric ones
     * and categorical ones with ≥ 2 levels.
     */
    static List<AttributeColumn> usable(Users users, int max) {
        List<AttributeColumn> out = new ArrayList<>();
        for (AttributeColumn c : users.columns()) {
            boolean usable = c.kind() == AttributeKind.NUMERIC
                    || (c.kind() == AttributeKind.CATEGORICAL && c.levelCount() >= 2);
            if (usable && !c.spec().name().isEmpty() && out.size() < max) {
                out.add(c);
            }
        }
        return out;
    }

    @Override
    public RecommenderModel fit(TrainingData data) {
        List<AttributeColumn> cols = columns(data.users());
        int n = data.userCount();
        boolean[] trained = new boolean[n];
        for (int u = 0; u < n; u++) {
            trained[u] = data.matrix().rowLength(u) > 0;
        }
        List<Grouping> groupings = new ArrayList<>();
        for (AttributeColumn c : cols) {
            groupings.add(Grouping.fit(c, trained, minGroupUsers, bands));
        }
        if (groupings.isEmpty()) {
            int[] none = new int[n];
            Arrays.fill(none, -1);
            GroupPopularity g = GroupPopularity.fit(data, none, 0, smoothing, 0);
            return model(g, u -> -1);
        }
        int[][] single = new int[groupings.size()][n];
        for (int a = 0; a < groupings.size(); a++) {
            for (int u = 0; u < n; u++) {
                single[a][u] = groupings.get(a).group(u);
            }
        }
        GroupPopularity first = GroupPopularity.fit(data, single[0], groupings.get(0).count(), smoothing, 0);
        if (groupings.size() == 1) {
            Grouping g0 = groupings.get(0);
            return model(first, g0::group);
        }
        GroupPopularity second = GroupPopularity.fit(data, single[1], groupings.get(1).count(), smoothing, 0);
        Grouping g0 = groupings.get(0);
        Grouping g1 = groupings.get(1);
        int c1 = g1.count();
        int cells = g0.count() * c1;
        int[] cell = new int[n];
        for (int u = 0; u < n; u++) {
            cell[u] = g0.group(u) * c1 + g1.group(u);
        }
        int m = data.itemCount();
        float[][] prior = new float[cells][];
        float[] a = new float[m];
        float[] b = new float[m];
        for (int c = 0; c < cells; c++) {
            first.scoreGroup(c / c1, a);
            second.scoreGroup(c % c1, b);
            float[] p = new float[m];
            for (int i = 0; i < m; i++) {
                p[i] = 0.5f * (a[i] + b[i]);
            }
            prior[c] = p;
        }
        GroupPopularity pair = GroupPopularity.fitWithPrior(data, cell, cells, smoothing, prior);
        return model(pair, u -> g0.group(u) * c1 + g1.group(u));
    }

    private static RecommenderModel model(GroupPopularity g, java.util.function.IntUnaryOperator groupOf) {
        return new RecommenderModel() {
            @Override
            public int itemCount() {
                return g.itemCount();
            }

            @Override
            public void score(UserQuery user, float[] out) {
                g.scoreGroup(user.user() < 0 ? -1 : groupOf.applyAsInt(user.user()), out);
            }
        };
    }

    /**
     * One attribute's groups: categorical levels with enough training users keep their own group, the rest pool
     * into "other"; numbers fall into quantile bands; the last group is "missing".
     */
    record Grouping(AttributeColumn column, int[] levelGroup, double[] cuts, int count) {
        static Grouping fit(AttributeColumn c, boolean[] trained, int minUsers, int bands) {
            int n = trained.length;
            if (c.kind() == AttributeKind.CATEGORICAL) {
                int[] users = new int[c.levelCount()];
                for (int u = 0; u < n; u++) {
                    if (trained[u] && c.code(u) >= 0) {
                        users[c.code(u)]++;
                    }
                }
                int[] lg = new int[c.levelCount()];
                int next = 0;
                for (int l = 0; l < lg.length; l++) {
                    lg[l] = users[l] >= minUsers ? next++ : -1;
                }
                int other = next;
                for (int l = 0; l < lg.length; l++) {
                    if (lg[l] < 0) {
                        lg[l] = other;
                    }
                }
                return new Grouping(c, lg, null, other + 2);
            }
            double[] values = new double[n];
            int k = 0;
            for (int u = 0; u < n; u++) {
                double v = c.number(u);
                if (trained[u] && !Double.isNaN(v)) {
                    values[k++] = v;
                }
            }
            double[] sorted = Arrays.copyOf(values, k);
            Arrays.sort(sorted);
            double[] cuts = new double[bands - 1];
            for (int b = 1; b < bands; b++) {
                cuts[b - 1] = k == 0 ? 0 : sorted[Math.min(k - 1, (int) ((long) b * k / bands))];
            }
            return new Grouping(c, null, cuts, bands + 1);
        }

        /** The group of user {@code u}, in [0, count). */
        int group(int u) {
            if (column.isMissing(u)) {
                return count - 1;
            }
            if (levelGroup != null) {
                return levelGroup[column.code(u)];
            }
            double v = column.number(u);
            int b = 0;
            while (b < cuts.length && v >= cuts[b]) {
                b++;
            }
            return b;
        }
    }
}
