package io.cohortlm.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.cohortlm.CohortException;
import io.cohortlm.data.Dataset;
import io.cohortlm.embed.Encoder;
import io.cohortlm.embed.EncoderIdentity;
import io.cohortlm.privacy.PseudonymKeyConfig;
import io.cohortlm.privacy.Pseudonymizer;
import io.cohortlm.serve.ServingBundle;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code cohortlm package}: one self-contained, pseudonymised model bundle for {@code cohortlm serve}. */
@Command(name = "package", mixinStandardHelpOptions = true,
        description = "Assemble a serving bundle (segments, vectors, fitted representation, pseudonymised data, "
                + "explanations, evaluation) for 'cohortlm serve'.")
final class PackageCommand implements Callable<Integer> {
    @Mixin
    DataInput input;

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "Segment bundle from "
            + "'cohortlm segment'.")
    Path model;

    @Option(names = "--vectors", required = true, paramLabel = "DIR", description = "Vectors from 'cohortlm embed'.")
    Path vectors;

    @Option(names = "--explain", paramLabel = "DIR", description = "Output of 'cohortlm explain' (personas, "
            + "features; recommended).")
    Path explain;

    @Option(names = "--evaluation", paramLabel = "DIR", description = "Output of 'cohortlm evaluate' (charts on "
            + "the dashboard).")
    Path evaluation;

    @Option(names = "--encoder", paramLabel = "NAME", description = "Language model the vectors were made with "
            + "(default: found from the vectors' manifest among the shipped models).")
    String encoder;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Bundle folder to write.")
    Path out;

    @Option(names = "--seed", defaultValue = "42", description = "The one seed (recorded; the server fits with it).")
    long seed;

    @Option(names = "--force", description = "Replace an existing bundle.")
    boolean force;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Dataset data = input.load().dataset();
        Pseudonymizer pseudonymizer = Pseudonymizer.load(PseudonymKeyConfig.defaults(Path.of("")));
        JsonNode m = ServingBundle.write(out, force, model, vectors, data, pseudonymizer, explain, evaluation, seed,
                this::encoderName);
        String encoderName = m.path("encoder_name").isTextual() ? m.path("encoder_name").asText() : null;
        PrintWriter o = spec.commandLine().getOut();
        o.printf(Locale.ROOT, "packaged %,d users, %,d items, %,d events, %d segments -> %s%n",
                m.path("users").asInt(), m.path("items").asInt(), m.path("events").asInt(), m.path("segments").asInt(),
                out);
        o.printf(Locale.ROOT, "  language model: %s; pseudonym key id %s; personal columns left out%n",
                encoderName == null ? "none" : encoderName, m.path("pseudonym_key_id").asText());
        o.printf(Locale.ROOT, "  serve it: COHORTLM_API_KEY=<secret> cohortlm serve --model %s%n", out);
        o.flush();
        return Main.EXIT_OK;
    }

    /** The encoder name whose weights made the vectors ({@code --encoder}, checked, or found among the shipped). */
    private String encoderName(EncoderIdentity made) {
        if (encoder != null) {
            try (Encoder e = io.cohortlm.embed.Encoders.byName(encoder)) {
                if (!e.identity().weightsFingerprint().equals(made.weightsFingerprint())) {
                    throw new CohortException("--encoder " + encoder + " is not the language model of " + vectors
                            + " (" + made.modelId() + ")");
                }
            }
            return encoder;
        }
        String found = ShippedEncoders.nameOf(made);
        if (found == null) {
            throw new CohortException(vectors + " was made with " + made.modelId() + ", which is not one of the "
                    + "shipped models; pass --encoder NAME");
        }
        return found;
    }
}
