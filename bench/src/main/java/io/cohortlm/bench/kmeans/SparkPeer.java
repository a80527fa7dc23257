package io.cohortlm.bench.kmeans;

import io.cohortlm.segment.Matrix;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.mllib.clustering.KMeans;
import org.apache.spark.mllib.clustering.KMeansModel;
import org.apache.spark.mllib.linalg.Vector;
import org.apache.spark.mllib.linalg.Vectors;
import org.apache.spark.storage.StorageLevel;

/**
 * Apache Spark MLlib 3.5 {@code KMeans} (RDD API) in local mode, {@code local[threads]}, from the same start
 * centroids ({@code setInitialModel}), data cached in memory before timing.
 */
final class SparkPeer implements Peer {
    /** Rows for the partitions: local mode runs tasks in this JVM, so they read it without serialising it. */
    private static volatile Matrix shared;
    private JavaSparkContext jsc;
    private JavaRDD<Vector> rdd;
    private JavaRDD<Vector> warm;
    private KMeansModel start;
    private int k;

    @Override
    public String name() {
        return "spark_mllib";
    }

    @Override
    public String init() {
        return "same start centroids (setInitialModel)";
    }

    @Override
    public void load(Matrix data, Matrix init, int threads, long seed) {
        shared = data;
        k = init.rows();
        SparkConf conf = new SparkConf().setMaster("local[" + threads + "]").setAppName("cohortlm-kmeans-bench")
                .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1");
        jsc = new JavaSparkContext(conf);
        jsc.setLogLevel("WARN");
        int parts = threads * 4;
        rdd = rows(jsc, parts, data.rows()).persist(StorageLevel.MEMORY_ONLY());
        rdd.count();
        warm = rows(jsc, parts, Math.max(k * 10, data.rows() / 10)).persist(StorageLevel.MEMORY_ONLY());
        warm.count();
        Vector[] centres = new Vector[k];
        for (int c = 0; c < k; c++) {
            float[] r = init.row(c);
            double[] dr = new double[r.length];
            for (int j = 0; j < r.length; j++) {
                dr[j] = r[j];
            }
            centres[c] = Vectors.dense(dr);
        }
        start = new KMeansModel(centres);
    }

    /** Static, so the task closure captures only two ints (an instance method's closure would drag in this). */
    private static JavaRDD<Vector> rows(JavaSparkContext jsc, int parts, int n) {
        List<Integer> ids = new ArrayList<>();
        for (int p = 0; p < parts; p++) {
            ids.add(p);
        }
        return jsc.parallelize(ids, parts).flatMap(p -> new RowIterator(shared, (int) ((long) n * p / parts),
                (int) ((long) n * (p + 1) / parts)));
    }

    private static final class RowIterator implements Iterator<Vector> {
        private final Matrix m;
        private final int to;
        private int i;

        RowIterator(Matrix m, int from, int to) {
            this.m = m;
            this.i = from;
            this.to = to;
        }

        @Override
        public boolean hasNext() {
            return i < to;
        }

        @Override
        public Vector next() {
            float[] r = m.row(i++);
            double[] dr = new double[r.length];
            for (int j = 0; j < r.length; j++) {
                dr[j] = r[j];
            }
            return Vectors.dense(dr);
        }
    }

    @Override
    public double run(int iterations, boolean warmUp) {
        long t = System.nanoTime();
        new KMeans().setK(k).setMaxIterations(iterations).setInitialModel(start).setEpsilon(0.0)
                .run((warmUp ? warm : rdd).rdd());
        return (System.nanoTime() - t) / 1e9;
    }

    @Override
    public void close() {
        if (jsc != null) {
            jsc.close();
        }
        shared = null;
    }
}
