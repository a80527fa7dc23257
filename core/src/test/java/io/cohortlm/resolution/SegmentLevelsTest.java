package io.cohortlm.resolution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cohortlm.data.Events;
import io.cohortlm.evaluate.AdjustedRandIndex;
import io.cohortlm.manifest.RunManifest;
import io.cohortlm.segment.FineLevel;
import io.cohortlm.segment.Matrix;
import io.cohortlm.segment.SegmentBundle;
import io.cohortlm.segment.Segmentation;
import io.cohortlm.segment.SegmenterConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The two-level segment stage on user vectors, against planted broad and narrow tastes. */
class SegmentLevelsTest {
    static final long SEED = 5;
    static NestedTastes planted;
    static Matrix vectors;
    static List<String> ids;
    static Segmentation seg;

    @TempDir
    Path tmp;

    static SegmenterConfig config(long seed, int threads) {
        return new SegmenterConfig("kmeans", 0, 3, 8, 20, io.cohortlm.segment.Metric.EUCLIDEAN, seed, threads, 300);
    }

    @BeforeAll
    static void fit() {
        planted = NestedTastes.generate(1920, 4, 4, SEED);
        // The user vector: the user's item counts, unit length (what a behaviour view summarises).
        int n = planted.data().users().size();
        int m = planted.data().items().size();
        float[] x = new float[n * m];
        Events ev = planted.data().events();
        for (int e = 0; e < ev.size(); e++) {
            x[ev.user(e) * m + ev.item(e)]++;
        }
        for (int u = 0; u < n; u++) {
            double sq = 0;
            for (int i = 0; i < m; i++) {
                sq += x[u * m + i] * x[u * m + i];
            }
            for (int i = 0; i < m; i++) {
                x[u * m + i] /= (float) Math.sqrt(sq);
            }
        }
        vectors = new Matrix(x, n, m);
        ids = new ArrayList<>();
        for (int u = 0; u < n; u++) {
            ids.add("u_" + u);
        }
        seg = SegmentLevels.defaults(config(SEED, 2)).run(vectors, ids, planted.data(), null);
    }

    @Test
    void the_fine_level_is_chosen_by_what_it_predicts_and_the_coarse_level_is_a_stable_cut_above_it() {
        FineLevel fine = seg.fine();
        assertNotNull(fine, "two levels with a dataset");
        assertEquals(16, fine.k(), fine.reason() + " " + fine.sweep());
        double fineAri = AdjustedRandIndex.score(planted.fineOf(), fine.labels());
        assertTrue(fineAri >= 0.9, "fine ARI " + fineAri);
        assertEquals(4, seg.k(), fine.coarseReason() + " " + fine.cuts());
        double coarseAri = AdjustedRandIndex.score(planted.coarseOf(), seg.labels());
        assertTrue(coarseAri >= 0.9, "coarse ARI " + coarseAri);
        for (int u = 0; u < seg.labels().length; u++) {
            assertEquals(fine.parent()[fine.labels()[u]], seg.labels()[u], "coarse = parent of fine, user " + u);
        }
        assertTrue(fine.sweep().size() >= 3 && fine.reason().contains("one standard error"), fine.reason());
        assertTrue(fine.coarseReason().contains("stable"), fine.coarseReason());
    }

    @Test
    void the_bundle_keeps_both_levels_and_places_a_vector_at_both() {
        Path dir = tmp.resolve("model");
        SegmentBundle.write(dir, false, seg, ids, null, RunManifest.of("segment", Map.of(), SEED, "x", Map.of()));
        SegmentBundle b = SegmentBundle.read(dir);
        assertNotNull(b.fine());
        assertEquals(seg.fine().k(), b.fine().k());
        assertEquals(Arrays.toString(seg.fine().labels()), Arrays.toString(b.fine().labels()));
        int agree = 0;
        for (int u = 0; u < ids.size(); u++) {
            SegmentBundle.Placement p = b.assign(vectors.row(u));
            int f = b.fine().labels()[u];
            if (p.fine() == b.fine().stableIds()[f]) {
                agree++;
            }
            int parent = b.fine().parent()[b.fine().model().assign(vectors.row(u)).segment()];
            assertEquals(b.stableId(parent), p.segment(), "a new vector's segment is its fine segment's parent");
        }
        assertTrue(agree >= 0.99 * ids.size(), agree + " of " + ids.size() + " training rows land in their fine segment");
    }

    @Test
    void a_retrain_keeps_the_ids_of_both_levels() {
        Path dir = tmp.resolve("first");
        SegmentBundle.write(dir, false, seg, ids, null, RunManifest.of("segment", Map.of(), SEED, "x", Map.of()));
        Segmentation again = SegmentLevels.defaults(config(99, 2)).run(vectors, ids, planted.data(),
                SegmentBundle.read(dir).asPrevious());
        assertNotNull(again.fine().diff(), "the fine level is matched to the previous one");
        // A different seed may cut a few groups differently; every segment that clearly continues an old one (≥ 80%
        // of its members came from it and it holds ≥ 80% of the old one's members) must carry the old id.
        assertTrue(continuations(seg.fine().stableIds(), seg.fine().labels(), again.fine().stableIds(),
                again.fine().labels()) >= seg.fine().k() / 2, "most fine segments continue");
        assertEquals(seg.k(), continuations(seg.stableIds(), seg.labels(), again.stableIds(), again.labels()),
                "every coarse segment continues");
    }

    /** Checks that clear continuations keep their ids; returns how many segments continue one. */
    private static int continuations(int[] oldIds, int[] oldLabels, int[] newIds, int[] newLabels) {
        int continuing = 0;
        for (int j = 0; j < newIds.length; j++) {
            Map<Integer, Integer> from = new java.util.HashMap<>();
            Map<Integer, Integer> oldSize = new java.util.HashMap<>();
            for (int l : oldLabels) {
                oldSize.merge(oldIds[l], 1, Integer::sum);
            }
            int members = 0;
            for (int u = 0; u < newLabels.length; u++) {
                if (newLabels[u] == j) {
                    from.merge(oldIds[oldLabels[u]], 1, Integer::sum);
                    members++;
                }
            }
            for (Map.Entry<Integer, Integer> e : from.entrySet()) {
                if (e.getValue() >= 0.8 * members && e.getValue() >= 0.8 * oldSize.get(e.getKey())) {
                    assertEquals((int) e.getKey(), newIds[j], "segment " + j + " continues " + e.getKey());
                    continuing++;
                }
            }
        }
        return continuing;
    }

    @Test
    void the_levels_do_not_depend_on_the_thread_count() {
        Segmentation one = SegmentLevels.defaults(config(SEED, 1)).run(vectors, ids, planted.data(), null);
        assertEquals(Arrays.toString(seg.fine().labels()), Arrays.toString(one.fine().labels()));
        assertEquals(Arrays.toString(seg.labels()), Arrays.toString(one.labels()));
    }
}
