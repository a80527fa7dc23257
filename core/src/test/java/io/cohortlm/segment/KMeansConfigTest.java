package io.cohortlm.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cohortlm.CohortException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class KMeansConfigTest {
    private static void fails(String message, Executable e) {
        assertEquals(message, assertThrows(CohortException.class, e).getMessage());
    }

    @Test
    void errors_name_the_field_and_the_bad_value() {
        KMeansConfig c = KMeansConfig.defaults(3);
        fails("k must be in [2, 10000], was 0", () -> c.withK(0));
        fails("k must be in [2, 10000], was 10001", () -> c.withK(10_001));
        fails("maxIterations must be in [1, 100000], was 0", () -> c.withMaxIterations(0));
        fails("tolerance must be finite and >= 0, was -1.0", () -> c.withTolerance(-1));
        fails("tolerance must be finite and >= 0, was NaN", () -> c.withTolerance(Double.NaN));
        fails("threads must be in [1, 1024], was 0", () -> c.withThreads(0));
        fails("nInit must be in [1, 1000], was 0", () -> c.withNInit(0));
        fails("metric must be one of euclidean, cosine, was null", () -> c.withMetric(null));
        fails("init must be one of kmeans++, random-rows, was null", () -> c.withInit(null));
    }

    @Test
    void mini_batch_errors_name_the_field_and_the_bad_value() {
        MiniBatchConfig c = MiniBatchConfig.defaults(3);
        fails("batchSize must be in [16, 1048576], was 8", () -> c.withBatchSize(8));
        fails("maxSteps must be in [1, 10000000], was 0", () -> c.withMaxSteps(0));
        fails("k must be in [2, 10000], was 1", () -> new MiniBatchConfig(1, Metric.EUCLIDEAN, 64, 1, 0, 1, 1));
    }

    @Test
    void matrix_checks_its_shape() {
        fails("data length must be rows * cols = 6, was 5", () -> new Matrix(new float[5], 2, 3));
        fails("row 1 must have length 2 like row 0, was 3", () -> Matrix.of(new float[][] {{1, 2}, {1, 2, 3}}));
    }
}
