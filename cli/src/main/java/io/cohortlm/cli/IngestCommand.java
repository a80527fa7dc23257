package io.cohortlm.cli;

import io.cohortlm.ingest.BadRowPolicy;
import io.cohortlm.ingest.DataSources;
import io.cohortlm.ingest.DatasetStore;
import io.cohortlm.ingest.IngestOptions;
import io.cohortlm.ingest.IngestResult;
import io.cohortlm.ingest.IngestSummary;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cohortlm ingest}: reads a data source and writes the normalised dataset plus summary.json. */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = "Read a dataset and write it normalised (users.csv, items.csv, events.bin, dataset.json) "
                + "with summary.json.")
final class IngestCommand implements Callable<Integer> {
    @Option(names = "--data", required = true, paramLabel = "FORMAT:PATH",
            description = "Data source: csv, tsv, jsonl, movielens, online-retail, dataset or synthetic, e.g. "
                    + "online-retail:data/online-retail-sample/online_retail_sample.csv.gz")
    String data;

    @Option(names = "--mapping", paramLabel = "FILE", description = "Mapping file (YAML/JSON) for csv, tsv, jsonl.")
    Path mapping;

    @Option(names = "--on-bad-row", paramLabel = "POLICY", defaultValue = "fail",
            description = "fail (default), skip or quarantine.")
    String onBadRow;

    @Option(names = "--max-errors", paramLabel = "N", defaultValue = "" + IngestOptions.DEFAULT_MAX_ERRORS,
            description = "Most bad rows tolerated under skip / quarantine (default: ${DEFAULT-VALUE}).")
    int maxErrors;

    @Option(names = "--reject-file", paramLabel = "FILE",
            description = "Where quarantined rows go (.csv or .jsonl; default OUT/rejects.csv).")
    Path rejectFile;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
    Path out;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        IngestOptions options = options();
        long t0 = System.nanoTime();
        IngestResult r = DataSources.standard().ingest(data, options);
        DatasetStore.write(r.dataset(), out);
        r.summary().write(out.resolve("summary.json"));
        if (r.truth() != null) {
            try {
                r.truth().write(out.resolve(io.cohortlm.synth.GroundTruth.FILE_NAME), r.dataset().users());
            } catch (java.io.IOException e) {
                throw new io.cohortlm.CohortException("cannot write " + out.resolve("truth.csv") + ": " + e.getMessage(), e);
            }
        }
        render(r.summary(), (System.nanoTime() - t0) / 1e9, options);
        return Main.EXIT_OK;
    }

    private IngestOptions options() {
        BadRowPolicy policy = switch (onBadRow.strip().toLowerCase(Locale.ROOT)) {
            case "fail" -> BadRowPolicy.FAIL;
            case "skip" -> BadRowPolicy.SKIP;
            case "quarantine" -> BadRowPolicy.QUARANTINE;
            default -> throw usage("--on-bad-row must be fail, skip or quarantine, was '" + onBadRow + "'");
        };
        if (maxErrors < 0) {
            throw usage("--max-errors must be >= 0, was " + maxErrors);
        }
        if (rejectFile != null && policy != BadRowPolicy.QUARANTINE) {
            throw usage("--reject-file needs --on-bad-row quarantine");
        }
        Path rejects = policy == BadRowPolicy.QUARANTINE ? (rejectFile != null ? rejectFile
                : out.resolve("rejects.csv")) : null;
        return IngestOptions.defaults().withPolicy(policy, rejects).withMaxErrors(maxErrors).withMapping(mapping);
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    private void render(IngestSummary s, double seconds, IngestOptions options) {
        PrintWriter o = spec.commandLine().getOut();
        o.printf(Locale.ROOT, "read %,d rows from %s in %.1f s: %,d accepted, %,d excluded, %,d rejected%n",
                s.rowsRead(), s.source(), seconds, s.accepted(), s.excludedTotal(), s.rejected());
        for (Map.Entry<String, Long> e : s.excluded().entrySet()) {
            o.printf(Locale.ROOT, "  excluded %-24s %,d%n", e.getKey(), e.getValue());
        }
        for (Map.Entry<String, Long> e : s.details().entrySet()) {
            o.printf(Locale.ROOT, "  %-33s %,d%n", e.getKey(), e.getValue());
        }
        o.printf(Locale.ROOT, "dataset: %,d users, %,d items, %,d events -> %s%n", s.users(), s.items(), s.events(),
                out);
        if (s.rejected() > 0 && options.rejectFile() != null) {
            o.printf(Locale.ROOT, "rejected rows: %s%n", options.rejectFile());
        }
        o.printf(Locale.ROOT, "summary: %s%n", out.resolve("summary.json"));
        o.flush();
    }
}
