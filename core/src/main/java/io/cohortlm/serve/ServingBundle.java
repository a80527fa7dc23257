package io.cohortlm.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cohortlm.CohortException;
import io.cohortlm.data.Dataset;
import io.cohortlm.embed.EncoderIdentity;
import io.cohortlm.ingest.DatasetStore;
import io.cohortlm.manifest.DatasetFingerprint;
import io.cohortlm.manifest.RunManifest;
import io.cohortlm.privacy.Pseudonymizer;
import io.cohortlm.represent.UserVectors;
import io.cohortlm.segment.SegmentBundle;
import io.cohortlm.store.AtomicDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A self-contained model bundle for the service: everything {@code cohortlm serve} loads, in one folder, with no
 * raw user id and no column flagged personal in it.
 * <pre>
 * manifest.json            format, run manifest (sources, seed, input fingerprint, encoder), pseudonym key id
 * segments/                the segment bundle (centroids, members with pseudonymised ids, map, manifest)
 * vectors/                 user vectors, item vectors and the fitted representation (to fold new users in)
 * data/                    the interaction data with pseudonymised user ids (histories, item titles)
 * explain/explanations.json segment profiles and personas, minimum segment size already applied (optional)
 * evaluation/evaluation.json offline evaluation figures for the dashboard (optional)
 * </pre>
 * Published atomically (a crash leaves the previous bundle), so a running service can reload it safely.
 */
public final class ServingBundle {
    public static final String FORMAT = "cohortlm-serving-bundle/1";
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ServingBundle() {
    }

    /** Where each part lives inside a bundle folder. */
    record Layout(Path root) {
        Path manifest() {
            return root.resolve("manifest.json");
        }

        Path segments() {
            return root.resolve("segments");
        }

        Path vectors() {
            return root.resolve("vectors");
        }

        Path data() {
            return root.resolve("data");
        }

        Path explanations() {
            return root.resolve("explain").resolve("explanations.json");
        }

        Path evaluation() {
            return root.resolve("evaluation").resolve("evaluation.json");
        }
    }

    /**
     * Assembles a bundle from the outputs of earlier stages.
     *
     * @param data          the dataset the vectors were computed from (raw ids; pseudonymised here)
     * @param pseudonymizer the key the vectors and segments were pseudonymised with
     * @param explainDir    output of {@code cohortlm explain}, or null
     * @param evaluationDir output of {@code cohortlm evaluate}, or null
     * @param encoderName   gives the name the service loads the vectors' language model by (e.g. {@code minilm});
     *                      called only when the vectors used one
     * @return the bundle's manifest
     */
    public static JsonNode write(Path out, boolean replace, Path segmentsDir, Path vectorsDir, Dataset data,
            Pseudonymizer pseudonymizer, Path explainDir, Path evaluationDir, long seed,
            Function<EncoderIdentity, String> encoderName) {
        SegmentBundle segments = SegmentBundle.read(segmentsDir);
        UserVectors vectors = UserVectors.read(vectorsDir);
        if (vectors.representation() == null) {
            throw new CohortException(vectorsDir + " has no representation.json (written by an older version): run "
                    + "'cohortlm embed' again so new users can be represented");
        }
        String fingerprint = DatasetFingerprint.of(data);
        if (!fingerprint.equals(vectors.manifest().inputFingerprint())) {
            throw new CohortException(vectorsDir + " was computed from other data than --data (input fingerprint "
                    + vectors.manifest().inputFingerprint().substring(0, 12) + " vs " + fingerprint.substring(0, 12)
                    + ")");
        }
        List<String> pseudo = data.users().ids().ids().stream().map(pseudonymizer::pseudonymize).toList();
        if (!pseudo.equals(vectors.userIds())) {
            throw new CohortException(vectorsDir + "/users.ids does not match --data pseudonymised with key "
                    + pseudonymizer.keyId() + ": was it written with another pseudonym key?");
        }
        if (!segments.userIds().equals(vectors.userIds())) {
            throw new CohortException(segmentsDir + "/members.csv does not list the users of " + vectorsDir
                    + " in order: segment those vectors again");
        }
        Path explanations = explainDir == null ? null : explainDir.resolve("explanations.json");
        if (explanations != null && !Files.isRegularFile(explanations)) {
            throw new CohortException(explainDir + " has no explanations.json: run 'cohortlm explain' first");
        }
        Path evaluation = evaluationDir == null ? null : evaluationDir.resolve("evaluation.json");
        if (evaluation != null && !Files.isRegularFile(evaluation)) {
            throw new CohortException(evaluationDir + " has no evaluation.json: run 'cohortlm evaluate' first");
        }
        String encoder = vectors.encoder() == null ? null : encoderName.apply(vectors.encoder());
        Dataset served = DatasetCopy.of(data, u -> true, pseudonymizer::pseudonymize, true);
        try (AtomicDirectory dir = AtomicDirectory.begin(out, replace)) {
            Layout l = new Layout(dir.staging());
            copyTree(segmentsDir, l.segments());
            new UserVectors(vectors.userIds(), vectors.vectors(), vectors.itemIds(), vectors.itemVectors(),
                    vectors.encoder(), vectors.blocks(), vectors.pcaComponents(), vectors.pcaExplainedShare(),
                    vectors.manifest(), List.of(), vectors.representation()).write(l.vectors(), false);
            DatasetStore.write(served, l.data());
            if (explanations != null) {
                Files.createDirectories(l.explanations().getParent());
                Files.copy(explanations, l.explanations());
            }
            if (evaluation != null) {
                Files.createDirectories(l.evaluation().getParent());
                Files.copy(evaluation, l.evaluation());
            }
            Map<String, Object> cfg = new LinkedHashMap<>();
            cfg.put("segments", segmentsDir.toString());
            cfg.put("vectors", vectorsDir.toString());
            cfg.put("data", data.name());
            cfg.put("explain", explainDir == null ? "none" : explainDir.toString());
            cfg.put("evaluation", evaluationDir == null ? "none" : evaluationDir.toString());
            Map<String, Object> enc = new LinkedHashMap<>();
            if (vectors.encoder() != null) {
                enc.put("model_id", vectors.encoder().modelId());
                enc.put("weights_sha256", vectors.encoder().weightsFingerprint());
                enc.put("dimension", vectors.encoder().dimension());
            }
            RunManifest manifest = RunManifest.of("package", cfg, seed, fingerprint, enc);
            ObjectNode root = JSON.createObjectNode();
            root.put("format", FORMAT);
            root.set("manifest", JSON.valueToTree(manifest));
            root.put("pseudonym_key_id", pseudonymizer.keyId());
            root.put("users", served.users().size());
            root.put("items", served.items().size());
            root.put("events", served.events().size());
            root.put("segments", segments.k());
            root.set("encoder", vectors.encoder() == null ? null : JSON.valueToTree(vectors.encoder()));
            root.put("encoder_name", encoder);
            JSON.writeValue(l.manifest().toFile(), root);
            dir.commit();
            return root;
        } catch (IOException e) {
            throw new CohortException("cannot write serving bundle " + out + ": " + e.getMessage(), e);
        }
    }

    static void copyTree(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (var files = Files.list(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(f)) {
                    Files.copy(f, to.resolve(f.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    /** Reads and checks a bundle's manifest; fails with one line naming the folder. */
    static JsonNode manifest(Path dir) {
        AtomicDirectory.recover(dir);
        Path m = new Layout(dir).manifest();
        if (!Files.isRegularFile(m)) {
            throw new CohortException(dir + " is not a serving bundle (no manifest.json); create one with "
                    + "'cohortlm package' (the demo leaves one in out/demo/model)");
        }
        try {
            JsonNode root = JSON.readTree(m.toFile());
            if (!FORMAT.equals(root.path("format").asText())) {
                throw new CohortException(m + ": not a serving bundle (format '" + root.path("format").asText()
                        + "'); create one with 'cohortlm package'");
            }
            return root;
        } catch (IOException e) {
            throw new CohortException("cannot read " + m + ": " + e.getMessage(), e);
        }
    }
}
