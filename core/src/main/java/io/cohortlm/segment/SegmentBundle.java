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
 *   <li>with two levels ({@link FineLevel}): {@code fine_centroids.f32} — the fine centroids; {@code members.csv}
 *       gains a {@code fine_segment} column (stable fine id) and the manifest a {@code fine} object (the fine
 *       segments with their coarse parent, both sweeps and the reasons).</li>
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
    private final Fine fine;

    /**
     * The fine level of a two-level bundle.
     *
     * @param model     nearest-centroid model of the fine segments
     * @param stableIds stable id per fine index
     * @param parent    coarse segment index per fine index
     * @param labels    fine index per training user (-1 none)
     */
    public record Fine(SegmentModel model, int[] stableIds, int[] parent, int[] labels) {
        public int k() {
            return model.k();
        }
    }

    private SegmentBundle(SegmentModel model, int[] stableIds, double[] thresholds, List<String> userIds, int[] labels,
            float[] confidence, float[][] map, EncoderIdentity encoder, JsonNode manifest, Fine fine) {
        this.model = model;
        this.stableIds = stableIds;
        this.thresholds = thresholds;
        this.userIds = userIds;
        this.labels = labels;
        this.confidence = confidence;
        this.map = map;
        this.encoder = encoder;
        this.manifest = manifest;
        this.fine = fine;
    }

    /**
     * Where a new vector lands, in stable ids.
     *
     * @param segment    the segment (with two levels: the coarse parent of {@code fine})
     * @param distance   distance to the nearest segment centre
     * @param confidence margin over the runner-up (0 where the nearest centre is not {@code segment}'s)
     * @param runnerUp   the next segment, or -1
     * @param outlier    farther from the nearest centre than 99% of its members
     * @param fine       the nearest fine segment's stable id, or -1 for a one-level bundle
     */
    public record Placement(int segment, double distance, double confidence, int runnerUp, boolean outlier,
            int fine) {
    }

    /** The fine level, or null for a one-level bundle. */
    public Fine fine() {
        return fine;
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
        if (fine == null) {
            return new Placement(stableIds[a.segment()], a.distance(), a.confidence(),
                    a.runnerUp() < 0 ? -1 : stableIds[a.runnerUp()], outlier, -1);
        }
        // Two levels: the coarse segment is the parent of the nearest fine segment, as for the training users.
        int f = fine.model().assign(vector).segment();
        int coarse = fine.parent()[f];
        boolean agree = coarse == a.segment();
        int runner = agree ? a.runnerUp() : a.segment();
        return new Placement(stableIds[coarse], a.distance(), agree ? a.confidence() : 0,
                runner < 0 ? -1 : stableIds[runner], outlier, fine.stableIds()[f]);
    }

    /** The membership and centroids, for matching a retrained model's ids to this one. */
    public Segmenter.Previous asPrevious() {
        Map<String, Integer> m = new HashMap<>();
        for (int i = 0; i < userIds.size(); i++) {
            if (labels[i] >= 0) {
                m.put(userIds.get(i), labels[i]);
            }
        }
        Segmenter.Previous f = null;
        if (fine != null) {
            Map<String, Integer> fm = new HashMap<>();
            for (int i = 0; i < userIds.size(); i++) {
                if (fine.labels()[i] >= 0) {
                    fm.put(userIds.get(i), fine.labels()[i]);
                }
            }
            f = new Segmenter.Previous(fine.stableIds().clone(), fine.model().centroids().toArrays(), fm);
        }
        return new Segmenter.Previous(stableIds.clone(), model.centroids().toArrays(), m, f);
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
            FineLevel fl = s.fine();
            if (fl != null) {
                FloatMatrixFile.write(st.resolve("fine_centroids.f32"), fl.model().centroids().toArrays(),
                        fl.model().dimension());
            }
            try (BufferedWriter w = Files.newBufferedWriter(st.resolve("members.csv"), StandardCharsets.UTF_8)) {
                w.write(fl == null ? "user_id,segment,confidence,distance\n"
                        : "user_id,segment,confidence,distance,fine_segment\n");
                for (int i = 0; i < userIds.size(); i++) {
                    int l = s.labels()[i];
                    w.write(userIds.get(i) + "," + (l < 0 ? -1 : s.stableIds()[l]) + ","
                            + String.format(Locale.ROOT, "%.6f,%.6f", s.confidence()[i], s.distance()[i]));
                    if (fl != null) {
                        int f = fl.labels()[i];
                        w.write("," + (f < 0 ? -1 : fl.stableIds()[f]));
                    }
                    w.write("\n");
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
            if (fl != null) {
                ObjectNode f = root.putObject("fine");
                f.put("k", fl.k());
                f.put("reason", fl.reason());
                f.put("coarse_reason", fl.coarseReason());
                f.set("sweep", JSON.valueToTree(fl.sweep()));
                f.set("coarse_sweep", JSON.valueToTree(fl.cuts()));
                ArrayNode fs = f.putArray("segments");
                int[] fsz = fl.sizes();
                for (int i = 0; i < fl.k(); i++) {
                    ObjectNode g = fs.addObject();
                    g.put("index", i);
                    g.put("id", fl.stableIds()[i]);
                    g.put("size", fsz[i]);
                    g.put("parent", s.stableIds()[fl.parent()[i]]);
                }
                if (fl.diff() != null) {
                    f.set("diff", JSON.valueToTree(fl.diff()));
                }
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
            JsonNode fineNode = root.get("fine");
            Map<Integer, Integer> fineIndex = new HashMap<>();
            int[] fineStable = new int[0];
            int[] fineParent = new int[0];
            int[] fineSizes = new int[0];
            if (fineNode != null) {
                int fk = fineNode.get("k").asInt();
                fineStable = new int[fk];
                fineParent = new int[fk];
                fineSizes = new int[fk];
                for (JsonNode g : fineNode.get("segments")) {
                    int i = g.get("index").asInt();
                    fineStable[i] = g.get("id").asInt();
                    fineParent[i] = index.getOrDefault(g.get("parent").asInt(), -1);
                    fineSizes[i] = g.get("size").asInt();
                    fineIndex.put(fineStable[i], i);
                }
            }
            List<String> ids = new ArrayList<>();
            List<Integer> labels = new ArrayList<>();
            List<Integer> fineLabels = new ArrayList<>();
            List<Float> conf = new ArrayList<>();
            List<String> lines = Files.readAllLines(dir.resolve("members.csv"), StandardCharsets.UTF_8);
            for (int li = 1; li < lines.size(); li++) {
                String[] p = lines.get(li).split(",");
                ids.add(p[0]);
                int sid = Integer.parseInt(p[1]);
                labels.add(sid < 0 ? -1 : index.getOrDefault(sid, -1));
                conf.add(Float.parseFloat(p[2]));
                if (fineNode != null) {
                    int fid = p.length > 4 ? Integer.parseInt(p[4]) : -1;
                    fineLabels.add(fid < 0 ? -1 : fineIndex.getOrDefault(fid, -1));
                }
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
            Metric metric = Metric.valueOf(root.get("metric").asText());
            SegmentModel model = SegmentModel.of(metric, Matrix.of(c), sizes, lab, diag,
                    root.path("clusterer").asText("kmeans"));
            Fine fine = null;
            if (fineNode != null) {
                float[][] fc = FloatMatrixFile.read(dir.resolve("fine_centroids.f32"));
                if (fc.length != fineStable.length || (fc.length > 0 && fc[0].length != d)) {
                    throw new CohortException(dir + ": fine_centroids.f32 is " + fc.length + "x"
                            + (fc.length > 0 ? fc[0].length : 0) + " but the manifest says " + fineStable.length + "x" + d);
                }
                for (int pi : fineParent) {
                    if (pi < 0) {
                        throw new CohortException(dir + ": a fine segment's parent is not one of the bundle's segments");
                    }
                }
                int[] fl = fineLabels.stream().mapToInt(Integer::intValue).toArray();
                fine = new Fine(SegmentModel.of(metric, Matrix.of(fc), fineSizes, fl, diag, "kmeans"), fineStable,
                        fineParent, fl);
            }
            return new SegmentBundle(model, stable, thr, List.copyOf(ids), lab, cf, map, identity, root, fine);
        } catch (IOException | RuntimeException e) {
            if (e instanceof CohortException ce) {
                throw ce;
            }
            throw new CohortException("cannot read model bundle " + dir + ": " + e.getMessage(), e);
        }
    }
}
