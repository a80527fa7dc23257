package io.cohortlm.segment;

import io.cohortlm.CohortException;
import java.util.SplittableRandom;

/**
 * Seeded synthetic data with planted segments: {@code k} centres drawn from N(0, spread²) per coordinate, each
 * row a centre (chosen uniformly) plus N(0, noise²) per coordinate. Used by tests (recovery of planted segments)
 * and benchmarks (the same data for every implementation).
 *
 * @param n      rows, &ge; 1
 * @param d      dimension, &ge; 1
 * @param k      planted segments, &ge; 1
 * @param spread standard deviation of the centres' coordinates, &gt; 0
 * @param noise  standard deviation of a row around its centre, &ge; 0
 * @param seed   seed of every draw
 */
public record GaussianBlobs(int n, int d, int k, double spread, double noise, long seed) {
    public GaussianBlobs {
        if (n < 1) {
            throw new CohortException("n must be >= 1, was " + n);
        }
        if (d < 1) {
            throw new CohortException("d must be >= 1, was " + d);
        }
        if (k < 1) {
            throw new CohortException("k must be >= 1, was " + k);
        }
        if (!(spread > 0)) {
            throw new CohortException("spread must be > 0, was " + spread);
        }
        if (!(noise >= 0)) {
            throw new CohortException("noise must be >= 0, was " + noise);
        }
    }

    /** Generated rows, the planted segment of each row, and the planted centres. */
    public record Sample(Matrix data, int[] truth, Matrix centres) {
    }

    public Sample generate() {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] centres = new float[k * d];
        for (int i = 0; i < centres.length; i++) {
            centres[i] = (float) (gaussian(rnd) * spread);
        }
        float[] data = new float[Math.multiplyExact(n, d)];
        int[] truth = new int[n];
        for (int i = 0; i < n; i++) {
            int c = rnd.nextInt(k);
            truth[i] = c;
            for (int j = 0; j < d; j++) {
                data[i * d + j] = (float) (centres[c * d + j] + gaussian(rnd) * noise);
            }
        }
        return new Sample(new Matrix(data, n, d), truth, new Matrix(centres, k, d));
    }

    /** Standard normal by Box–Muller (one value per call; deterministic across JVMs, unlike nextGaussian caching). */
    private static double gaussian(SplittableRandom rnd) {
        double u = 1.0 - rnd.nextDouble();
        double v = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
