package io.cohortlm.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code bench/run NAME [--out DIR] [options]}: runs one benchmark, prints its table, writes DIR/NAME.json. */
public final class BenchMain {
    private BenchMain() {
    }

    /** Every benchmark, by name. Add new ones here. */
    static Map<String, Benchmark> registry() {
        Map<String, Benchmark> m = new LinkedHashMap<>();
        // register benchmarks here: m.put(b.name(), b);
        for (Benchmark b : List.<Benchmark>of(
                new IngestBenchmark(),
                new io.cohortlm.bench.synth.SynthBenchmark(),
                new io.cohortlm.bench.embed.EmbedBenchmark(),
                new io.cohortlm.bench.kmeans.KMeansBenchmark(),
                new io.cohortlm.bench.kmeans.AssignJmhBenchmark(),
                new RedactBenchmark(),
                new PropensityBench(),
                new ReportBench(),
                new EvaluateBenchmark(),
                new io.cohortlm.bench.serve.ServeLoadBenchmark())) {
            m.put(b.name(), b);
        }
        return m;
    }

    public static void main(String[] argv) throws Exception {
        Map<String, Benchmark> reg = registry();
        if (argv.length == 0 || argv[0].equals("list")) {
            reg.values().forEach(b -> System.out.printf("%-10s %s%n", b.name(), b.description()));
            return;
        }
        Benchmark b = reg.get(argv[0]);
        if (b == null) {
            System.err.println("bench: unknown benchmark '" + argv[0] + "'; known: " + reg.keySet());
            System.exit(2);
        }
        Path out = Path.of("bench-results");
        List<String> rest = new ArrayList<>();
        for (int i = 1; i < argv.length; i++) {
            if (argv[i].equals("--out") && i + 1 < argv.length) {
                out = Path.of(argv[++i]);
            } else {
                rest.add(argv[i]);
            }
        }
        Files.createDirectories(out);
        BenchResult r = b.run(rest, out);
        r.put("benchmark", b.name());
        r.put("java", System.getProperty("java.version"));
        r.put("cores", Runtime.getRuntime().availableProcessors());
        System.out.print(r.table());
        Path json = out.resolve(b.name() + ".json");
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), r.json());
        System.out.println("wrote " + json);
    }
}
