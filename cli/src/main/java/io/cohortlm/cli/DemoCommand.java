package io.cohortlm.cli;

import io.cohortlm.CohortException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cohortlm demo}: runs every stage that exists, on bundled data, offline — exactly the commands a user
 * would type, in order, so the demo cannot drift from the CLI. Two scenarios: e-commerce in English (the bundled
 * UCI Online Retail sample) and a Chinese synthetic catalogue with planted segments.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run every stage on the bundled data (no network) and print what it did.")
final class DemoCommand implements Callable<Integer> {
    static final String RETAIL_SAMPLE = "data/online-retail-sample/online_retail_sample.csv.gz";

    @Option(names = "--out", defaultValue = "out/demo", paramLabel = "DIR", description = "Output folder (default "
            + "${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--sample", paramLabel = "FILE", description = "The Online Retail sample (default: the bundled "
            + RETAIL_SAMPLE + ").")
    Path sample;

    @Option(names = "--quiet", description = "No progress bars.")
    boolean quiet;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter o = spec.commandLine().getOut();
        Path retail = sample != null ? sample : locateSample();
        String root = out.toString();
        List<String> q = quiet ? List.of("--quiet") : List.of();
        long t0 = System.nanoTime();

        o.println("== CohortLM demo: e-commerce (UCI Online Retail sample, English) ==");
        step(o, "ingest", "--data", "online-retail:" + retail, "--out", root + "/retail/data");
        step(o, "embed", with(q, "--data", "dataset:" + root + "/retail/data", "--out", root + "/retail/vectors",
                "--force"));
        step(o, "segment", "--vectors", root + "/retail/vectors", "--data", "dataset:" + root + "/retail/data",
                "--out", root + "/retail/model", "--force");
        step(o, "explain", "--model", root + "/retail/model", "--vectors", root + "/retail/vectors", "--data",
                "dataset:" + root + "/retail/data", "--out", root + "/retail/explain", "--force");
        step(o, "assign", "--model", root + "/retail/model", "--input", root + "/retail/vectors", "--out",
                root + "/retail/assignments.csv");
        step(o, "evaluate", with(q, "--data", "dataset:" + root + "/retail/data", "--seeds", "0", "--out",
                root + "/retail/evaluation"));
        step(o, "package", "--model", root + "/retail/model", "--vectors", root + "/retail/vectors", "--data",
                "dataset:" + root + "/retail/data", "--explain", root + "/retail/explain", "--evaluation",
                root + "/retail/evaluation", "--out", root + "/model", "--force");
        o.println();
        o.println("$ cohortlm serve --model " + root + "/model   (started in-process on a free port for a smoke test)");
        o.flush();
        DemoServe.smoke(Path.of(root, "model"), Path.of(root, "model.state"), o);

        o.println();
        o.println("== CohortLM demo: content catalogue (synthetic, Chinese, segments planted only in item text) ==");
        step(o, "ingest", "--data", "synthetic:users=1200,segments=5,lang=zh,signals=text,seed=7", "--out",
                root + "/zh/data");
        step(o, "embed", with(q, "--data", "dataset:" + root + "/zh/data", "--encoder", "bge-zh-q", "--views",
                "items", "--out", root + "/zh/vectors", "--force"));
        step(o, "segment", "--vectors", root + "/zh/vectors", "--data", "dataset:" + root + "/zh/data", "--truth",
                root + "/zh/data/truth.csv", "--out", root + "/zh/model", "--force");
        step(o, "explain", "--model", root + "/zh/model", "--vectors", root + "/zh/vectors", "--data",
                "dataset:" + root + "/zh/data", "--language", "zh", "--out", root + "/zh/explain", "--force");

        o.printf(Locale.ROOT, "%nreports: %s and %s%n", Path.of(root, "retail", "explain", "report.html"),
                Path.of(root, "zh", "explain", "report.html"));
        o.printf(Locale.ROOT, "serve the e-commerce model: COHORTLM_API_KEY=<16+ chars> ./cohortlm serve --model %s%n",
                Path.of(root, "model"));
        o.printf(Locale.ROOT, "%ndemo finished in %.0f s; everything is under %s%n", (System.nanoTime() - t0) / 1e9,
                out.toAbsolutePath());
        o.flush();
        return Main.EXIT_OK;
    }

    private static String[] with(List<String> extra, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(extra);
        return all.toArray(String[]::new);
    }

    private void step(PrintWriter o, String command, String... args) {
        o.println();
        o.println("$ cohortlm " + command + " " + String.join(" ", args));
        o.flush();
        List<String> argv = new ArrayList<>();
        argv.add(command);
        argv.addAll(List.of(args));
        int code = Main.run(argv.toArray(String[]::new), o, new PrintWriter(System.err, true));
        if (code != Main.EXIT_OK) {
            throw new CohortException("demo step 'cohortlm " + command + "' failed with exit code " + code);
        }
    }

    /** The bundled sample, found from the working directory or the launcher's repository root. */
    private static Path locateSample() {
        List<Path> candidates = new ArrayList<>();
        candidates.add(Path.of(RETAIL_SAMPLE));
        String home = System.getProperty("cohortlm.home");
        if (home != null) {
            candidates.add(Path.of(home, RETAIL_SAMPLE));
        }
        for (Path p : candidates) {
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new CohortException("bundled sample " + RETAIL_SAMPLE + " not found; run the demo from the repository "
                + "root or pass --sample FILE");
    }
}
