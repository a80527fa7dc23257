package io.cohortlm.recommend;

import io.cohortlm.data.AttributeColumn;
import io.cohortlm.data.AttributeKind;
import io.cohortlm.data.Users;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Demographic popularity: popularity within the user's demographic cell — the combination of a few
 * low-cardinality categorical user attributes (a missing value is a level of its own) — smoothed toward global
 * popularity (see {@link GroupPopularity}). With no usable attribute it is global popularity.
 *
 * @param attributes   categorical attribute names to combine; empty = every categorical attribute with at most
 *                     {@code maxLevels} levels, in declaration order, up to {@code maxAttributes}
 * @param maxLevels    largest level count of an automatically chosen attribute, in [2, 1000]
 * @param maxAttributes most attributes chosen automatically, in [1, 5]
 * @param smoothing    pseudo-count pulling a cell toward global popularity, ≥ 0
 */
public record DemographicPopularityRecommender(List<String> attributes, int maxLevels, int maxAttributes,
        double smoothing) implements Recommender {
    public DemographicPopularityRecommender {
        attributes = List.copyOf(Objects.requireNonNull(attributes, "attributes"));
        if (maxLevels < 2 || maxLevels > 1000) {
            throw new IllegalArgumentException("maxLevels must be in [2, 1000], was " + maxLevels);
        }
        if (maxAttributes < 1 || maxAttributes > 5) {
            throw new IllegalArgumentException("maxAttributes must be in [1, 5], was " + maxAttributes);
        }
        if (!(smoothing >= 0)) {
            throw new IllegalArgumentException("smoothing must be ≥ 0, was " + smoothing);
        }
    }

    public static DemographicPopularityRecommender defaults() {
        return new DemographicPopularityRecommender(List.of(), 20, 2, 50);
    }

    @Override
    public String name() {
        return "demographic-popularity";
    }

    @Override
    public String describe() {
        return "attributes=" + (attributes.isEmpty() ? "auto" : attributes) + ", smoothing=" + smoothing;
    }

    /** The attribute columns used for {@code users} (possibly none). */
    public List<AttributeColumn> columns(Users users) {
        List<AttributeColumn> out = new ArrayList<>();
        if (users == null) {
            return out;
        }
        if (!attributes.isEmpty()) {
            for (String a : attributes) {
                AttributeColumn c = users.column(a);
                if (c == null || c.kind() != AttributeKind.CATEGORICAL) {
                    throw new IllegalArgumentException("attributes must name categorical user attributes, was '"
                            + a + "'");
                }
                out.add(c);
            }
            return out;
        }
        for (AttributeColumn c : users.columns()) {
            if (c.kind() == AttributeKind.CATEGORICAL && c.levelCount() >= 2 && c.levelCount() <= maxLevels
                    && !c.spec().name().isEmpty() && out.size() < maxAttributes) {
                out.add(c);
            }
        }
        return out;
    }

    @Override
    public RecommenderModel fit(TrainingData data) {
        List<AttributeColumn> cols = columns(data.users());
        int[] radix = new int[cols.size()];
        int cells = 1;
        for (int a = 0; a < cols.size(); a++) {
            radix[a] = cols.get(a).levelCount() + 1;
            cells *= radix[a];
        }
        int n = data.userCount();
        int[] cell = new int[n];
        for (int u = 0; u < n; u++) {
            cell[u] = cellOf(cols, radix, u);
        }
        GroupPopularity g = GroupPopularity.fit(data, cell, cells, smoothing, 0);
        return new RecommenderModel() {
            @Override
            public int itemCount() {
                return g.itemCount();
            }

            @Override
            public void score(UserQuery user, float[] out) {
                g.scoreGroup(user.user() < 0 ? -1 : cellOf(cols, radix, user.user()), out);
            }
        };
    }

    private static int cellOf(List<AttributeColumn> cols, int[] radix, int u) {
        int c = 0;
        for (int a = 0; a < cols.size(); a++) {
            c = c * radix[a] + cols.get(a).code(u) + 1;
        }
        return c;
    }
}
