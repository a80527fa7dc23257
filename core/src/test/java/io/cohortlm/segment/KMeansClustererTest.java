package io.cohortlm.segment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.cohortlm.CohortException;
import io.cohortlm.evaluate.AdjustedRandIndex;
import java.util.Arrays;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class KMeansClustererTest {
    private static final long SEED = 20261128L;

    @Test
    void recovers_planted_gaussian_blobs() {
        GaussianBlobs.Sample s = new GaussianBlobs(6000, 16, 8, 4.0, 1.0, SEED).generate();
        SegmentModel m = new KMeansClusterer(KMeansConfig.defaults(8).withSeed(SEED).withNInit(3)).fit(s.data());
        double ari = AdjustedRandIndex.score(s.truth(), m.trainingLabels());
        assertTrue(ari >= 0.95, "seed " + SEED + ": ARI " + ari);
        assertTrue(m.diagnostics().converged());
        assertEquals(6000, Arrays.stream(m.sizes()).sum());
        assertEquals(m.diagnostics().iterations(), m.diagnostics().iterationSeconds().length);
    }

    @Test
    void results_are_bit_identical_for_1_2_and_3_threads() {
        // 20003 rows: several blocks and units, and a last block whose row count is not a multiple of 4
        GaussianBlobs.Sample s = new GaussianBlobs(20_003, 12, 6, 1.0, 1.2, SEED).generate();
        KMeansConfig c = KMeansConfig.defaults(6).withSeed(SEED).withTolerance(0).withMaxIterations(40);
        SegmentModel one = new KMeansClusterer(c.withThreads(1)).fit(s.data());
        for (int threads : new int[] {2, 3}) {
            SegmentModel many = new KMeansClusterer(c.withThreads(threads)).fit(s.data());
            assertArrayEquals(one.centroids().data(), many.centroids().data(), "threads=" + threads);
            assertArrayEquals(one.trainingLabels(), many.trainingLabels(), "threads=" + threads);
            assertEquals(one.diagnostics().inertia(), many.diagnostics().inertia(), 0.0, "threads=" + threads);
            assertEquals(one.diagnostics().iterations(), many.diagnostics().iterations(), "threads=" + threads);
        }
    }

    @Test
    void scalar_and_vector_kernels_agree() {
        Optional<DistanceKernel> vector = DistanceKernel.vector();
        assumeTrue(vector.isPresent(), "jdk.incubator.vector not present");
        GaussianBlobs.Sample s = new GaussianBlobs(9001, 37, 21, 3.0, 1.0, SEED).generate();
        KMeansConfig c = KMeansConfig.defaults(21).withSeed(SEED).withThreads(2);
        SegmentModel v = new KMeansClusterer(c, vector.get()).fit(s.data());
        SegmentModel sc = new KMeansClusterer(c, new ScalarKernel()).fit(s.data());
        assertArrayEquals(sc.trainingLabels(), v.trainingLabels());
        double rel = Math.abs(sc.diagnostics().inertia() - v.diagnostics().inertia()) / sc.diagnostics().inertia();
        assertTrue(rel <= 1e-4, "relative inertia difference " + rel);
        // the kernels are designed to be bit-identical, not just close
        assertArrayEquals(sc.centroids().data(), v.centroids().data());
    }

    @Test
    void single_query_kernels_agree_for_k_not_a_multiple_of_the_lane_count() {
        Optional<DistanceKernel> vector = DistanceKernel.vector();
        assumeTrue(vector.isPresent(), "jdk.incubator.vector not present");
        SplittableRandom r = new SplittableRandom(SEED);
        int k = 213; // kq 224: query blocks of 128, 64, 16, 16
        int d = 29;
        float[] c = new float[k * d];
        for (int i = 0; i < c.length; i++) {
            c[i] = (float) r.nextGaussian();
        }
        Centroids cs = new Centroids(c, k, d);
        float[] q = new float[d];
        for (int j = 0; j < d; j++) {
            q[j] = (float) r.nextGaussian();
        }
        float[] a = new float[cs.kq];
        float[] b = new float[cs.kq];
        vector.get().queryPartials(q, 0, d, cs.query, cs.norms, cs.kq, a);
        new ScalarKernel().queryPartials(q, 0, d, cs.query, cs.norms, cs.kq, b);
        assertArrayEquals(b, a);
        // and the one-query layout gives the same floats as the fit's four-row kernel
        float[] four = new float[4 * cs.kq];
        vector.get().partials4(q, 0, 0, 0, 0, d, cs.transposed, cs.norms, cs.kq, four);
        assertArrayEquals(java.util.Arrays.copyOf(four, cs.kq), a);
    }

    @Test
    void cosine_metric_groups_by_direction_not_length() {
        int d = 6;
        int n = 1500;
        SplittableRandom r = new SplittableRandom(SEED);
        float[][] directions = new float[3][d];
        for (float[] dir : directions) {
            for (int j = 0; j < d; j++) {
                dir[j] = (float) r.nextGaussian();
            }
        }
        float[] data = new float[n * d];
        int[] truth = new int[n];
        for (int i = 0; i < n; i++) {
            truth[i] = i % 3;
            double length = 0.1 + 20 * r.nextDouble(); // lengths vary 200×: Euclidean k-means would split by length
            for (int j = 0; j < d; j++) {
                data[i * d + j] = (float) (length * (directions[truth[i]][j] + 0.05 * r.nextGaussian()));
            }
        }
        Matrix m = new Matrix(data, n, d);
        KMeansConfig c = KMeansConfig.defaults(3).withSeed(SEED).withNInit(3);
        SegmentModel cos = new KMeansClusterer(c.withMetric(Metric.COSINE)).fit(m);
        double ari = AdjustedRandIndex.score(truth, cos.trainingLabels());
        assertTrue(ari >= 0.95, "cosine ARI " + ari);
        double euclid = AdjustedRandIndex.score(truth, new KMeansClusterer(c).fit(m).trainingLabels());
        assertTrue(euclid < ari, "euclidean ARI " + euclid + " should be worse than cosine " + ari);
        for (int k = 0; k < 3; k++) {
            float[] centroid = cos.centroid(k);
            double norm = 0;
            for (float v : centroid) {
                norm += v * v;
            }
            assertEquals(1.0, norm, 1e-5, "centroid " + k + " is unit length");
        }
        Assignment a = cos.assign(Arrays.copyOfRange(data, 0, d));
        assertEquals(cos.trainingLabels()[0], a.segment());
        assertTrue(a.distance() >= 0 && a.distance() < 0.05, "cosine distance " + a.distance());
    }

    @Test
    void an_empty_cluster_is_reseeded_from_the_farthest_row() {
        // two tight groups and a start whose third centroid is far from every row: it gets no rows
        float[][] rows = {{0, 0}, {0, 1}, {1, 0}, {10, 10}, {10, 11}, {11, 10}, {30, 30}};
        float[][] start = {{0.5f, 0.5f}, {10.5f, 10.5f}, {-1000, -1000}};
        KMeansConfig c = KMeansConfig.defaults(3).withThreads(1);
        SegmentModel m = new KMeansClusterer(c).fitFrom(Matrix.of(rows), Matrix.of(start));
        assertTrue(m.diagnostics().emptyClusterRepairs() >= 1);
        // the farthest row from its centroid is (30, 30): it becomes its own segment
        assertArrayEquals(new float[] {30, 30}, m.centroid(2));
        assertArrayEquals(new int[] {3, 3, 1}, m.sizes());
    }

    @Test
    void more_segments_than_distinct_rows_leaves_surplus_segments_empty() {
        float[][] rows = new float[30][];
        for (int i = 0; i < 30; i++) {
            rows[i] = new float[] {i % 3, 2 * (i % 3)};
        }
        SegmentModel m = new KMeansClusterer(KMeansConfig.defaults(5).withSeed(SEED)).fit(rows);
        assertEquals(0.0, m.diagnostics().inertia(), 0.0);
        assertEquals(3, Arrays.stream(m.sizes()).filter(s -> s > 0).count());
        assertEquals(30, Arrays.stream(m.sizes()).sum());
    }

    @Test
    void rejects_more_segments_than_rows_and_non_finite_values() {
        KMeansClusterer c = new KMeansClusterer(KMeansConfig.defaults(5));
        CohortException few = assertThrows(CohortException.class, () -> c.fit(new float[][] {{1}, {2}, {3}}));
        assertEquals("k must be <= the number of rows (3), was 5", few.getMessage());
        float[][] bad = new float[10][2];
        bad[7][1] = Float.NaN;
        CohortException nan = assertThrows(CohortException.class, () -> c.fit(bad));
        assertEquals("row 7, column 1 must be finite, was NaN", nan.getMessage());
    }

    @Test
    void assign_matches_training_labels_and_defines_confidence() {
        GaussianBlobs.Sample s = new GaussianBlobs(3000, 10, 5, 4.0, 1.0, SEED).generate();
        SegmentModel m = new KMeansClusterer(KMeansConfig.defaults(5).withSeed(SEED)).fit(s.data());
        Assignments all = m.assignAll(s.data());
        assertArrayEquals(m.trainingLabels(), all.segments());
        for (int i = 0; i < all.size(); i++) {
            assertTrue(all.confidences()[i] >= 0 && all.confidences()[i] <= 1, "confidence " + all.confidences()[i]);
        }
        Assignment onCentroid = m.assign(m.centroid(2));
        assertEquals(2, onCentroid.segment());
        assertEquals(1.0, onCentroid.confidence(), 1e-3);
        float[] mid = new float[10];
        for (int j = 0; j < 10; j++) {
            mid[j] = (m.centroid(0)[j] + m.centroid(1)[j]) / 2;
        }
        Assignment between = m.assign(mid);
        assertTrue(between.confidence() < 0.01, "midpoint confidence " + between.confidence());
        CohortException e = assertThrows(CohortException.class, () -> m.assign(new float[3]));
        assertEquals("vector length must be 10 (the model's dimension), was 3", e.getMessage());
    }

    @Test
    void same_seed_same_model_and_restarts_keep_the_lowest_inertia() {
        GaussianBlobs.Sample s = new GaussianBlobs(2000, 5, 10, 1.0, 0.8, SEED).generate();
        KMeansConfig c = KMeansConfig.defaults(10).withSeed(SEED);
        SegmentModel a = new KMeansClusterer(c).fit(s.data());
        SegmentModel b = new KMeansClusterer(c).fit(s.data());
        assertArrayEquals(a.centroids().data(), b.centroids().data());
        SegmentModel best = new KMeansClusterer(c.withNInit(5)).fit(s.data());
        assertTrue(best.diagnostics().inertia() <= a.diagnostics().inertia());
        assertEquals(5, best.diagnostics().restarts());
    }
}
