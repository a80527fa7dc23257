package io.cohortlm.bench.kmeans;

import io.cohortlm.bench.BenchResult;
import io.cohortlm.bench.Benchmark;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.util.Statistics;

/**
 * {@code bench/run assign-jmh [--d 384] [--k 200] [--quick]}: runs the {@link AssignBench} JMH benchmark (one
 * forked JVM, SampleTime) and reports p50 / p90 / p99 / p99.9 of one single-user assignment in microseconds. The
 * goal is p50 &le; 5 µs and p99 &le; 10 µs at d = 384, k = 200, one thread.
 */
public final class AssignJmhBenchmark implements Benchmark {
    @Override
    public String name() {
        return "assign-jmh";
    }

    @Override
    public String description() {
        return "JMH SampleTime latency of SegmentModel.assign for one user (d=384, k=200, one thread)";
    }

    @Override
    public BenchResult run(List<String> args, Path out) throws Exception {
        String d = "384";
        String k = "200";
        boolean quick = false;
        for (int i = 0; i < args.size(); i++) {
            switch (args.get(i)) {
                case "--d" -> d = args.get(++i);
                case "--k" -> k = args.get(++i);
                case "--quick" -> quick = true;
                default -> throw new IllegalArgumentException("assign-jmh: unknown option " + args.get(i));
            }
        }
        ChainedOptionsBuilder o = new OptionsBuilder().include(AssignBench.class.getName() + ".assign")
                .param("d", d).param("k", k);
        if (quick) {
            o.warmupIterations(2).warmupTime(TimeValue.seconds(1)).measurementIterations(3)
                    .measurementTime(TimeValue.seconds(1));
        }
        Collection<RunResult> results = new Runner(o.build()).run();
        BenchResult r = new BenchResult();
        r.header("d", "k", "p50 µs", "p90 µs", "p99 µs", "p99.9 µs", "samples");
        for (RunResult rr : results) {
            Statistics s = rr.getPrimaryResult().getStatistics();
            double p50 = s.getPercentile(50);
            double p99 = s.getPercentile(99);
            r.row(d, k, p50, s.getPercentile(90), p99, s.getPercentile(99.9), s.getN());
            r.put("d", Integer.parseInt(d));
            r.put("k", Integer.parseInt(k));
            r.put("p50_us", p50);
            r.put("p90_us", s.getPercentile(90));
            r.put("p99_us", p99);
            r.put("p999_us", s.getPercentile(99.9));
            r.put("mean_us", s.getMean());
            r.put("samples", s.getN());
            r.put("goal", "p50 <= 5 us, p99 <= 10 us");
            r.put("goal_met", p50 <= 5 && p99 <= 10);
        }
        r.put("mode", "JMH SampleTime, 1 fork, 1 thread" + (quick ? ", quick (2x1 s warm-up, 3x1 s)" : ", 3x2 s warm-up, 5x2 s"));
        return r;
    }
}
