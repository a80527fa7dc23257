package io.cohortlm.represent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cohortlm.CohortException;
import io.cohortlm.embed.EncoderIdentity;
import io.cohortlm.manifest.RunManifest;
import io.cohortlm.store.AtomicDirectory;
import io.cohortlm.store.FloatMatrixFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The output of the embed stage: one hybrid vector per user (row i = dense user i of the input dataset, whose
 * fingerprint the manifest records), the layout of the views inside it, optionally the item vectors of the
 * item-text view, and a run manifest. User ids are pseudonymised; item ids are kept.
 * <p>On disk (published atomically): {@code manifest.json}, {@code users.f32} + {@code users.ids},
 * {@code items.f32} + {@code items.ids} when item vectors exist.
 *
 * @param userIds     pseudonymised user ids, row-aligned with {@code vectors}
 * @param vectors     hybrid user vectors
 * @param itemIds     item ids row-aligned with {@code itemVectors}, or empty
 * @param itemVectors item-text vectors, or null
 * @param encoder     identity of the language model used, or null if no text view was used
 * @param blocks      where each view sits in the hybrid vector (before PCA)
 * @param pcaComponents components kept by PCA, or 0 when PCA was not applied
 * @param pcaExplainedShare variance share PCA kept, or NaN
 * @param manifest    provenance
 * @param profileTexts the profile text of each user when the text view was on (row-aligned), else empty; written
 *                    as {@code profiles.jsonl} with the pseudonymised ids so people can read what was encoded
 * @param representation the fitted embed stage (to represent new users without refitting), or null for vectors
 *                    written by an older version
 */
public record UserVectors(List<String> userIds, float[][] vectors, List<String> itemIds, float[][] itemVectors,
        EncoderIdentity encoder, List<HybridRepresentation.Block> blocks, int pcaComponents,
        double pcaExplainedShare, RunManifest manifest, List<String> profileTexts, FittedRepresentation representation) {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public UserVectors {
        userIds = List.copyOf(userIds);
        itemIds = List.copyOf(itemIds);
        blocks = List.copyOf(blocks);
        profileTexts = profileTexts == null ? List.of() : List.copyOf(profileTexts);
        Objects.requireNonNull(vectors, "vectors");
        Objects.requireNonNull(manifest, "manifest");
        if (userIds.size() != vectors.length) {
            throw new IllegalArgumentException("userIds (" + userIds.size() + ") and vectors (" + vectors.length
                    + ") must align");
        }
        if (itemVectors != null && itemVectors.length != itemIds.size()) {
            throw new IllegalArgumentException("itemIds (" + itemIds.size() + ") and itemVectors ("
                    + itemVectors.length + ") must align");
        }
    }

    public int dimension() {
        return vectors.length == 0 ? 0 : vectors[0].length;
    }

    /** Writes the vector set to {@code dir} atomically; an existing directory is replaced only if asked. */
    public void write(Path dir, boolean replace) {
        try (AtomicDirectory out = AtomicDirectory.begin(dir, replace)) {
            Path s = out.staging();
            FloatMatrixFile.write(s.resolve("users.f32"), vectors, dimension());
            Files.write(s.resolve("users.ids"), userIds, StandardCharsets.UTF_8);
            if (itemVectors != null) {
                int d = itemVectors.length == 0 ? 0 : itemVectors[0].length;
                FloatMatrixFile.write(s.resolve("items.f32"), itemVectors, d);
                Files.write(s.resolve("items.ids"), itemIds, StandardCharsets.UTF_8);
            }
            if (!profileTexts.isEmpty()) {
                var line = JSON.writer().without(SerializationFeature.INDENT_OUTPUT);
                try (var w = Files.newBufferedWriter(s.resolve("profiles.jsonl"), StandardCharsets.UTF_8)) {
                    for (int i = 0; i < profileTexts.size(); i++) {
                        w.write(line.writeValueAsString(
                                JSON.createObjectNode().put("user_id", userIds.get(i)).put("profile", profileTexts.get(i))));
                        w.write('\n');
                    }
                }
            }
            ObjectNode root = JSON.createObjectNode();
            root.set("manifest", JSON.valueToTree(manifest));
            root.put("users", vectors.length);
            root.put("dimension", dimension());
            root.set("encoder", encoder == null ? null : JSON.valueToTree(encoder));
            root.set("views", JSON.valueToTree(blocks));
            root.put("pca_components", pcaComponents);
            if (!Double.isNaN(pcaExplainedShare)) {
                root.put("pca_explained_share", pcaExplainedShare);
            }
            if (representation != null) {
                representation.write(s);
            }
            JSON.writeValue(s.resolve("manifest.json").toFile(), root);
            out.commit();
        } catch (IOException e) {
            throw new CohortException("cannot write vectors to " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Reads a vector set written by {@link #write}. */
    public static UserVectors read(Path dir) {
        AtomicDirectory.recover(dir);
        Path m = dir.resolve("manifest.json");
        if (!Files.isRegularFile(m)) {
            throw new CohortException(dir + " is not a vectors directory (no manifest.json); create one with "
                    + "'cohortlm embed'");
        }
        try {
            JsonNode root = JSON.readTree(m.toFile());
            RunManifest manifest = JSON.treeToValue(root.get("manifest"), RunManifest.class);
            float[][] vectors = FloatMatrixFile.read(dir.resolve("users.f32"));
            List<String> ids = Files.readAllLines(dir.resolve("users.ids"), StandardCharsets.UTF_8);
            float[][] items = null;
            List<String> itemIds = List.of();
            if (Files.exists(dir.resolve("items.f32"))) {
                items = FloatMatrixFile.read(dir.resolve("items.f32"));
                itemIds = Files.readAllLines(dir.resolve("items.ids"), StandardCharsets.UTF_8);
            }
            FittedRepresentation fitted = FittedRepresentation.exists(dir) ? FittedRepresentation.read(dir, items)
                    : null;
            JsonNode enc = root.get("encoder");
            EncoderIdentity identity = enc == null || enc.isNull() ? null : JSON.treeToValue(enc, EncoderIdentity.class);
            List<HybridRepresentation.Block> blocks = new ArrayList<>();
            for (JsonNode b : root.get("views")) {
                @SuppressWarnings("unchecked")
                Map<String, Object> diag = JSON.convertValue(b.get("diagnostics"), Map.class);
                blocks.add(new HybridRepresentation.Block(b.get("view").asText(), b.get("offset").asInt(),
                        b.get("dimension").asInt(), b.get("weight").asDouble(), b.get("emptyUsers").asInt(),
                        diag, b.get("seconds").asDouble()));
            }
            double share = root.has("pca_explained_share") ? root.get("pca_explained_share").asDouble() : Double.NaN;
            List<String> profiles = new ArrayList<>();
            Path pf = dir.resolve("profiles.jsonl");
            if (Files.exists(pf)) {
                for (String line : Files.readAllLines(pf, StandardCharsets.UTF_8)) {
                    profiles.add(JSON.readTree(line).get("profile").asText());
                }
            }
            return new UserVectors(ids, vectors, itemIds, items, identity, blocks, root.get("pca_components").asInt(),
                    share, manifest, profiles, fitted);
        } catch (IOException e) {
            throw new CohortException("cannot read vectors from " + dir + ": " + e.getMessage(), e);
        }
    }
}
