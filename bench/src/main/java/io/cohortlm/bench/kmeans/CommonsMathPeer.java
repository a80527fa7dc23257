package io.cohortlm.bench.kmeans;

import io.cohortlm.segment.Matrix;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.ml.clustering.DoublePoint;
import org.apache.commons.math3.ml.clustering.KMeansPlusPlusClusterer;
import org.apache.commons.math3.ml.distance.EuclideanDistance;
import org.apache.commons.math3.random.JDKRandomGenerator;

/** Apache Commons Math 3.6.1 {@code KMeansPlusPlusClusterer}: single-threaded. */
final class CommonsMathPeer implements Peer {
    private List<DoublePoint> points;
    private int k;
    private long seed;

    @Override
    public String name() {
        return "commons_math";
    }

    @Override
    public String init() {
        return "own k-means++ (no start-centroid API); single thread; timed by difference, so seeding is excluded";
    }

    @Override
    public void load(Matrix data, Matrix init, int threads, long seed) {
        this.k = init.rows();
        this.seed = seed;
        points = new ArrayList<>(data.rows());
        for (int i = 0; i < data.rows(); i++) {
            float[] r = data.row(i);
            double[] dr = new double[r.length];
            for (int j = 0; j < r.length; j++) {
                dr[j] = r[j];
            }
            points.add(new DoublePoint(dr));
        }
    }

    @Override
    public double run(int iterations, boolean warmUp) {
        List<DoublePoint> in = warmUp ? points.subList(0, Math.max(k * 10, points.size() / 10)) : points;
        JDKRandomGenerator rnd = new JDKRandomGenerator();
        rnd.setSeed(seed);
        long t = System.nanoTime();
        new KMeansPlusPlusClusterer<DoublePoint>(k, iterations, new EuclideanDistance(), rnd).cluster(in);
        return (System.nanoTime() - t) / 1e9;
    }

    @Override
    public void close() {
        points = null;
    }
}
