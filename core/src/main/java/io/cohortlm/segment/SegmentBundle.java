package io.cohortlm.segment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cohortlm.CohortException;
import io.cohortlm.embed.EncoderIdentity;
import io.cohortlm.manifest.RunManifest;
import io.cohortlm.store.AtomicDirectory;
import io.cohortlm.store.FloatMatrixFile;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A fitted segmentation on disk — the model bundle. A directory published atomically ({@link AtomicDirectory}):
 * <ul>
 *   <li>{@code manifest.json} — run manifest (config, seed, input fingerprint, encoder identity, versions), the
 *       segments (stable id, size, outlier threshold), quality, lift, the k advisor's sweep and the retrain diff;</li>
 *   <li>{@code centroids.f32} — k × d centroids ({@link FloatMatrixFile});</li>
 *   <li>{@code members.csv} — pseudonymised user id, stable segment id (-1 outlier), confidence, distance;</li>
 *   <li>{@code map.f32} — n × 2 map positions, row-aligned with {@code members.csv}.</li>
 * </ul>
 * No Java serialisation. Loading gives a model that assigns exactly as the fitted one did.
 */
public final class SegmentBundle {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final SegmentModel model;
    private final int[] stableIds;
    private final double[] thresholds;
    private final List<String> userIds;
    private final int[] labels;
    private final float[] confidence;
    private final float[][] map;
    private final EncoderIdentity encoder;
    private final JsonNode manifest;

    private SegmentBundle(SegmentModel model, int[] stableIds, double[] thresholds, List<String> userIds, int[] labels,
            float[] confidence, float[][] map, EncoderIdentity encoder, JsonNode manifest) {
        this.model = model;
        this.stableIds = stableIds;
        this.thresholds = thresholds;
        this.userIds = userIds;
        this.labels = labels;
        this.confidence = confidence;
        this.map = map;
        this.encoder = encoder;
        this.manifest = manifest;
    }

    /** Where a new vector lands, in stable ids. */
    public record Placement(int segment, double distance, double confidence, int runnerUp, boolean outlier) {
    }

    public SegmentModel model() {
        return model;
    }

    public int k() {
        return model.k();
    }

    /** Stable id of segment index {@code i}. */
    public int stableId(int i) {
        return stableIds[i];
    }

    public int[] stableIds() {
        return stableIds.clone();
    }

    /** Index of a stable id, or -1. */
    public int indexOf(int stableId) {
        for (int i = 0; i < stableIds.length; i++) {
            if (stableIds[i] == stableId) {
                return i;
            }
        }
        return -1;
    }

    public List<String> userIds() {
        return userIds;
    }

    /** Segment index per training user (-1 outlier). */
    public int[] labels() {
        return labels.clone();
    }

    public float[] confidence() {
        return confidence.clone();
    }

    public float[][] map() {
        return map;
    }

    /** Encoder identity of the vectors the model was fitted on, or null when no language model was used. */
    public EncoderIdentity encoder() {
        return encoder;
    }

    /** The manifest document (run manifest, segments, quality, advice, diff). */
    public JsonNode manifest() {
        return manifest;
    }

    public double outlierThreshold(int segmentIndex) {
        return thresholds[segmentIndex];
    }

    /** Assigns a new vector without refitting: nearest centroid, margin, runner-up, outlier flag. */
    public Placement assign(float[] vector) {
        Assignment a = model.assign(vector);
        boolean outlier = a.distance() > thresholds[a.segment()];
        return new Placement(stableIds[a.segment()], a.distance(), a.confidence(),
                a.runnerUp() < 0 ? -1 : stableIds[a.runnerUp()], outlier);
    }

    /** The membership and centroids, for matching a retrained model's ids to this one. */
    public Segmenter.Previous asPrevious() {
        Map<String, Integer> m = new HashMap<>();
        for (int i = 0; i < userIds.size(); i++) {
            if (labels[i] >= 0) {
                m.put(userIds.get(i), labels[i]);
            }
        }
        return new Segmenter.Previous(stableIds.clone(), model.centroids().toArrays(), m);
    }

    /**
     * Writes a bundle.
     *
     * @param dir       target directory
     * @param replace   replace an existing bundle (else an existing one is an error)
     * @param s         the segmentation
     * @param userIds   pseudonymised ids of the rows
     * @param encoder   encoder identity of the vectors, or null
     * @param manifest  run manifest of this stage
     */
    public static void write(Path dir, boolean replace, Segmentation s, List<String> userIds, EncoderIdentity encoder,
            RunManifest manifest) {
        try (AtomicDirectory out = AtomicDirectory.begin(dir, replace)) {
            Path st = out.staging();
            FloatMatrixFile.write(st.resolve("centroids.f32"), s.model().centroids().toArrays(), s.model().dimension());
            FloatMatrixFile.write(st.resolve("map.f32"), s.map().xy(), 2);
            try (BufferedWriter w = Files.newBufferedWriter(st.resolve("members.csv"), StandardCharsets.UTF_8)) {
                w.write("user_id,segment,confidence,distance\n");
                for (int i = 0; i < userIds.size(); i++) {
                    int l = s.labels()[i];
                    w.write(userIds.get(i) + "," + (l < 0 ? -1 : s.stableIds()[l]) + ","
                            + String.format(Locale.ROOT, "%.6f,%.6f", s.confidence()[i], s.distance()[i]) + "\n");
                }
            }
            ObjectNode root = JSON.createObjectNode();
            root.put("format", "cohortlm-segment-bundle/1");
            root.set("manifest", JSON.valueToTree(manifest));
            root.set("encoder", encoder == null ? null : JSON.valueToTree(encoder));
            root.put("metric", s.model().metric().name());
            root.put("k", s.k());
            root.put("dimension", s.model().dimension());
            root.put("users", userIds.size());
            root.put("outliers", s.outliers());
            root.put("clusterer", s.model().clusterer());
            ArrayNode segs = root.putArray("segments");
            int[] sizes = s.sizes();
            for (int i = 0; i < s.k(); i++) {
                ObjectNode g = segs.addObject();
                g.put("index", i);
                g.put("id", s.stableIds()[i]);
                g.put("size", sizes[i]);
                g.put("share", (double) sizes[i] / userIds.size());
                g.put("outlier_threshold", s.outlierThreshold()[i]);
            }
            ObjectNode q = root.putObject("quality");
            q.put("silhouette", s.quality().silhouette());
            q.put("davies_bouldin", s.quality().daviesBouldin());
            q.put("calinski_harabasz", s.quality().calinskiHarabasz());
            q.put("silhouette_sample", s.quality().sampled());
            if (s.lift() != null) {
                q.put("lift_nats", s.lift().liftNats());
                q.put("lift_likelihood_ratio", s.lift().likelihoodRatio());
                q.put("lift_held_out_events", s.lift().heldOutEvents());
            }
            FitDiagnostics fd = s.model().diagnostics();
            ObjectNode fit = root.putObject("fit");
            fit.put("iterations", fd.iterations());
            fit.put("converged", fd.converged());
            fit.put("inertia", Double.isNaN(fd.inertia()) ? null : fd.inertia());
            fit.put("seconds", fd.totalSeconds());
            fit.put("kernel", fd.kernel());
            if (s.advice() != null) {
                ObjectNode adv = root.putObject("advice");
                adv.put("chosen_k", s.advice().chosenK());
                adv.put("reason", s.advice().reason());
                adv.put("sampled_rows", s.advice().sampledRows());
                adv.set("sweep", JSON.valueToTree(s.advice().scores()));
            }
            if (s.diff() != null) {
                root.set("diff", JSON.valueToTree(s.diff()));
            }
            JSON.writeValue(st.resolve("manifest.json").toFile(), root);
            out.commit();
        } catch (IOException e) {
            throw new CohortException("cannot write model bundle " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Reads a bundle written by {@link #write}. */
    public static SegmentBundle read(Path dir) {
        AtomicDirectory.recover(dir);
        Path m = dir.resolve("manifest.json");
        if (!Files.isRegularFile(m)) {
            throw new CohortException(dir + " is not a model bundle (no manifest.json); create one with "
                    + "'cohortlm segment'");
        }
        try {
            JsonNode root = JSON.readTree(m.toFile());
            if (!"cohortlm-segment-bundle/1".equals(root.path("format").asText())) {
                throw new CohortException(m + ": unknown bundle format '" + root.path("format").asText() + "'");
            }
            float[][] c = FloatMatrixFile.read(dir.resolve("centroids.f32"));
            int k = root.get("k").asInt();
            int d = root.get("dimension").asInt();
            if (c.length != k || (k > 0 && c[0].length != d)) {
                throw new CohortException(dir + ": centroids.f32 is " + c.length + "x" + (k > 0 ? c[0].length : 0)
                        + " but the manifest says " + k + "x" + d);
            }
            int[] stable = new int[k];
            double[] thr = new double[k];
            int[] sizes = new int[k];
            Map<Integer, Integer> index = new HashMap<>();
            for (JsonNode g : root.get("segments")) {
                int i = g.get("index").asInt();
                stable[i] = g.get("id").asInt();
                thr[i] = g.get("outlier_threshold").asDouble();
                sizes[i] = g.get("size").asInt();
                index.put(stable[i], i);
            }
            List<String> ids = new ArrayList<>();
            List<Integer> labels = new ArrayList<>();
            List<Float> conf = new ArrayList<>();
            List<String> lines = Files.readAllLines(dir.resolve("members.csv"), StandardCharsets.UTF_8);
            for (int li = 1; li < lines.size(); li++) {
                String[] p = lines.get(li).split(",");
                ids.add(p[0]);
                int sid = Integer.parseInt(p[1]);
                labels.add(sid < 0 ? -1 : index.getOrDefault(sid, -1));
                conf.add(Float.parseFloat(p[2]));
            }
            int[] lab = labels.stream().mapToInt(Integer::intValue).toArray();
            float[] cf = new float[conf.size()];
            for (int i = 0; i < cf.length; i++) {
                cf[i] = conf.get(i);
            }
            float[][] map = FloatMatrixFile.read(dir.resolve("map.f32"));
            JsonNode enc = root.get("encoder");
            EncoderIdentity identity = enc == null || enc.isNull() ? null : JSON.treeToValue(enc, EncoderIdentity.class);
            JsonNode fit = root.path("fit");
            FitDiagnostics diag = new FitDiagnostics(fit.path("iterations").asInt(), fit.path("converged").asBoolean(),
                    fit.path("inertia").asDouble(Double.NaN), new double[0], 0, fit.path("seconds").asDouble(), 1, 0,
                    fit.path("kernel").asText(""));
            SegmentModel model = SegmentModel.of(Metric.valueOf(root.get("metric").asText()), Matrix.of(c), sizes, lab,
                    diag, root.path("clusterer").asText("kmeans"));
            return new SegmentBundle(model, stable, thr, List.copyOf(ids), lab, cf, map, identity, root);
        } catch (IOException | RuntimeException e) {
            if (e instanceof CohortException ce) {
                throw ce;
            }
            throw new CohortException("cannot read model bundle " + dir + ": " + e.getMessage(), e);
        }
    }
}
