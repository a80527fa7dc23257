package io.cohortlm.recommend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cohortlm.data.AttributeColumn;
import io.cohortlm.data.AttributeKind;
import io.cohortlm.data.AttributeSpec;
import io.cohortlm.data.Dataset;
import io.cohortlm.data.Events;
import io.cohortlm.data.Items;
import io.cohortlm.data.Users;
import io.cohortlm.evaluate.RankingMetrics;
import io.cohortlm.represent.EventWeights;
import io.cohortlm.represent.UserItemMatrix;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Planted cold start: each of three attributes (two categorical, one numeric) decides a third of what a user takes,
 * each from its own block of the catalogue. Held-out users have attributes and no events.
 */
class AttributeRidgeTest {
    static final long SEED = 11;
    static final int USERS = 1500;
    static final int HELD_OUT = 300;
    static final int BLOCK = 20;
    static TrainingData train;
    static int[][] heldOutItems;

    @BeforeAll
    static void build() {
        SplittableRandom rnd = new SplittableRandom(SEED);
        Users us = new Users();
        AttributeColumn region = us.declare(new AttributeSpec("region", AttributeKind.CATEGORICAL, false));
        AttributeColumn plan = us.declare(new AttributeSpec("plan", AttributeKind.CATEGORICAL, false));
        AttributeColumn age = us.declare(new AttributeSpec("age", AttributeKind.NUMERIC, false));
        Items it = new Items();
        int items = 3 * 3 * BLOCK + 60;
        for (int i = 0; i < items; i++) {
            it.addRow("i" + i);
        }
        Events ev = new Events();
        byte purchase = ev.types().code("purchase");
        heldOutItems = new int[HELD_OUT][];
        for (int u = 0; u < USERS; u++) {
            us.addRow("u" + u);
            int r = rnd.nextInt(3);
            int p = rnd.nextInt(3);
            double a = 18 + rnd.nextDouble() * 60;
            int band = a < 38 ? 0 : a < 58 ? 1 : 2;
            region.setLevel(u, "r" + r);
            plan.setLevel(u, "p" + p);
            age.setNumber(u, a);
            int[] blocks = {r, 3 + p, 6 + band};
            List<Integer> mine = new ArrayList<>();
            long t = 1_600_000_000L;
            for (int e = 0; e < 12; e++) {
                int item = rnd.nextDouble() < 0.2 ? 9 * BLOCK + rnd.nextInt(60)
                        : blocks[e % 3] * BLOCK + PlantedData.zipf(rnd, BLOCK);
                if (u < HELD_OUT) {
                    mine.add(item);
                } else {
                    ev.add(u, item, purchase, Float.NaN, Float.NaN, t += 3600);
                }
            }
            if (u < HELD_OUT) {
                heldOutItems[u] = mine.stream().mapToInt(Integer::intValue).distinct().sorted().toArray();
            }
        }
        us.seal();
        Dataset data = new Dataset("planted-cold", us, it, ev);
        UserItemMatrix m = UserItemMatrix.of(data, EventWeights.defaults());
        int[] none = new int[m.rows()];
        Arrays.fill(none, -1);
        train = new TrainingData(m, null, us, none, 0, null, null, null, 2, SEED);
    }

    static double coldRecall(RecommenderModel model) {
        double s = 0;
        for (int u = 0; u < HELD_OUT; u++) {
            int[] top = model.recommend(new UserQuery(u, new int[0], new float[0], -1, null, false), 10, true);
            s += RankingMetrics.recall(top, heldOutItems[u], 10);
        }
        return s / HELD_OUT;
    }

    @Test
    void ridge_uses_every_attribute_where_demographic_popularity_stops_at_two() {
        double pop = coldRecall(new PopularityRecommender().fit(train));
        double demo = coldRecall(DemographicPopularityRecommender.defaults().fit(train));
        AttributeRidgeRecommender.Model ridge = AttributeRidgeRecommender.defaults().fit(train);
        double r = coldRecall(ridge);
        assertEquals(List.of("region", "plan", "age"), ridge.diagnostics().get("attributes"));
        assertTrue(demo > pop * 1.2, "seed " + SEED + ": demographic popularity " + demo + " vs popularity " + pop);
        assertTrue(r > demo * 1.1, "seed " + SEED + ": attribute ridge " + r + " vs demographic popularity " + demo
                + " (popularity " + pop + ")");
    }

    @Test
    void an_unknown_user_or_no_attribute_gets_popularity() {
        float[] pop = new float[train.itemCount()];
        new PopularityRecommender().fit(train).score(new UserQuery(-1, new int[0], new float[0], -1, null, false), pop);
        float[] unknown = new float[train.itemCount()];
        AttributeRidgeRecommender.defaults().fit(train).score(new UserQuery(-1, new int[0], new float[0], -1, null,
                false), unknown);
        assertArrayEquals(TopK.select(pop, 20, null), TopK.select(unknown, 20, null));
        float[] none = new float[train.itemCount()];
        new AttributeRidgeRecommender(0, 20, 5, 100, 0, true).fit(train).score(new UserQuery(5, new int[0],
                new float[0], -1, null, false), none);
        assertArrayEquals(TopK.select(pop, 20, null), TopK.select(none, 20, null));
    }

    @Test
    void a_larger_penalty_pulls_every_user_toward_popularity() {
        // The popularity of the training users (ȳ): what the model serves a user outside the users table.
        float[] pop = new float[train.itemCount()];
        AttributeRidgeRecommender.defaults().fit(train).score(new UserQuery(-1, new int[0], new float[0], -1, null,
                false), pop);
        UserQuery q = new UserQuery(7, new int[0], new float[0], -1, null, false);
        double previous = Double.POSITIVE_INFINITY;
        for (double lambda : new double[] {1, 100, 10_000, 1_000_000}) {
            float[] s = new float[train.itemCount()];
            AttributeRidgeRecommender.of(lambda, 0, true).fit(train).score(q, s);
            double dist = 0;
            for (int i = 0; i < s.length; i++) {
                dist += (s[i] - pop[i]) * (s[i] - pop[i]);
            }
            assertTrue(dist < previous, "lambda " + lambda + ": distance to popularity " + dist + " ≥ " + previous);
            previous = dist;
        }
        assertTrue(previous < 1e-6, "λ = 1e6 still far from popularity: " + previous);
    }
}
