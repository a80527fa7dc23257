package io.cohortlm.recommend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cohortlm.represent.EventWeights;
import io.cohortlm.represent.UserItemMatrix;
import io.cohortlm.stats.SeededSample;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * New items on planted data: tastes live in item blocks, item vectors are a noisy one-hot of the block (a stand-in
 * encoder), and a fifth of the items lose every event. Their text neighbours are items of the same block, so a
 * user whose group likes that block should find them.
 */
class NewItemBridgeTest {
    static final long SEED = 5;
    static PlantedData planted;
    static UserItemMatrix full;
    static TrainingData train;
    static boolean[] isNew;

    @BeforeAll
    static void build() {
        planted = new PlantedData(500, 200, 5, 14, 0.85, SEED);
        full = UserItemMatrix.of(planted.data, EventWeights.defaults());
        isNew = new boolean[full.cols()];
        for (int i : SeededSample.indices(full.cols(), full.cols() / 5, SEED)) {
            isNew[i] = true;
        }
        UserItemMatrix m = full.select(p -> !isNew[full.col(p)]);
        int[] none = new int[full.rows()];
        Arrays.fill(none, -1);
        train = new TrainingData(m, null, null, none, 0, null, planted.itemVectors, null, 2, SEED);
    }

    /** Mean share of each user's new items (in the full data) that reach their top 20. */
    static double newRecall(RecommenderModel model) {
        double sum = 0;
        int users = 0;
        UserItemMatrix m = train.matrix();
        for (int u = 0; u < m.rows(); u++) {
            int[] mine = new int[0];
            for (int p = full.rowStart(u); p < full.rowEnd(u); p++) {
                if (isNew[full.col(p)]) {
                    mine = Arrays.copyOf(mine, mine.length + 1);
                    mine[mine.length - 1] = full.col(p);
                }
            }
            if (mine.length == 0 || m.rowLength(u) == 0) {
                continue;
            }
            int[] top = model.recommend(query(u), 20);
            int hits = 0;
            for (int i : top) {
                hits += Arrays.binarySearch(mine, i) >= 0 ? 1 : 0;
            }
            sum += (double) hits / mine.length;
            users++;
        }
        return sum / users;
    }

    static UserQuery query(int u) {
        UserItemMatrix m = train.matrix();
        int[] items = new int[m.rowLength(u)];
        float[] w = new float[items.length];
        for (int i = 0; i < items.length; i++) {
            items[i] = m.col(m.rowStart(u) + i);
            w[i] = m.value(m.rowStart(u) + i);
        }
        return new UserQuery(u, items, w, -1, null, true);
    }

    @Test
    void new_items_borrow_their_text_neighbours_scores_and_warm_items_keep_their_order() {
        Recommender ease = new EaseRecommender(100, 6000);
        RecommenderModel base = ease.fit(train);
        NewItemBridge.Model bridged = (NewItemBridge.Model) new NewItemBridge(ease, 10, 1.0, 0).fit(train);
        assertEquals(Arrays.stream(train.itemUserCounts()).filter(c -> c == 0).count(), bridged.newItems().length);
        double without = newRecall(base);
        double with = newRecall(bridged);
        assertTrue(with > 0.2 && with > 5 * without + 0.05, "new-item recall@20 " + with + " vs " + without);
        // A new item of the user's own block outscores one of another block.
        float[] s = new float[full.cols()];
        UserQuery q = query(0);
        bridged.score(q, s);
        int g = planted.groupOf[0];
        double own = 0;
        double other = 0;
        int no = 0;
        int nt = 0;
        for (int j : bridged.newItems()) {
            if (planted.blockOf[j] == g) {
                own += s[j];
                no++;
            } else {
                other += s[j];
                nt++;
            }
        }
        assertTrue(own / no > other / nt + 0.5, "own block " + own / no + " vs others " + other / nt);
        // Warm items: the same order as the base model's.
        float[] b = new float[full.cols()];
        base.score(q, b);
        Integer[] warm = java.util.stream.IntStream.range(0, full.cols()).filter(i -> !isNew[i]).boxed()
                .toArray(Integer[]::new);
        Integer[] byBase = warm.clone();
        Integer[] byBridge = warm.clone();
        Arrays.sort(byBase, (x, y) -> b[x] != b[y] ? Float.compare(b[y], b[x]) : Integer.compare(x, y));
        Arrays.sort(byBridge, (x, y) -> s[x] != s[y] ? Float.compare(s[y], s[x]) : Integer.compare(x, y));
        assertArrayEquals(byBase, byBridge);
    }

    @Test
    void tuning_spends_at_most_the_old_item_budget_and_finds_a_gain_that_surfaces_new_items() {
        NewItemBridge.Tuned t = NewItemBridge.tune(new EaseRecommender(100, 6000), train, 0.2, 300, 0.01);
        assertNotNull(t);
        assertTrue(t.oldNdcg() >= 0.99 * t.referenceNdcg() - 1e-12, t.toString());
        assertTrue(t.gain() > 0 && t.newRecall() > 0.1, t.toString());
        assertTrue(t.reason().contains("Recall@20"), t.reason());
        // Deterministic: the same data and seed give the same choice.
        assertEquals(t, NewItemBridge.tune(new EaseRecommender(100, 6000), train, 0.2, 300, 0.01));
        // The tuned bridge helps on the real new items too.
        assertTrue(newRecall(NewItemBridge.of(new EaseRecommender(100, 6000), t).fit(train)) > 0.2);
        // Without item text there is nothing to bridge with.
        assertNull(NewItemBridge.tune(new EaseRecommender(100, 6000), train.withVectors(null, null, null), 0.2, 300,
                0.01));
    }
}
