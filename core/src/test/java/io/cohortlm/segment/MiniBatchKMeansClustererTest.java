package io.cohortlm.segment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cohortlm.evaluate.AdjustedRandIndex;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class MiniBatchKMeansClustererTest {
    private static final long SEED = 7L;

    @Test
    void recovers_planted_gaussian_blobs() {
        GaussianBlobs.Sample s = new GaussianBlobs(30_000, 16, 8, 4.0, 1.0, SEED).generate();
        MiniBatchConfig c = MiniBatchConfig.defaults(8).withSeed(SEED).withBatchSize(1024).withMaxSteps(100);
        SegmentModel m = new MiniBatchKMeansClusterer(c).fit(s.data());
        double ari = AdjustedRandIndex.score(s.truth(), m.trainingLabels());
        assertTrue(ari >= 0.95, "seed " + SEED + ": ARI " + ari);
        assertEquals(100, m.diagnostics().iterations());
        assertEquals(30_000, Arrays.stream(m.sizes()).sum());
    }

    @Test
    void results_do_not_depend_on_the_thread_count() {
        GaussianBlobs.Sample s = new GaussianBlobs(10_001, 8, 5, 1.0, 1.0, SEED).generate();
        MiniBatchConfig c = MiniBatchConfig.defaults(5).withSeed(SEED).withBatchSize(512).withMaxSteps(30);
        SegmentModel one = new MiniBatchKMeansClusterer(c.withThreads(1)).fit(s.data());
        SegmentModel three = new MiniBatchKMeansClusterer(c.withThreads(3)).fit(s.data());
        assertArrayEquals(one.centroids().data(), three.centroids().data());
        assertArrayEquals(one.trainingLabels(), three.trainingLabels());
    }
}
