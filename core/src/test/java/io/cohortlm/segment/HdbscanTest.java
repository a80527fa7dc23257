package io.cohortlm.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HdbscanTest {
    /** 3 tight blobs of 150 points in 5-D (centres 20 apart) plus 45 points of uniform background noise. */
    static float[][] blobsWithNoise(long seed, int[] truth) {
        SplittableRandom r = new SplittableRandom(seed);
        float[][] x = new float[truth.length][5];
        for (int i = 0; i < truth.length; i++) {
            if (i < 450) {
                truth[i] = i % 3;
                for (int j = 0; j < 5; j++) {
                    x[i][j] = (float) ((j == truth[i] ? 20 : 0) + gaussian(r));
                }
            } else {
                truth[i] = -1;
                for (int j = 0; j < 5; j++) {
                    x[i][j] = (float) (r.nextDouble() * 60 - 20);
                }
            }
        }
        return x;
    }

    static double gaussian(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    @Test
    void finds_the_planted_blobs_and_calls_background_points_outliers() {
        int[] truth = new int[495];
        float[][] x = blobsWithNoise(3, truth);
        Hdbscan.Result r = new Hdbscan(15, 10, 5000, 1).fit(x);
        assertEquals(3, r.clusters(), "planted 3 blobs");
        // Each blob maps to one segment, with ≥ 95% of its points in it.
        for (int b = 0; b < 3; b++) {
            Map<Integer, Integer> counts = new HashMap<>();
            for (int i = 0; i < 450; i++) {
                if (truth[i] == b) {
                    counts.merge(r.labels()[i], 1, Integer::sum);
                }
            }
            int top = counts.entrySet().stream().filter(e -> e.getKey() >= 0).mapToInt(Map.Entry::getValue).max().orElse(0);
            assertTrue(top >= 0.95 * 150, "blob " + b + " → " + counts);
        }
        int noiseAsOutlier = 0;
        for (int i = 450; i < 495; i++) {
            noiseAsOutlier += r.labels()[i] < 0 ? 1 : 0;
        }
        assertTrue(noiseAsOutlier >= 0.8 * 45, "background points flagged as outliers: " + noiseAsOutlier + "/45");
        for (int i = 0; i < x.length; i++) {
            assertTrue(r.strength()[i] >= 0 && r.strength()[i] <= 1);
            if (r.labels()[i] < 0) {
                assertEquals(0f, r.strength()[i], "outliers have zero membership strength");
            }
        }
    }

    @Test
    void sampled_fit_assigns_unsampled_points_to_their_blob_and_is_deterministic() {
        int[] truth = new int[495];
        float[][] x = blobsWithNoise(5, truth);
        Hdbscan h = new Hdbscan(10, 5, 200, 9);
        Hdbscan.Result a = h.fit(x);
        Hdbscan.Result b = h.fit(x);
        assertEquals(200, a.sampled());
        assertEquals(java.util.Arrays.toString(a.labels()), java.util.Arrays.toString(b.labels()));
        int wrong = 0;
        Map<Integer, Integer> blobOf = new HashMap<>();
        for (int i = 0; i < 450; i++) {
            if (a.labels()[i] >= 0) {
                Integer prev = blobOf.putIfAbsent(a.labels()[i], truth[i]);
                wrong += prev != null && prev != truth[i] ? 1 : 0;
            }
        }
        assertTrue(wrong <= 5, "points whose segment mixes blobs: " + wrong);
    }
}
