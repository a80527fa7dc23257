package io.cohortlm.bench.kmeans;

import io.cohortlm.segment.Matrix;
import java.util.Arrays;
import smile.clustering.KMeans;

/** Smile 3.1.1 {@code KMeans.lloyd} (GPL-3.0; benchmark only). Parallel streams on the common pool. */
final class SmilePeer implements Peer {
    private double[][] x;
    private int k;

    @Override
    public String name() {
        return "smile";
    }

    @Override
    public String init() {
        return "own k-means++ (Smile's lloyd takes no start centroids); timed by difference, so seeding is excluded";
    }

    @Override
    public void load(Matrix data, Matrix init, int threads, long seed) {
        smile.math.MathEx.setSeed(seed);
        k = init.rows();
        x = new double[data.rows()][];
        for (int i = 0; i < data.rows(); i++) {
            float[] r = data.row(i);
            double[] dr = new double[r.length];
            for (int j = 0; j < r.length; j++) {
                dr[j] = r[j];
            }
            x[i] = dr;
        }
    }

    @Override
    public double run(int iterations, boolean warmUp) {
        double[][] in = warmUp ? Arrays.copyOf(x, Math.max(k * 10, x.length / 10)) : x;
        long t = System.nanoTime();
        KMeans.lloyd(in, k, iterations, 0.0);
        return (System.nanoTime() - t) / 1e9;
    }

    @Override
    public void close() {
        x = null;
    }
}
