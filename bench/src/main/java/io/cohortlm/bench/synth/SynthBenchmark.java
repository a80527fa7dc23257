package io.cohortlm.bench.synth;

import io.cohortlm.bench.BenchResult;
import io.cohortlm.bench.Benchmark;
import io.cohortlm.data.Interactions;
import io.cohortlm.profile.ProfileConfig;
import io.cohortlm.profile.ProfileTextBuilder;
import io.cohortlm.profile.ProfileTexts;
import io.cohortlm.synth.SyntheticConfig;
import io.cohortlm.synth.SyntheticData;
import io.cohortlm.synth.SyntheticGenerator;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code bench/run synth [SPEC ...]}: generation and profile-writing throughput at scale. Each argument is a
 * synthetic spec (default {@code users=1000000}); per spec it reports wall and process CPU seconds (CPU time is the
 * figure to compare on a shared machine), rows created and retained heap.
 */
public final class SynthBenchmark implements Benchmark {
    @Override
    public String name() {
        return "synth";
    }

    @Override
    public String description() {
        return "synthetic generation + profile texts at scale (args: synthetic specs, default users=1000000)";
    }

    @Override
    public BenchResult run(List<String> args, Path out) {
        List<String> specs = args.isEmpty() ? List.of("users=1000000") : args;
        BenchResult r = new BenchResult().header("spec", "stage", "wall s", "cpu s", "rows", "heap MB");
        for (String spec : specs) {
            SyntheticConfig c = SyntheticConfig.parse(spec);
            System.gc();
            long w0 = System.nanoTime();
            long p0 = cpu();
            SyntheticData d = SyntheticGenerator.generate(c);
            double genWall = (System.nanoTime() - w0) / 1e9;
            double genCpu = (cpu() - p0) / 1e9;
            System.gc();
            Runtime rt = Runtime.getRuntime();
            long heap = (rt.totalMemory() - rt.freeMemory()) >> 20;
            r.row(c.toSpec(), "generate", genWall, genCpu, d.dataset().events().size() + " events, "
                    + d.dataset().items().size() + " items", heap);
            w0 = System.nanoTime();
            p0 = cpu();
            Interactions in = Interactions.byUser(d.dataset());
            ProfileTexts p = new ProfileTextBuilder(ProfileConfig.defaults()).build(d.dataset(), in);
            r.row(c.toSpec(), "profiles", (System.nanoTime() - w0) / 1e9, (cpu() - p0) / 1e9,
                    p.size() + " texts, " + p.shortened() + " shortened", "");
            r.put(c.toSpec() + ".generate_wall_s", genWall);
            r.put(c.toSpec() + ".generate_cpu_s", genCpu);
            r.put(c.toSpec() + ".heap_mb", heap);
        }
        return r;
    }

    private static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
