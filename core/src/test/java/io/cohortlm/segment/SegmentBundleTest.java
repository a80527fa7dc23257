package io.cohortlm.segment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cohortlm.evaluate.AdjustedRandIndex;
import io.cohortlm.manifest.RunManifest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SegmentBundleTest {
    @TempDir
    Path tmp;

    static List<String> ids(int n) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add("u_" + i);
        }
        return ids;
    }

    static SegmenterConfig config() {
        return SegmenterConfig.defaults(7).withKRange(2, 8).withMinSize(20);
    }

    @Test
    void advised_kmeans_recovers_planted_segments_and_the_bundle_assigns_identically_after_loading() {
        GaussianBlobs.Sample s = new GaussianBlobs(1200, 16, 5, 10, 1, 11).generate();
        Segmentation seg = new Segmenter(config()).run(s.data(), ids(1200), null, null);
        assertEquals(5, seg.k(), "advisor picks the planted k");
        assertTrue(AdjustedRandIndex.score(s.truth(), seg.labels()) >= 0.95);
        Path dir = tmp.resolve("model");
        SegmentBundle.write(dir, false, seg, ids(1200), null, RunManifest.of("segment", Map.of(), 7, "x", Map.of()));
        SegmentBundle b = SegmentBundle.read(dir);
        for (int i = 0; i < 1200; i++) {
            float[] v = s.data().row(i);
            Assignment fitted = seg.model().assign(v);
            SegmentBundle.Placement loaded = b.assign(v);
            assertEquals(seg.stableIds()[fitted.segment()], loaded.segment(), "row " + i);
            assertEquals(fitted.distance(), loaded.distance(), 0.0);
            assertEquals(fitted.confidence(), loaded.confidence(), 0.0);
        }
        assertArrayEquals(seg.labels(), b.labels());
        assertEquals(1200, b.map().length);
        assertTrue(b.manifest().get("advice").get("reason").asText().contains("k=5"));
    }

    @Test
    void far_away_vectors_are_flagged_outliers_when_assigned() {
        GaussianBlobs.Sample s = new GaussianBlobs(600, 8, 3, 10, 1, 5).generate();
        Segmentation seg = new Segmenter(config().withK(3)).run(s.data(), ids(600), null, null);
        Path dir = tmp.resolve("m");
        SegmentBundle.write(dir, false, seg, ids(600), null, RunManifest.of("segment", Map.of(), 7, "x", Map.of()));
        SegmentBundle b = SegmentBundle.read(dir);
        assertFalse(b.assign(s.data().row(0)).outlier(), "a training row is a member");
        float[] far = new float[8];
        java.util.Arrays.fill(far, 1000f);
        assertTrue(b.assign(far).outlier(), "a vector far from every centroid is an outlier");
    }

    @Test
    void results_do_not_depend_on_thread_count() {
        GaussianBlobs.Sample s = new GaussianBlobs(800, 12, 4, 6, 1, 3).generate();
        SegmenterConfig one = new SegmenterConfig("kmeans", 0, 2, 6, 20, Metric.EUCLIDEAN, 9, 1, 200);
        SegmenterConfig three = new SegmenterConfig("kmeans", 0, 2, 6, 20, Metric.EUCLIDEAN, 9, 3, 200);
        Segmentation a = new Segmenter(one).run(s.data(), ids(800), null, null);
        Segmentation b = new Segmenter(three).run(s.data(), ids(800), null, null);
        assertArrayEquals(a.labels(), b.labels());
        assertArrayEquals(a.model().centroids().data(), b.model().centroids().data());
        assertEquals(a.advice().scores(), b.advice().scores());
        for (int i = 0; i < 800; i++) {
            assertArrayEquals(a.map().xy()[i], b.map().xy()[i], 0f);
        }
    }

    @Test
    void retraining_keeps_segment_ids_stable() {
        GaussianBlobs.Sample s = new GaussianBlobs(900, 10, 3, 10, 1, 21).generate();
        Segmentation first = new Segmenter(config().withK(3)).run(s.data(), ids(900), null, null);
        Path dir = tmp.resolve("v1");
        SegmentBundle.write(dir, false, first, ids(900), null, RunManifest.of("segment", Map.of(), 7, "x", Map.of()));
        // Retrain with another seed: segment indices may permute, stable ids must not.
        SegmenterConfig other = new SegmenterConfig("kmeans", 3, 2, 8, 20, Metric.EUCLIDEAN, 1234, 2, 200);
        Segmentation second = new Segmenter(other).run(s.data(), ids(900), null, SegmentBundle.read(dir).asPrevious());
        for (int i = 0; i < 900; i++) {
            assertEquals(first.stableIds()[first.labels()[i]], second.stableIds()[second.labels()[i]], "user " + i);
        }
        assertEquals(3, second.diff().kept().size());
        assertEquals(0.0, second.diff().churn(), 1e-9);
    }

    @Test
    void hdbscan_method_names_outliers_and_builds_a_nearest_centroid_model() {
        GaussianBlobs.Sample s = new GaussianBlobs(600, 6, 3, 12, 1, 8).generate();
        Segmentation seg = new Segmenter(config().withMethod("hdbscan").withMinSize(25)).run(s.data(), ids(600), null,
                null);
        assertEquals(3, seg.k());
        assertTrue(AdjustedRandIndex.score(s.truth(), seg.labels()) > 0.9);
        assertEquals("hdbscan", seg.model().clusterer());
    }
}
