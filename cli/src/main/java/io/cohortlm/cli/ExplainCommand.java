package io.cohortlm.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cohortlm.CohortException;
import io.cohortlm.data.Dataset;
import io.cohortlm.explain.SegmentExplainer;
import io.cohortlm.explain.SegmentProfile;
import io.cohortlm.explain.SegmentedUsers;
import io.cohortlm.explain.SurrogateRules;
import io.cohortlm.explain.persona.ChatEndpoint;
import io.cohortlm.explain.persona.ChatPersonaWriter;
import io.cohortlm.explain.persona.FaithfulnessChecker;
import io.cohortlm.explain.persona.Persona;
import io.cohortlm.explain.persona.PersonaFacts;
import io.cohortlm.explain.persona.TemplatePersonaWriter;
import io.cohortlm.export.ExportTable;
import io.cohortlm.export.PrivacyPolicy;
import io.cohortlm.export.Release;
import io.cohortlm.export.SegmentExports;
import io.cohortlm.manifest.DatasetFingerprint;
import io.cohortlm.manifest.RunManifest;
import io.cohortlm.predict.Propensities;
import io.cohortlm.predict.PropensityResult;
import io.cohortlm.privacy.PseudonymKeyConfig;
import io.cohortlm.privacy.Pseudonymizer;
import io.cohortlm.report.HtmlReport;
import io.cohortlm.report.ReportAssembler;
import io.cohortlm.represent.UserVectors;
import io.cohortlm.segment.SegmentBundle;
import io.cohortlm.store.AtomicDirectory;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code cohortlm explain}: profiles, personas, surrogate rules and propensities for a model bundle, written as
 * exports (CSV, JSON Lines, Parquet), {@code explanations.json} and a self-contained {@code report.html}. Every
 * output goes through {@link SegmentExports} — the one minimum-size rule — so a segment below {@code --min-size}
 * never shows its size, statistics or members. The output folder is published atomically.
 */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = "Explain a segmentation: profiles, personas, rules, propensities; exports and an HTML report.")
final class ExplainCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Option(names = "--model", required = true, paramLabel = "MODEL_DIR", description = "Bundle written by "
            + "'cohortlm segment'.")
    Path model;

    @Option(names = "--vectors", required = true, paramLabel = "DIR", description = "Vectors written by "
            + "'cohortlm embed' (the ones the model was fitted on).")
    Path vectors;

    @Mixin
    DataInput input;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
    Path out;

    @Option(names = "--min-size", defaultValue = "10", paramLabel = "N", description = "k-anonymity floor: segments "
            + "with fewer members are merged into 'other' or suppressed in every output (default ${DEFAULT-VALUE}).")
    int minSize;

    @Option(names = "--dp-epsilon", paramLabel = "E", description = "Differential privacy: Laplace-noised sizes in "
            + "the segment table (text columns and the report's details are withheld). Default: off.")
    Double dpEpsilon;

    @Option(names = "--persona", defaultValue = "template", paramLabel = "WRITER", description = "template "
            + "(default, offline) or openai:MODEL@URL (an OpenAI-compatible chat endpoint; key from $OPENAI_API_KEY).")
    String persona;

    @Option(names = "--language", defaultValue = "en", description = "Persona language: en (default) or zh.")
    String language;

    @Option(names = "--dry-run", description = "Print the exact persona prompts (with --persona openai:...) and "
            + "write nothing; nothing is sent.")
    boolean dryRun;

    @Option(names = "--horizon-days", defaultValue = "30", paramLabel = "DAYS", description = "Propensity label "
            + "period: the last DAYS of the data (default ${DEFAULT-VALUE}).")
    double horizonDays;

    @Option(names = "--seed", defaultValue = "42", description = "The one seed of every random choice.")
    long seed;

    @Option(names = "--force", description = "Replace an existing output folder.")
    boolean force;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrivacyPolicy policy = policy();
        TemplatePersonaWriter.Language lang = language();
        ChatEndpoint chat = chatEndpoint();
        if (!(horizonDays > 0) || Double.isInfinite(horizonDays)) {
            throw usage("--horizon-days must be a number > 0, was " + horizonDays);
        }
        PrintWriter o = spec.commandLine().getOut();
        UserVectors v = UserVectors.read(vectors);
        Dataset data = input.load().dataset();
        String fp = DatasetFingerprint.of(data);
        String vfp = v.manifest().inputFingerprint();
        if (!fp.equals(vfp)) {
            throw new CohortException("--data " + input.data + " is not the dataset the vectors in " + vectors
                    + " were built from (fingerprint " + fp.substring(0, 12) + " vs "
                    + vfp.substring(0, Math.min(12, vfp.length())) + ")");
        }
        SegmentBundle bundle = SegmentBundle.read(model);
        if (!bundle.userIds().equals(v.userIds())) {
            throw new CohortException("the model in " + model + " was not fitted on the vectors in " + vectors
                    + " (their user ids differ)");
        }
        Pseudonymizer pseudonymizer = Pseudonymizer.load(PseudonymKeyConfig.defaults(Path.of("")));
        if (data.users().size() > 0 && !pseudonymizer.pseudonymize(data.users().ids().id(0)).equals(v.userIds().get(0))) {
            throw new CohortException("the pseudonym key (" + pseudonymizer.keySource() + ") is not the one the "
                    + "vectors in " + vectors + " were written with; exported ids would not match theirs");
        }

        long t0 = System.nanoTime();
        SegmentedUsers in = segmentedUsers(data, v, bundle);
        SegmentExplainer.Config cfg = SegmentExplainer.Config.defaults();
        SegmentExplainer.Result r = new SegmentExplainer(new SegmentExplainer.Config(cfg.profiles(), cfg.surrogate(),
                lang)).explain(in, pseudonymizer::pseudonymize);
        SegmentExports exports = new SegmentExports(policy);
        Release release = exports.release(in);
        List<Persona> personas = r.personas();
        if (chat != null) {
            ChatPersonaWriter writer = new ChatPersonaWriter(chat, lang == TemplatePersonaWriter.Language.ZH ? "zh"
                    : "en", System::getenv);
            if (dryRun) {
                // Only released segments' facts would ever be sent.
                for (PersonaFacts f : r.facts()) {
                    if (release.isReleased(labelOf(in, f.segmentKey()))) {
                        o.println("--- persona request for " + f.segmentKey() + " -> POST " + chat.baseUrl()
                                + "/v1/chat/completions");
                        o.println(writer.dryRun(f));
                    }
                }
                o.println("dry run: nothing sent, nothing written");
                o.flush();
                return Main.EXIT_OK;
            }
            FaithfulnessChecker checker = FaithfulnessChecker.forDataset(data);
            List<Persona> mixed = new ArrayList<>(personas);
            for (int s = 0; s < mixed.size(); s++) {
                if (release.isReleased(s)) {
                    mixed.set(s, writer.write(r.facts().get(s), checker));
                }
            }
            personas = mixed;
        } else if (dryRun) {
            o.println("dry run: template personas send nothing; nothing written");
            o.flush();
            return Main.EXIT_OK;
        }

        PropensityResult propensity = null;
        String propensityNote = null;
        try {
            // RFM features only: the embed vectors saw every event, so they would leak the label period.
            propensity = new Propensities(horizonDays, 0.3, io.cohortlm.predict.LogisticRegression.defaults(), 50,
                    new io.cohortlm.predict.PermutationImportance(3, seed), 10,
                    io.cohortlm.predict.PhraseRules.defaults(), seed).fit(data, null, in.userSegment());
        } catch (CohortException | IllegalArgumentException | IllegalStateException e) {
            propensityNote = "propensities skipped: " + e.getMessage();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;

        Map<String, Object> runCfg = new LinkedHashMap<>();
        runCfg.put("model", model.toString());
        runCfg.put("vectors", vectors.toString());
        runCfg.put("data", input.data);
        runCfg.put("min_size", minSize);
        runCfg.put("dp_epsilon", policy.epsilon());
        runCfg.put("persona", chat == null ? "template" : "openai:" + chat.model() + "@" + chat.baseUrl());
        runCfg.put("language", lang.name().toLowerCase(Locale.ROOT));
        runCfg.put("horizon_days", horizonDays);
        runCfg.put("pseudonym_key_id", pseudonymizer.keyId());
        RunManifest manifest = RunManifest.of("explain", runCfg, seed, fp, v.manifest().encoder());

        int[] stable = bundle.stableIds();
        ReportAssembler report = new ReportAssembler(in, r, personas, exports, propensity, bundle.map(), stable,
                JSON.convertValue(manifest, Map.class), input.data, seed);
        try (AtomicDirectory dir = AtomicDirectory.begin(out, force)) {
            Path st = dir.staging();
            ExportTable segments = exports.segmentTable(in, r.profiles(), personas, r.features());
            ExportTable members = exports.membershipTable(in, pseudonymizer::pseudonymize);
            SegmentExports.write(segments, st, SegmentExports.allFormats());
            SegmentExports.write(members, st, SegmentExports.allFormats());
            ObjectNode json = exports.report(in, r.profiles(), r.rules(), personas, r.features());
            addPropensity(json, report, release, propensity, propensityNote);
            json.set("manifest", JSON.valueToTree(manifest));
            JSON.writeValue(st.resolve("explanations.json").toFile(), json);
            HtmlReport.write(report.model(), st.resolve("report.html"));
            dir.commit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        render(o, in, r, personas, release, propensity, propensityNote, seconds);
        return Main.EXIT_OK;
    }

    /** The propensity metrics of released segments only (the same release as every other output). */
    private void addPropensity(ObjectNode json, ReportAssembler report, Release release, PropensityResult pr,
            String note) {
        if (pr == null) {
            json.put("propensity_note", note);
            return;
        }
        if (policy().epsilon() > 0) {
            json.put("propensity_note", "propensity metrics withheld under differential privacy");
            return;
        }
        ObjectNode p = json.putObject("propensity");
        p.put("cut", java.time.Instant.ofEpochSecond(pr.split().cut()).toString());
        p.put("horizon_days", pr.split().horizonSeconds() / 86_400.0);
        p.put("train_users", pr.trainUsers());
        p.put("test_users", pr.testUsers());
        p.put("cold_users", pr.coldUsers());
        p.set("metrics", JSON.valueToTree(report.section(release)));
        p.set("segments", JSON.valueToTree(report.releasedPropensities()));
        p.set("population", JSON.valueToTree(pr.population()));
    }

    private static int labelOf(SegmentedUsers in, String key) {
        return in.segmentKeys().indexOf(key);
    }

    /** Labels, centroids and keys from the bundle; vectors and view layout from the embed output. */
    private static SegmentedUsers segmentedUsers(Dataset data, UserVectors v, SegmentBundle bundle) {
        if (v.vectors().length != data.users().size()) {
            throw new CohortException("the vectors hold " + v.vectors().length + " users but the dataset "
                    + data.users().size());
        }
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < bundle.k(); i++) {
            keys.add("s" + bundle.stableId(i));
        }
        // The view layout describes the hybrid vector before PCA; after PCA the dims are mixed, so one block.
        var blocks = v.pcaComponents() > 0 ? null : v.blocks();
        return new SegmentedUsers(data, bundle.labels(), v.vectors(), bundle.model().centroids().toArrays(), blocks,
                null, keys);
    }

    private PrivacyPolicy policy() {
        if (minSize < 1) {
            throw usage("--min-size must be ≥ 1, was " + minSize);
        }
        PrivacyPolicy p = PrivacyPolicy.defaults().withMinSegmentSize(minSize);
        if (dpEpsilon != null) {
            if (!(dpEpsilon > 0) || Double.isInfinite(dpEpsilon)) {
                throw usage("--dp-epsilon must be a number > 0, was " + dpEpsilon);
            }
            p = p.withDifferentialPrivacy(dpEpsilon, seed, Map.of());
        }
        return p;
    }

    private TemplatePersonaWriter.Language language() {
        return switch (language.toLowerCase(Locale.ROOT)) {
            case "en" -> TemplatePersonaWriter.Language.EN;
            case "zh" -> TemplatePersonaWriter.Language.ZH;
            default -> throw usage("--language must be en or zh, was '" + language + "'");
        };
    }

    /** Null for the template writer. */
    private ChatEndpoint chatEndpoint() {
        if (persona.equalsIgnoreCase("template")) {
            return null;
        }
        if (!persona.startsWith("openai:") || !persona.contains("@")) {
            throw usage("--persona must be template or openai:MODEL@URL, was '" + persona + "'");
        }
        String rest = persona.substring("openai:".length());
        int at = rest.lastIndexOf('@');
        String m = rest.substring(0, at);
        String url = rest.substring(at + 1).replaceAll("/+$", "").replaceAll("/v1$", "");
        if (m.isBlank()) {
            throw usage("--persona openai:MODEL@URL needs a model name, was '" + persona + "'");
        }
        try {
            return new ChatEndpoint(URI.create(url), m, "OPENAI_API_KEY", Duration.ofSeconds(60), 2,
                    Duration.ofSeconds(1), Path.of(".cohortlm", "chat-cache"), 0);
        } catch (IllegalArgumentException e) {
            throw usage("--persona URL: " + e.getMessage());
        }
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    private void render(PrintWriter o, SegmentedUsers in, SegmentExplainer.Result r, List<Persona> personas,
            Release release, PropensityResult pr, String propensityNote, double seconds) {
        o.printf(Locale.ROOT, "explained %d segments of %,d users in %.1f s -> %s%n", in.segmentCount(),
                in.userSegment().length, seconds, out);
        SurrogateRules rules = r.rules();
        o.printf(Locale.ROOT, "  surrogate rules: fidelity %.3f train, %.3f held-out%n", rules.fidelityTrain(),
                rules.fidelityHoldout());
        if (pr != null) {
            o.printf(Locale.ROOT, "  propensities (%s-day horizon, %,d held-out users): P(active) ROC-AUC %s, recall "
                    + "%s%s%n", trim(horizonDays), pr.testUsers(), num(pr.active().overall().rocAuc()),
                    num(pr.active().overall().recall()), pr.purchase() == null ? "" : "; P(purchase) ROC-AUC "
                    + num(pr.purchase().overall().rocAuc()) + ", recall " + num(pr.purchase().overall().recall()));
        } else {
            o.println("  " + propensityNote);
        }
        for (int s = 0; s < in.segmentCount(); s++) {
            Release.Group g = release.groupOf(s);
            if (!g.released()) {
                o.printf(Locale.ROOT, "  %-5s withheld: %s%n", g.key(), g.note());
                continue;
            }
            SegmentProfile p = r.profiles().segments().get(s);
            String feats = p.distinguishing().stream().limit(3).map(f -> String.format(Locale.ROOT, "%s ×%.2f",
                    f.feature(), f.lift())).collect(Collectors.joining(", "));
            String auc = "";
            if (pr != null) {
                var m = pr.active().bySegment().get(s);
                auc = m == null ? "" : ", P(active) AUC " + num(m.rocAuc());
                var pm = pr.purchase() == null ? null : pr.purchase().bySegment().get(s);
                auc += pm == null ? "" : ", P(purchase) AUC " + num(pm.rocAuc());
            }
            double fid = rules.segmentRecall().get(s);
            o.printf(Locale.ROOT, "  %-5s %s — %,d users (%.1f%%); %s; rules cover %s of it%s%n", g.key(),
                    personas.get(s).name(), g.size(), 100.0 * g.size() / in.userSegment().length,
                    feats.isEmpty() ? "no significant feature" : feats, num(fid), auc);
        }
        if (release.bucketSize() > 0) {
            o.println("  other: " + release.bucketNote());
        }
        o.println("  wrote segments.{csv,jsonl,parquet}, membership.{csv,jsonl,parquet}, explanations.json, report.html");
        o.flush();
    }

    private static String num(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.3f", v) : "n/a";
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
