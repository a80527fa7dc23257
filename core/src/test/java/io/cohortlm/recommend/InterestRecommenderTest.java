package io.cohortlm.recommend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cohortlm.evaluate.EvalCase;
import io.cohortlm.evaluate.Split;
import io.cohortlm.evaluate.Splits;
import io.cohortlm.represent.EventWeights;
import io.cohortlm.represent.UserItemMatrix;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The stated-interest path on planted data: tastes live in item blocks that the item vectors know, users carry no
 * attribute that reveals them to the prior (popularity), and a statement about a user's first items is simulated
 * as the mean of those items' vectors plus noise (a stand-in encoder).
 */
class InterestRecommenderTest {
    static final long SEED = 11;
    static PlantedData planted;
    static TrainingData train;
    static List<EvalCase> textCases;
    static StatedInterests simulate;

    @BeforeAll
    static void build() {
        planted = new PlantedData(600, 240, 6, 12, 0.8, SEED);
        UserItemMatrix full = UserItemMatrix.of(planted.data, EventWeights.defaults());
        long[] times = full.firstTimes(planted.data);
        Split split = Splits.coldFewshotText(full, times, 0.2, 3, 3, SEED);
        textCases = split.cases().stream().filter(c -> c.protocol().equals("text")).toList();
        UserItemMatrix m = full.select(p -> split.train()[p]);
        long[] trainTimes = new long[m.nonZeros()];
        int o = 0;
        for (int p = 0; p < times.length; p++) {
            if (split.train()[p]) {
                trainTimes[o++] = times[p];
            }
        }
        int[] none = new int[full.rows()];
        Arrays.fill(none, -1);
        train = new TrainingData(m, trainTimes, null, none, 0, null, planted.itemVectors, null, 2, SEED);
        simulate = sets -> {
            float[][] out = new float[sets.size()][];
            for (int s = 0; s < sets.size(); s++) {
                int d = planted.itemVectors[0].length;
                float[] v = new float[d];
                for (int i : sets.get(s)) {
                    for (int k = 0; k < d; k++) {
                        v[k] += planted.itemVectors[i][k];
                    }
                }
                // A statement is not the items themselves: perturb it deterministically.
                java.util.SplittableRandom r = new java.util.SplittableRandom(Arrays.hashCode(sets.get(s)));
                for (int k = 0; k < d; k++) {
                    v[k] += (float) (0.3 * r.nextGaussian());
                }
                out[s] = v;
            }
            return out;
        };
    }

    static double ndcg(RecommenderModel model, int stated) {
        List<int[]> sets = new ArrayList<>();
        List<EvalCase> cases = textCases.stream().filter(c -> c.shots() == stated).toList();
        for (EvalCase c : cases) {
            sets.add(c.stated());
        }
        float[][] v = simulate.vectors(sets);
        float[] s = new float[train.itemCount()];
        double sum = 0;
        for (int i = 0; i < cases.size(); i++) {
            EvalCase c = cases.get(i);
            model.score(new UserQuery(c.user(), c.items(), c.weights(), -1, null, false, v[i]), s);
            sum += TopK.ndcg(TopK.select(s, 10, c.items()), c.test(), 10);
        }
        return sum / cases.size();
    }

    @Test
    void text_cases_reveal_no_ids_and_state_the_first_items() {
        assertTrue(textCases.size() > 300, "text cases: " + textCases.size());
        for (EvalCase c : textCases) {
            assertEquals(0, c.items().length);
            assertTrue(c.shots() >= 1 && c.shots() <= 3 && c.stated().length == c.shots());
            for (int i : c.stated()) {
                assertTrue(Arrays.binarySearch(c.test(), i) < 0, "a stated item is also a test item");
            }
            assertEquals(0, train.matrix().rowLength(c.user()), "a text user has training entries");
        }
    }

    @Test
    void stated_interests_reach_the_ranking_and_the_blend_is_no_worse_than_content() {
        InterestRecommender r = InterestRecommender.of(List.of(ItemKnnRecommender.defaults(),
                new EaseRecommender(50, 1000)), new PopularityRecommender(), simulate);
        InterestRecommender.Model model = r.fit(train);
        RecommenderModel pop = new PopularityRecommender().fit(train);
        RecommenderModel content = new ContentRecommender().fit(train);
        for (int n = 1; n <= 3; n++) {
            double p = ndcg(pop, n);
            double c = ndcg(content, n);
            double i = ndcg(model, n);
            assertTrue(i > 1.3 * p, "n=" + n + ": interests " + i + " vs popularity " + p + " " + model.blend());
            assertTrue(i >= c - 0.01, "n=" + n + ": interests " + i + " vs content " + c + " " + model.blend());
        }
        assertTrue(model.blend().content() + model.blend().expansionWeight() > 0, model.blend().toString());
        assertTrue(model.diagnostics().containsKey("blendGainPairedP"), model.diagnostics().toString());
    }

    @Test
    void without_item_vectors_or_text_it_is_the_prior() {
        InterestRecommender r = InterestRecommender.of(List.of(ItemKnnRecommender.defaults()),
                new PopularityRecommender(), simulate);
        RecommenderModel model = r.fit(train.withVectors(null, null, null));
        RecommenderModel pop = new PopularityRecommender().fit(train);
        float[] a = new float[train.itemCount()];
        float[] b = new float[train.itemCount()];
        UserQuery q = new UserQuery(-1, new int[0], new float[0], -1, null, false, new float[8]);
        model.score(q, a);
        pop.score(q, b);
        assertArrayEquals(b, a);
    }

    @Test
    void the_hybrid_scores_users_who_state_interests_with_the_interest_model() {
        InterestRecommender r = InterestRecommender.of(List.of(ItemKnnRecommender.defaults()),
                new PopularityRecommender(), simulate);
        SegmentHybridRecommender.Model hybrid = SegmentHybridRecommender.of(ItemKnnRecommender.defaults())
                .withInterests(r).fit(train);
        RecommenderModel alone = r.fit(train);
        float[] text = simulate.vectors(List.of(new int[] {0, 1}))[0];
        UserQuery q = new UserQuery(-1, new int[0], new float[0], -1, null, false, text);
        float[] a = new float[train.itemCount()];
        float[] b = new float[train.itemCount()];
        hybrid.score(q, a);
        alone.score(q, b);
        assertArrayEquals(b, a);
        // Without a statement the hybrid's own blend scores the user.
        float[] c = new float[train.itemCount()];
        hybrid.score(q.withText(null), c);
        assertTrue(!Arrays.equals(a, c));
    }
}
