package io.cohortlm.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.cohortlm.CohortException;
import io.cohortlm.data.Dataset;
import io.cohortlm.embed.CachedEncoder;
import io.cohortlm.evaluate.EvaluationConfig;
import io.cohortlm.evaluate.EvaluationReport;
import io.cohortlm.evaluate.ReportHtml;
import io.cohortlm.evaluate.SegmentEvaluation;
import io.cohortlm.evaluate.Splits;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code cohortlm evaluate}: do segments make recommendations better — for whom, by how much? */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Evaluate segment-aware recommendation against strong baselines (popularity, demographic "
                + "popularity, ItemKNN, EASE, iALS, content) under named protocols, with an ablation of the views.")
final class EvaluateCommand implements Callable<Integer> {
    @Mixin
    DataInput input;

    @Mixin
    EncoderOptions encoderOptions;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder (evaluation.json, "
            + "evaluation.html).")
    Path out;

    @Option(names = "--protocol", defaultValue = "all", description = "random, temporal, cold, fewshot, text, "
            + "cold-items or all (default), comma-separated.")
    String protocol;

    @Option(names = "--k", defaultValue = "auto", description = "Number of segments, or auto (default).")
    String k;

    @Option(names = "--seeds", defaultValue = "0,1,2", description = "Seeds of the random protocol (default "
            + "${DEFAULT-VALUE}).")
    String seeds;

    @Option(names = "--no-text", description = "Leave out the item-text (language model) view.")
    boolean noText;

    @Option(names = "--no-ablation", description = "Skip the ablation of the views.")
    boolean noAblation;

    @Option(names = "--no-tune", description = "Use default hyper-parameters (no validation tuning).")
    boolean noTune;

    @Option(names = "--seed", defaultValue = "42", description = "The one seed of every random choice.")
    long seed;

    @Option(names = "--threads", description = "Worker threads (default: all cores; results do not depend on it).")
    Integer threads;

    @Option(names = "--quiet", description = "No progress output.")
    boolean quiet;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        EvaluationConfig config = config();
        int fixedK = parseK();
        Dataset data = input.load().dataset();
        long t0 = System.nanoTime();
        SegmentEvaluation.Outcome outcome;
        if (noText) {
            outcome = new SegmentEvaluation(config, null, fixedK, seed, !noAblation).run(data);
        } else {
            try (CachedEncoder encoder = encoderOptions.cached(quiet)) {
                outcome = new SegmentEvaluation(config, encoder, fixedK, seed, !noAblation).run(data);
            }
        }
        Files.createDirectories(out);
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        json.writeValue(out.resolve("evaluation.json").toFile(), outcome.json());
        Files.writeString(out.resolve("evaluation.html"), ReportHtml.render(outcome.report()), StandardCharsets.UTF_8);
        render(outcome, (System.nanoTime() - t0) / 1e9);
        return Main.EXIT_OK;
    }

    private int parseK() {
        if (k.equalsIgnoreCase("auto")) {
            return 0;
        }
        try {
            int v = Integer.parseInt(k);
            if (v < 2) {
                throw usage("--k must be auto or ≥ 2, was " + k);
            }
            return v;
        } catch (NumberFormatException e) {
            throw usage("--k must be auto or a number, was '" + k + "'");
        }
    }

    private EvaluationConfig config() {
        List<String> protocols = new ArrayList<>();
        for (String p : protocol.split(",")) {
            String name = p.strip().toLowerCase(Locale.ROOT);
            if (name.equals("all")) {
                protocols.addAll(EvaluationConfig.PROTOCOLS);
            } else if (EvaluationConfig.PROTOCOLS.contains(name)) {
                protocols.add(name);
            } else {
                throw usage("--protocol must be random, temporal, cold, fewshot, text, cold-items or all, was '" + p + "'");
            }
        }
        List<Long> s = new ArrayList<>();
        for (String p : seeds.split(",")) {
            try {
                s.add(Long.parseLong(p.strip()));
            } catch (NumberFormatException e) {
                throw usage("--seeds must be comma-separated integers, was '" + seeds + "'");
            }
        }
        EvaluationConfig c = EvaluationConfig.defaults().withProtocols(protocols.stream().distinct().toList(), s)
                .withMethods(EvaluationConfig.METHODS, !noTune);
        return threads == null ? c : c.withThreads(threads);
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    /** The cold-items summary: new items against the same items when warm, old items, audience AUC. */
    private static void newItems(PrintWriter w, EvaluationReport report) {
        if (report.rows(Splits.COLD_ITEMS_NEW, "all").isEmpty()) {
            return;
        }
        w.printf(Locale.ROOT, "%n  new items (cold-items)  %-24s %12s %12s %8s %12s %12s %8s%n", "method",
                "new rec@20", "warm rec@20", "ratio", "old ndcg@10", "(all warm)", "aud. AUC");
        for (EvaluationReport.Result r : report.rows(Splits.COLD_ITEMS_NEW, "all")) {
            double cold = r.metrics().get("recall@20");
            double warm = report.rows(Splits.COLD_ITEMS_WARM_NEW, "all").stream()
                    .filter(x -> x.method().equals(r.method())).mapToDouble(x -> x.metrics().get("recall@20"))
                    .findFirst().orElse(Double.NaN);
            double old = report.rows(Splits.COLD_ITEMS_OLD, "all").stream()
                    .filter(x -> x.method().equals(r.method())).mapToDouble(x -> x.metrics().get("ndcg@10"))
                    .findFirst().orElse(Double.NaN);
            double oldWarm = report.rows(Splits.COLD_ITEMS_WARM_OLD, "all").stream()
                    .filter(x -> x.method().equals(r.method())).mapToDouble(x -> x.metrics().get("ndcg@10"))
                    .findFirst().orElse(Double.NaN);
            double auc = report.audience().stream().filter(a -> a.method().equals(r.method()))
                    .mapToDouble(EvaluationReport.Audience::auc).findFirst().orElse(Double.NaN);
            w.printf(Locale.ROOT, "  %-23s %-24s %12.4f %12.4f %8.3f %12.4f %12.4f %8.3f%n", "", r.method(), cold,
                    warm, cold / warm, old, oldWarm, auc);
        }
    }

    private void render(SegmentEvaluation.Outcome o, double seconds) {
        PrintWriter w = spec.commandLine().getOut();
        JsonNode seg = o.json().get("segmentation");
        w.printf(Locale.ROOT, "evaluated in %.0f s -> %s%n", seconds, out.resolve("evaluation.json"));
        w.printf(Locale.ROOT, "segments: k=%d from views %s (weights %s): %s%n", seg.get("k").asInt(),
                seg.get("views").asText(), seg.path("view_weights").asText(), seg.path("reason").asText());
        if (seg.has("coarse")) {
            JsonNode co = seg.get("coarse");
            w.printf(Locale.ROOT, "coarse segments (for people to read): k=%d, sizes %s: %s%n", co.get("k").asInt(),
                    co.path("sizes").toString(), co.path("reason").asText());
        }
        String last = "";
        for (EvaluationReport.Result r : o.report().results()) {
            if (!r.cohort().equals("all") || r.protocol().startsWith("random-seed")) {
                continue;
            }
            if (!r.protocol().equals(last)) {
                w.printf(Locale.ROOT, "%n  protocol %-9s %-24s %7s %8s %8s %8s %8s%n", r.protocol(), "method", "users",
                        "ndcg@10", "recall@10", "hit@10", "mrr@10");
                last = r.protocol();
            }
            w.printf(Locale.ROOT, "  %-18s %-24s %7d %8.4f %8.4f %8.4f %8.4f%n", "", r.method(), r.users(),
                    r.metrics().get("ndcg@10"), r.metrics().get("recall@10"), r.metrics().get("hit@10"),
                    r.metrics().get("mrr@10"));
        }
        newItems(w, o.report());
        JsonNode sig = o.json().get("significance");
        if (sig != null && sig.size() > 0) {
            w.println();
            for (JsonNode s : sig) {
                w.printf(Locale.ROOT, "  %-9s %s %.4f vs %s %.4f (%s, %d users): paired t p=%.3g%n",
                        s.path("protocol").asText(), s.path("method").asText(), s.path("methodMean").asDouble(),
                        s.path("baseline").asText(), s.path("baselineMean").asDouble(), s.path("metric").asText(),
                        s.path("users").asInt(), s.path("pairedT").path("p").asDouble());
            }
        }
        JsonNode ab = o.json().get("ablation");
        if (ab != null) {
            w.printf(Locale.ROOT, "%n  ablation (random protocol, k=%d)  %-10s %10s %16s%n", seg.get("k").asInt(),
                    "lift", "silhouette", "seg-pop ndcg@10");
            for (JsonNode r : ab) {
                w.printf(Locale.ROOT, "  %-32s %+10.3f %10.3f %16.4f%n", r.get("segments_from").asText(),
                        r.get("lift_nats").asDouble(), r.get("silhouette").asDouble(),
                        r.path("random").path("segment-popularity").path("ndcg@10").asDouble(Double.NaN));
            }
        }
        JsonNode lm = o.json().path("language_model").path("rows");
        if (lm.size() > 0) {
            w.printf(Locale.ROOT, "%n  what the language model adds (segment-hybrid ndcg@10: with, without, delta)%n");
            for (JsonNode r : lm) {
                if (r.path("method").asText().equals("segment-hybrid")) {
                    w.printf(Locale.ROOT, "  %-9s %-14s %6d %8.4f %8.4f %+8.4f%n", r.path("protocol").asText(),
                            r.path("cohort").asText(), r.path("users").asInt(), r.path("with").asDouble(),
                            r.path("without").asDouble(), r.path("delta").asDouble());
                }
            }
        }
        w.flush();
    }
}
