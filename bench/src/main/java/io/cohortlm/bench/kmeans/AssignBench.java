package io.cohortlm.bench.kmeans;

import io.cohortlm.segment.Assignment;
import io.cohortlm.segment.GaussianBlobs;
import io.cohortlm.segment.KMeansClusterer;
import io.cohortlm.segment.KMeansConfig;
import io.cohortlm.segment.Matrix;
import io.cohortlm.segment.SegmentModel;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH: latency of {@link SegmentModel#assign(float[])} for one user, one thread — the serving hot path.
 * SampleTime mode so p50/p99 come out of the sample distribution. d = 384 (MiniLM / bge-small vectors) and
 * k = 200 segments by default. Queries cycle through 4096 distinct vectors not seen in training, so the timing
 * includes reading the query from memory but the 300 KB of transposed centroids stay in L2 as in a warm server.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx2g"})
@Threads(1)
public class AssignBench {
    @Param({"384"})
    int d;
    @Param({"200"})
    int k;

    private SegmentModel model;
    private float[][] queries;
    private int next;

    @Setup
    public void setUp() {
        Matrix train = new GaussianBlobs(4 * k * 10, d, k, 1.0, 1.0, 1).generate().data();
        model = new KMeansClusterer(KMeansConfig.defaults(k).withThreads(1).withMaxIterations(5)).fit(train);
        queries = new GaussianBlobs(4096, d, k, 1.0, 1.0, 2).generate().data().toArrays();
    }

    @Benchmark
    public Assignment assign() {
        return model.assign(queries[next++ & 4095]);
    }
}
