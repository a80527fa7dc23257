package io.cohortlm.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cohortlm.data.Dataset;
import io.cohortlm.data.Events;
import io.cohortlm.data.Items;
import io.cohortlm.data.Users;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class QualityAndLiftTest {
    static float[][] blobs(int[] truth, double spread, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[][] x = new float[truth.length][4];
        for (int i = 0; i < truth.length; i++) {
            truth[i] = i % 3;
            for (int j = 0; j < 4; j++) {
                x[i][j] = (float) ((j == truth[i] ? 10 : 0) + spread * HdbscanTest.gaussian(r));
            }
        }
        return x;
    }

    @Test
    void indices_prefer_the_true_partition_over_a_random_one() {
        int[] truth = new int[300];
        float[][] x = blobs(truth, 1, 1);
        int[] random = new int[300];
        SplittableRandom r = new SplittableRandom(2);
        for (int i = 0; i < 300; i++) {
            random[i] = r.nextInt(3);
        }
        QualityIndices good = QualityIndices.of(x, truth, 3, 1000, 1);
        QualityIndices bad = QualityIndices.of(x, random, 3, 1000, 1);
        assertTrue(good.silhouette() > 0.7, "silhouette " + good.silhouette());
        assertTrue(bad.silhouette() < 0.1, "random silhouette " + bad.silhouette());
        assertTrue(good.daviesBouldin() < bad.daviesBouldin());
        assertTrue(good.calinskiHarabasz() > 10 * bad.calinskiHarabasz());
        QualityIndices sampled = QualityIndices.of(x, truth, 3, 60, 7);
        assertEquals(60, sampled.sampled());
        assertEquals(good.silhouette(), sampled.silhouette(), 0.05, "sampled silhouette close to full");
    }

    @Test
    void segments_that_match_taste_have_positive_lift_and_random_ones_do_not() {
        // 3 groups of 100 users; group g buys from items [20g, 20g+20); 10 events each over time.
        SplittableRandom r = new SplittableRandom(3);
        Users users = new Users();
        Items items = new Items();
        for (int i = 0; i < 60; i++) {
            items.addRow("i" + i);
        }
        Events ev = new Events();
        byte buy = ev.types().code("purchase");
        int[] truth = new int[300];
        for (int u = 0; u < 300; u++) {
            users.addRow("u" + u);
            truth[u] = u % 3;
            for (int t = 0; t < 10; t++) {
                ev.add(u, truth[u] * 20 + r.nextInt(20), buy, 1, 1, 1000L * t);
            }
        }
        Dataset d = new Dataset("lift", users, items, ev);
        PredictiveLift.Result good = PredictiveLift.defaults().score(d, truth, 3);
        int[] random = new int[300];
        for (int u = 0; u < 300; u++) {
            random[u] = r.nextInt(3);
        }
        PredictiveLift.Result bad = PredictiveLift.defaults().score(d, random, 3);
        assertEquals(600, good.heldOutEvents(), "2 of 10 events held out per user");
        assertTrue(good.liftNats() > 0.8, "true segments: lift " + good.liftNats());
        assertTrue(Math.abs(bad.liftNats()) < 0.1, "random segments: lift " + bad.liftNats());
    }
}
