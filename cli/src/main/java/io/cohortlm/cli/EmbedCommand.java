package io.cohortlm.cli;

import io.cohortlm.CohortException;
import io.cohortlm.data.Dataset;
import io.cohortlm.embed.CachedEncoder;
import io.cohortlm.embed.EmbeddingStats;
import io.cohortlm.embed.Encoder;
import io.cohortlm.embed.RemoteEncoder;
import io.cohortlm.privacy.PseudonymKeyConfig;
import io.cohortlm.privacy.Pseudonymizer;
import io.cohortlm.profile.ProfileConfig;
import io.cohortlm.profile.ProfileTextBuilder;
import io.cohortlm.represent.EventWeights;
import io.cohortlm.represent.HybridRepresentation;
import io.cohortlm.represent.RepresentationConfig;
import io.cohortlm.represent.RepresentationJob;
import io.cohortlm.represent.UserVectors;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code cohortlm embed}: hybrid user vectors (profile text, item text, behaviour, attributes) with a manifest. */
@Command(name = "embed", mixinStandardHelpOptions = true,
        description = "Turn every user into a hybrid vector (language-model views of profile and item texts, "
                + "behaviour, attributes) and write it with a manifest.")
final class EmbedCommand implements Callable<Integer> {
    @Mixin
    DataInput input;

    @Mixin
    EncoderOptions encoderOptions;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder for the vectors.")
    Path out;

    @Option(names = "--views", defaultValue = "text,items,behaviour,attributes", paramLabel = "LIST",
            description = "Views to combine (default: ${DEFAULT-VALUE}).")
    String views;

    @Option(names = "--weights", paramLabel = "VIEW=W,…", description = "View weights, e.g. items=2,behaviour=1 "
            + "(default 1 each).")
    String weights;

    @Option(names = "--pca", paramLabel = "N|SHARE", description = "Reduce with PCA to N components or to a "
            + "variance share (0.9 or 90%%).")
    String pca;

    @Option(names = "--seed", defaultValue = "42", description = "The one seed of every random choice.")
    long seed;

    @Option(names = "--force", description = "Replace an existing output folder.")
    boolean force;

    @Option(names = "--quiet", description = "No progress output.")
    boolean quiet;

    @Option(names = "--dry-run", description = "Print exactly what would be sent to a remote encoder (after "
            + "redaction) and send nothing.")
    boolean dryRun;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        RepresentationConfig config;
        try {
            config = RepresentationConfig.of(views, weights, pca, seed);
            if (pca != null) {
                io.cohortlm.reduce.PcaConfig.parse(pca, seed);
            }
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        PrintWriter o = spec.commandLine().getOut();
        Dataset data = input.load().dataset();
        if (dryRun) {
            return dryRun(data, config, o);
        }
        Pseudonymizer pseudonymizer = Pseudonymizer.load(PseudonymKeyConfig.defaults(Path.of("")));
        long t0 = System.nanoTime();
        UserVectors vectors;
        EmbeddingStats stats = EmbeddingStats.ZERO;
        if (config.needsEncoder()) {
            try (CachedEncoder encoder = encoderOptions.cached(quiet)) {
                vectors = new RepresentationJob(config, encoder, EventWeights.defaults(), pseudonymizer::pseudonymize)
                        .run(data);
                stats = encoder.stats();
            }
        } else {
            vectors = new RepresentationJob(config, null, EventWeights.defaults(), pseudonymizer::pseudonymize).run(data);
        }
        vectors.write(out, force);
        double secs = (System.nanoTime() - t0) / 1e9;
        o.printf(Locale.ROOT, "embedded %,d users into %d dimensions in %.1f s -> %s%n", vectors.vectors().length,
                vectors.dimension(), secs, out);
        for (HybridRepresentation.Block b : vectors.blocks()) {
            o.printf(Locale.ROOT, "  view %-10s weight %.2f  dims %4d  users without signal %,d  (%.1f s)%n", b.view(),
                    b.weight(), b.dimension(), b.emptyUsers(), b.seconds());
        }
        if (vectors.pcaComponents() > 0) {
            o.printf(Locale.ROOT, "  PCA: %d components keep %.1f%% of the variance%n", vectors.pcaComponents(),
                    100 * vectors.pcaExplainedShare());
        }
        if (config.needsEncoder()) {
            o.printf(Locale.ROOT, "  encoder %s: %,d texts, %,d distinct, %,d from cache, %,d encoded in %,d calls, "
                    + "%,d truncated%n", vectors.encoder().modelId(), stats.texts(), stats.distinctTexts(),
                    stats.cacheHits(), stats.encoded(), stats.encoderCalls(), stats.truncated());
        }
        o.flush();
        return Main.EXIT_OK;
    }

    private int dryRun(Dataset data, RepresentationConfig config, PrintWriter o) {
        if (!config.needsEncoder()) {
            o.println("dry run: no text view is on; nothing would be sent anywhere");
            return Main.EXIT_OK;
        }
        Encoder encoder = encoderOptions.bare();
        Set<String> texts = new LinkedHashSet<>();
        if (config.weight("items") > 0) {
            for (int i = 0; i < data.items().size(); i++) {
                String t = data.items().fullText(i).strip();
                if (!t.isEmpty()) {
                    texts.add(t);
                }
            }
        }
        if (config.weight("text") > 0) {
            texts.addAll(new ProfileTextBuilder(ProfileConfig.defaults().withTokenBudget(
                    Math.min(ProfileConfig.defaults().tokenBudget(), encoder.maxTokens())), encoder::countTokens)
                    .build(data).texts());
        }
        if (!(encoder instanceof RemoteEncoder remote)) {
            o.printf(Locale.ROOT, "dry run: encoder %s runs in-process; nothing leaves this machine (%,d distinct "
                    + "texts would be encoded)%n", encoder.identity().modelId(), texts.size());
            encoder.close();
            return Main.EXIT_OK;
        }
        try (remote) {
            List<String> bodies = remote.dryRun(new ArrayList<>(texts));
            o.printf(Locale.ROOT, "dry run: %,d request bodies (%,d distinct texts, redacted) would be sent; "
                    + "nothing was sent%n", bodies.size(), texts.size());
            bodies.forEach(o::println);
        } catch (RuntimeException e) {
            throw e instanceof CohortException ? e : new CohortException(e.getMessage(), e);
        }
        o.flush();
        return Main.EXIT_OK;
    }
}
