package io.cohortlm.reduce;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TsneTest {
    static float[][] blobs(int n, int d, int k, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[][] x = new float[n][d];
        for (int i = 0; i < n; i++) {
            int c = i % k;
            for (int j = 0; j < d; j++) {
                x[i][j] = (float) ((j % k == c ? 10 : 0) + TruncatedSvd.gaussian(r));
            }
        }
        return x;
    }

    @Test
    void map_keeps_planted_clusters_apart_and_places_unsampled_users_with_their_cluster() {
        float[][] x = blobs(600, 12, 3, 4);
        Tsne.Layout map = new Tsne(20, 300, 300, 5, 1).fit(x);
        int sampled = 0;
        for (boolean s : map.sampled()) {
            sampled += s ? 1 : 0;
        }
        assertEquals(300, sampled);
        // Each point's nearest other point on the map is in its own cluster (for ≥ 97% of points).
        int agree = 0;
        for (int i = 0; i < x.length; i++) {
            int best = -1;
            double bd = Double.POSITIVE_INFINITY;
            for (int j = 0; j < x.length; j++) {
                if (j == i) {
                    continue;
                }
                double dx = map.xy()[i][0] - map.xy()[j][0];
                double dy = map.xy()[i][1] - map.xy()[j][1];
                double dd = dx * dx + dy * dy;
                if (dd < bd) {
                    bd = dd;
                    best = j;
                }
            }
            agree += best % 3 == i % 3 ? 1 : 0;
        }
        assertTrue(agree >= 0.97 * x.length, "neighbour agreement " + agree + "/" + x.length);
    }

    @Test
    void map_is_deterministic_for_a_seed() {
        float[][] x = blobs(150, 6, 3, 2);
        Tsne t = new Tsne(10, 150, 100, 3, 5);
        float[][] a = t.fit(x).xy();
        float[][] b = t.fit(x).xy();
        for (int i = 0; i < a.length; i++) {
            assertArrayEquals(a[i], b[i], 0f);
        }
    }
}
