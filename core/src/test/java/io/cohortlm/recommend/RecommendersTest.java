package io.cohortlm.recommend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cohortlm.evaluate.EvalCase;
import io.cohortlm.evaluate.RankingMetrics;
import io.cohortlm.evaluate.Split;
import io.cohortlm.evaluate.Splits;
import io.cohortlm.represent.EventWeights;
import io.cohortlm.represent.UserItemMatrix;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RecommendersTest {
    static final long SEED = 7;
    static PlantedData planted;
    static TrainingData train;
    static Split split;

    @BeforeAll
    static void build() {
        planted = new PlantedData(400, 200, 4, 15, 0.8, SEED);
        UserItemMatrix full = UserItemMatrix.of(planted.data, EventWeights.defaults());
        split = Splits.random(full, 0.2, SEED);
        UserItemMatrix m = full.select(p -> split.train()[p]);
        train = new TrainingData(m, null, planted.data.users(), planted.segments(), planted.groups,
                planted.userVectors, planted.itemVectors, planted.assigner(), 2, SEED);
    }

    static double recallAt10(RecommenderModel model) {
        double s = 0;
        for (EvalCase c : split.cases()) {
            UserQuery q = new UserQuery(c.user(), c.items(), c.weights(), train.userSegment()[c.user()], null, true);
            s += RankingMetrics.recall(model.recommend(q, 10, true), c.test(), 10);
        }
        return s / split.cases().size();
    }

    static double randomRecallAt10() {
        SplittableRandom rnd = new SplittableRandom(SEED);
        float[] sc = new float[train.itemCount()];
        double s = 0;
        for (EvalCase c : split.cases()) {
            for (int i = 0; i < sc.length; i++) {
                sc[i] = rnd.nextFloat();
            }
            s += RankingMetrics.recall(TopK.select(sc, 10, c.items()), c.test(), 10);
        }
        return s / split.cases().size();
    }

    @Test
    void every_recommender_beats_random_and_the_taste_aware_ones_beat_popularity() {
        double random = randomRecallAt10();
        double pop = recallAt10(new PopularityRecommender().fit(train));
        assertTrue(pop > random * 1.5, "seed " + SEED + ": popularity " + pop + " vs random " + random);
        List<Recommender> better = List.of(DemographicPopularityRecommender.defaults(), ItemKnnRecommender.defaults(),
                new EaseRecommender(50, 1000), new IalsRecommender(16, 1, 5, 8, 3), Rp3betaRecommender.defaults(),
                new PureSvdRecommender(8), SegmentPopularityRecommender.defaults(), SegmentHybridRecommender.of(new EaseRecommender(50, 1000)));
        for (Recommender r : better) {
            double v = recallAt10(r.fit(train));
            assertTrue(v > pop * 1.2, "seed " + SEED + ": " + r.name() + " recall@10 " + v + " vs popularity " + pop);
        }
        // Content knows the planted blocks but not popularity inside them: it must beat random, not popularity.
        double content = recallAt10(new ContentRecommender().fit(train));
        assertTrue(content > random * 2, "seed " + SEED + ": content " + content + " vs random " + random);
    }

    @Test
    void scores_do_not_depend_on_the_thread_count() {
        TrainingData one = train.withExecution(1, SEED);
        TrainingData three = train.withExecution(3, SEED);
        for (Recommender r : List.of(ItemKnnRecommender.defaults(), new EaseRecommender(50, 150),
                new IalsRecommender(8, 1, 5, 4, 3), Rp3betaRecommender.defaults(), new PureSvdRecommender(8),
                DemographicPopularityRecommender.defaults(), AttributeRidgeRecommender.defaults(),
                SegmentHybridRecommender.of(List.of(
                        new EaseRecommender(50, 1000), ItemKnnRecommender.defaults()),
                        DemographicPopularityRecommender.defaults()))) {
            RecommenderModel a = r.fit(one);
            RecommenderModel b = r.fit(three);
            for (int u = 0; u < 40; u++) {
                float[] sa = new float[train.itemCount()];
                float[] sb = new float[train.itemCount()];
                a.score(UserQuery.ofTraining(one, u), sa);
                b.score(UserQuery.ofTraining(three, u), sb);
                assertArrayEquals(sa, sb, 0f, r.name() + " user " + u);
            }
        }
    }

    @Test
    void ease_cap_keeps_only_popular_items_and_ranks_the_rest_last() {
        RecommenderModel m = new EaseRecommender(50, 20).fit(train);
        assertEquals(true, m.diagnostics().get("capped"));
        assertEquals(20, m.diagnostics().get("modelledItems"));
        int[] df = train.itemUserCounts();
        int[] top = m.recommend(UserQuery.ofTraining(train, 0), 5, true);
        int[] popular = TopK.select(toFloat(df), 20, null);
        java.util.Arrays.sort(popular);
        for (int i : top) {
            assertTrue(java.util.Arrays.binarySearch(popular, i) >= 0, "item " + i + " is not among the 20 modelled");
        }
    }

    @Test
    void segment_hybrid_serves_a_cold_user_from_the_assigned_segment() {
        SegmentHybridRecommender.Model m = SegmentHybridRecommender.of(new EaseRecommender(50, 1000)).fit(train);
        int hits = 0;
        int total = 0;
        for (int g = 0; g < planted.groups; g++) {
            float[] v = new float[planted.groups];
            v[g] = 1;
            // No events, no given segment: the assigner places the user from their vector.
            int[] top = m.recommend(new UserQuery(-1, new int[0], new float[0], -1, v, false), 10, true);
            for (int i : top) {
                hits += planted.blockOf[i] == g ? 1 : 0;
                total++;
            }
        }
        assertTrue(hits >= 0.8 * total, "seed " + SEED + ": only " + hits + "/" + total + " in the user's block");
        BlendWeights cold = m.weights(ActivityLevel.NONE);
        assertTrue(cold.segment() + cold.content() >= 0.5, "cold blend leans on personal: " + cold);
    }

    @Test
    void segment_hybrid_keeps_its_best_personal_model_alone_when_the_segments_carry_nothing() {
        // Segments shuffled at random: blending them in cannot help, so no level may adopt a blend that the
        // validation gain does not support, and warm users get exactly the best personal model.
        int[] noise = planted.segments();
        SplittableRandom rnd = new SplittableRandom(SEED);
        for (int i = noise.length - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = noise[i];
            noise[i] = noise[j];
            noise[j] = t;
        }
        TrainingData shuffled = train.withSegments(noise, planted.groups).withVectors(null, null, null);
        EaseRecommender ease = new EaseRecommender(50, 1000);
        SegmentHybridRecommender.Model m = new SegmentHybridRecommender(List.of(ease, new PopularityRecommender()),
                SegmentPopularityRecommender.defaults(), null, 0.25, 1000, 0.1, 20, 0.05,
                SegmentHybridRecommender.Scheme.PER_USER, null).fit(shuffled);
        BlendWeights active = m.weights(ActivityLevel.MODERATE);
        assertEquals(0, active.segment(), 1e-9, "seed " + SEED + ": noise segments were blended in: " + active
                + " " + m.diagnostics());
        @SuppressWarnings("unchecked")
        java.util.Map<String, Object> d = (java.util.Map<String, Object>) m.diagnostics().get("activity:6-20");
        assertTrue(String.valueOf(d.get("personal")).startsWith("ease"), "EASE beats popularity: " + d);
        assertTrue((double) d.get("validationNdcg@10") >= (double) d.get("bestSingleNdcg@10"), d.toString());
        double hybrid = recallAt10(m);
        double alone = recallAt10(ease.fit(shuffled));
        assertTrue(hybrid >= alone - 0.01, "seed " + SEED + ": hybrid " + hybrid + " vs EASE " + alone);
    }

    @Test
    @SuppressWarnings("unchecked")
    void random_holdout_validation_views_users_at_the_level_their_own_history_leaves_them() {
        // The random protocol never shows a user with nothing revealed: under RANDOM_HOLDOUT no validation view is
        // empty (level 0 borrows), while sparse users (2–6 training items) give the 1–5 level views of its own.
        SegmentHybridRecommender h = SegmentHybridRecommender.of(List.of(new EaseRecommender(50, 1000)), null)
                .withScheme(SegmentHybridRecommender.Scheme.RANDOM_HOLDOUT);
        SegmentHybridRecommender.Model m = h.fit(train);
        java.util.Map<String, Object> none = (java.util.Map<String, Object>) m.diagnostics().get("activity:0");
        java.util.Map<String, Object> sparse = (java.util.Map<String, Object>) m.diagnostics().get("activity:1-5");
        assertEquals(0, none.get("validationUsers"), none.toString());
        assertEquals("1-5", sparse.get("tunedOnLevel"), sparse.toString());
        SegmentHybridRecommender.Model per = h.withScheme(SegmentHybridRecommender.Scheme.PER_USER).fit(train);
        java.util.Map<String, Object> perNone = (java.util.Map<String, Object>) per.diagnostics().get("activity:0");
        assertTrue((int) perNone.get("validationUsers") > 0, "PER_USER views new users: " + perNone);
    }

    @Test
    void demographic_popularity_pools_rare_levels_and_backs_off_to_popularity() {
        // One attribute level per user: every level is rarer than minGroupUsers, so all pool into "other" and the
        // scores are global popularity.
        PlantedData p = new PlantedData(80, 80, 40, 5, 0.8, SEED);
        UserItemMatrix x = UserItemMatrix.of(p.data, EventWeights.defaults());
        TrainingData td = new TrainingData(x, null, p.data.users(), p.segments(), p.groups, null, null, null, 1, SEED);
        float[] demo = new float[x.cols()];
        float[] pop = new float[x.cols()];
        DemographicPopularityRecommender.defaults().fit(td).score(new UserQuery(0, new int[0], new float[0], -1,
                null, false), demo);
        DemographicPopularityRecommender.of(0, 50).fit(td).score(new UserQuery(0, new int[0], new float[0], -1, null,
                false), pop);
        assertArrayEquals(TopK.select(pop, 10, null), TopK.select(demo, 10, null));
    }

    private static float[] toFloat(int[] a) {
        float[] f = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            f[i] = a[i];
        }
        return f;
    }
}
