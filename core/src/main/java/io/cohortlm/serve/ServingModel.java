package io.cohortlm.serve;

import com.fasterxml.jackson.databind.JsonNode;
import io.cohortlm.CohortException;
import io.cohortlm.data.Dataset;
import io.cohortlm.embed.EncoderIdentity;
import io.cohortlm.ingest.DatasetStore;
import io.cohortlm.recommend.DemographicPopularityRecommender;
import io.cohortlm.recommend.InterestRecommender;
import io.cohortlm.recommend.ItemKnnRecommender;
import io.cohortlm.recommend.SegmentHybridRecommender;
import io.cohortlm.recommend.StatedInterests;
import io.cohortlm.recommend.TrainingData;
import io.cohortlm.represent.FittedRepresentation;
import io.cohortlm.represent.UserItemMatrix;
import io.cohortlm.represent.UserVectors;
import io.cohortlm.segment.Assignment;
import io.cohortlm.segment.SegmentBundle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * A loaded serving bundle: the data, vectors, fitted representation and segment model, the recommender fitted on
 * them, and the segment table under the minimum-size rule. Immutable and thread-safe; a reload builds a new one
 * and swaps it in whole.
 */
public final class ServingModel {
    private final Path dir;
    private final String id;
    private final Instant loadedAt;
    private final JsonNode manifest;
    private final Dataset data;
    private final float[][] vectors;
    private final FittedRepresentation representation;
    private final EncoderIdentity encoder;
    private final SegmentBundle segments;
    private final TrainingData training;
    private final SegmentHybridRecommender.Model recommender;
    private final List<SegmentInfo> visible;
    private final Map<Integer, SegmentInfo> byIndex;
    private final JsonNode explanations;
    private final JsonNode evaluation;
    private final int minSegmentSize;
    private final double loadSeconds;
    private final int[] eventCounts;
    private final float[][] hybridCentroids;
    /** Built on first use: most services never target audiences. */
    private volatile AudienceFinder audience;

    private ServingModel(Path dir, JsonNode manifest, Dataset data, UserVectors vectors, SegmentBundle segments,
            TrainingData training, SegmentHybridRecommender.Model recommender, JsonNode explanations,
            JsonNode evaluation, int minSegmentSize, double loadSeconds) {
        this.dir = dir;
        this.id = shortHash(manifest.toString());
        this.loadedAt = Instant.now();
        this.manifest = manifest;
        this.data = data;
        this.vectors = vectors.vectors();
        this.representation = vectors.representation();
        this.encoder = vectors.encoder();
        this.segments = segments;
        this.training = training;
        this.recommender = recommender;
        this.explanations = explanations;
        this.evaluation = evaluation;
        this.minSegmentSize = minSegmentSize;
        this.loadSeconds = loadSeconds;
        this.hybridCentroids = hybridCentroids(segments, vectors.representation());
        this.eventCounts = new int[data.users().size()];
        for (int e = 0; e < data.events().size(); e++) {
            eventCounts[data.events().user(e)]++;
        }
        this.byIndex = new HashMap<>();
        this.visible = new ArrayList<>();
        buildSegments();
    }

    /**
     * Loads a bundle and fits the recommender on it.
     *
     * @param minSegmentSize segments below this are withheld (the explain stage's own rule applies too)
     * @param threads        fitting threads (results do not depend on it)
     * @param seed           the one seed of every random choice
     */
    public static ServingModel load(Path dir, int minSegmentSize, int threads, long seed) {
        long t0 = System.nanoTime();
        JsonNode manifest = ServingBundle.manifest(dir);
        ServingBundle.Layout l = new ServingBundle.Layout(dir);
        SegmentBundle segments = SegmentBundle.read(l.segments());
        UserVectors vectors = UserVectors.read(l.vectors());
        Dataset data = DatasetStore.read(l.data());
        if (vectors.representation() == null) {
            throw new CohortException(l.vectors() + ": no representation.json; rebuild the bundle");
        }
        int n = data.users().size();
        if (vectors.vectors().length != n || segments.userIds().size() != n) {
            throw new CohortException(dir + ": data (" + n + " users), vectors (" + vectors.vectors().length
                    + ") and segments (" + segments.userIds().size() + ") disagree; rebuild the bundle");
        }
        JsonNode explanations = readJson(l.explanations());
        JsonNode evaluation = readJson(l.evaluation());
        UserItemMatrix matrix = UserItemMatrix.of(data, vectors.representation().eventWeights());
        int[] labels = segments.labels();
        TrainingData td = new TrainingData(matrix, matrix.firstTimes(data), data.users(), labels.clone(),
                segments.k(), vectors.vectors(), vectors.itemVectors(), v -> segments.model().assign(v).segment(), threads,
                seed);
        SegmentHybridRecommender hybrid = SegmentHybridRecommender.defaults();
        if (vectors.itemVectors() != null) {
            // Users who state interests (POST /v1/assign with a profile text): tuned on statements simulated from
            // the item vectors, so loading needs no language model; item-kNN widens the matches.
            hybrid = hybrid.withInterests(InterestRecommender.of(List.of(ItemKnnRecommender.defaults()),
                    DemographicPopularityRecommender.defaults(), StatedInterests.pooled(vectors.itemVectors())));
        }
        SegmentHybridRecommender.Model rec = hybrid.fit(td);
        return new ServingModel(dir, manifest, data, vectors, segments, td, rec, explanations, evaluation,
                minSegmentSize, (System.nanoTime() - t0) / 1e9);
    }

    /** Segment centres in the hybrid space before PCA (mapped back through the PCA when there is one). */
    private static float[][] hybridCentroids(SegmentBundle segments, FittedRepresentation rep) {
        float[][] c = segments.model().centroids().toArrays();
        if (rep.pca() == null) {
            return c;
        }
        int d = rep.pca().inputDim();
        float[][] out = new float[c.length][d];
        for (int s = 0; s < c.length; s++) {
            for (int k = 0; k < d; k++) {
                double v = rep.pca().mean()[k];
                for (int j = 0; j < rep.pca().components(); j++) {
                    v += c[s][j] * rep.pca().axes()[j * d + k];
                }
                out[s][k] = (float) v;
            }
        }
        return out;
    }

    /**
     * Nearest segment over only the views a user has: a cold user's missing views are unknown, not zero, so they
     * must not pull the user toward whichever centre happens to lie nearest the origin in those views.
     */
    public Assignment assignPartial(float[] hybrid, List<String> views) {
        List<FittedRepresentation.Slot> used = representation.slots().stream()
                .filter(sl -> views.contains(sl.view())).toList();
        int k = hybridCentroids.length;
        double d1 = Double.POSITIVE_INFINITY;
        double d2 = Double.POSITIVE_INFINITY;
        int best = -1;
        int runner = -1;
        for (int s = 0; s < k; s++) {
            double d = 0;
            for (FittedRepresentation.Slot sl : used) {
                for (int j = sl.offset(); j < sl.offset() + sl.dimension(); j++) {
                    double x = hybrid[j] - hybridCentroids[s][j];
                    d += x * x;
                }
            }
            d = Math.sqrt(d);
            if (d < d1) {
                d2 = d1;
                runner = best;
                d1 = d;
                best = s;
            } else if (d < d2) {
                d2 = d;
                runner = s;
            }
        }
        double conf = d1 + d2 > 0 && Double.isFinite(d2) ? (d2 - d1) / (d1 + d2) : 0;
        return new Assignment(best, d1, conf, runner);
    }

    private static JsonNode readJson(Path f) {
        if (!Files.isRegularFile(f)) {
            return null;
        }
        try {
            return ServingBundle.JSON.readTree(f.toFile());
        } catch (IOException e) {
            throw new CohortException("cannot read " + f + ": " + e.getMessage(), e);
        }
    }

    private void buildSegments() {
        Map<String, JsonNode> explained = new HashMap<>();
        int floor = minSegmentSize;
        if (explanations != null) {
            for (JsonNode s : explanations.path("segments")) {
                explained.put(s.path("segment_key").asText(), s);
            }
            floor = Math.max(floor, explanations.path("privacy").path("min_segment_size").asInt(0));
        }
        int[] sizes = new int[segments.k()];
        for (int l : segments.labels()) {
            if (l >= 0) {
                sizes[l]++;
            }
        }
        int n = Math.max(1, segments.labels().length);
        for (int i = 0; i < segments.k(); i++) {
            int sid = segments.stableId(i);
            String key = "s" + sid;
            JsonNode e = explained.get(key);
            if (sizes[i] < floor || (explanations != null && e == null)) {
                continue; // withheld: below the minimum size (or merged into "other" by explain)
            }
            String name = e == null ? "Segment " + key : e.path("persona").path("name").asText("Segment " + key);
            String desc = e == null ? "" : e.path("persona").path("description").asText("");
            List<String> kw = new ArrayList<>();
            if (e != null) {
                for (JsonNode k : e.path("profile").path("keywords")) {
                    if (kw.size() < 8) {
                        kw.add(k.path("term").asText());
                    }
                }
            }
            JsonNode prop = explanations == null ? null : explanations.path("propensity").path("segments").get(key);
            SegmentInfo info = new SegmentInfo(sid, i, key, name, desc, sizes[i], (double) sizes[i] / n, kw, e, prop);
            visible.add(info);
            byIndex.put(i, info);
        }
    }

    private static String shortHash(String s) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public Path dir() {
        return dir;
    }

    /** Short fingerprint of the bundle's manifest. */
    public String id() {
        return id;
    }

    public Instant loadedAt() {
        return loadedAt;
    }

    public double loadSeconds() {
        return loadSeconds;
    }

    public JsonNode manifest() {
        return manifest;
    }

    public Dataset data() {
        return data;
    }

    /** Stored vector of dense user {@code u} (do not modify). */
    public float[] vector(int u) {
        return vectors[u];
    }

    public FittedRepresentation representation() {
        return representation;
    }

    /** The encoder the text views were built with, or null. */
    public EncoderIdentity encoder() {
        return encoder;
    }

    public SegmentBundle segments() {
        return segments;
    }

    public TrainingData training() {
        return training;
    }

    /** Users' history directions in item-text space, or null when the model has no item vectors. */
    AudienceFinder audienceFinder() {
        AudienceFinder a = audience;
        if (a == null && representation.itemVectors() != null) {
            synchronized (this) {
                if (audience == null) {
                    audience = AudienceFinder.of(training.matrix(), representation.itemVectors());
                }
                a = audience;
            }
        }
        return a;
    }

    public SegmentHybridRecommender.Model recommender() {
        return recommender;
    }

    /** Segments that pass the minimum-size rule, in model order. */
    public List<SegmentInfo> visibleSegments() {
        return List.copyOf(visible);
    }

    /** The visible segment at model index {@code i}, or null if withheld / none. */
    public SegmentInfo segmentAt(int i) {
        return byIndex.get(i);
    }

    public JsonNode explanations() {
        return explanations;
    }

    public JsonNode evaluation() {
        return evaluation;
    }

    public int minSegmentSize() {
        return minSegmentSize;
    }

    /** Dense row of a pseudonymised user id, or -1. */
    public int row(String pseudonym) {
        return data.users().ids().indexOf(pseudonym);
    }

    /** Events of dense user {@code row} in the bundle's data (0 for -1, a user not in it). */
    public int events(int row) {
        return row < 0 ? 0 : eventCounts[row];
    }

    /** Distinct items of user {@code row}'s training history, ascending. */
    public int[] historyItems(int row) {
        UserItemMatrix x = training.matrix();
        int a = x.rowStart(row);
        int[] it = new int[x.rowEnd(row) - a];
        for (int i = 0; i < it.length; i++) {
            it[i] = x.col(a + i);
        }
        return it;
    }

    /** Summed event weights aligned with {@link #historyItems}. */
    public float[] historyWeights(int row) {
        UserItemMatrix x = training.matrix();
        int a = x.rowStart(row);
        float[] w = new float[x.rowEnd(row) - a];
        for (int i = 0; i < w.length; i++) {
            w[i] = x.value(a + i);
        }
        return w;
    }

    /** User {@code row}'s attribute values as text, by name (missing values left out). */
    public Map<String, String> attributes(int row) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (io.cohortlm.data.AttributeColumn c : data.users().columns()) {
            if (!c.isMissing(row)) {
                out.put(c.name(), c.format(row));
            }
        }
        return out;
    }

    public int users() {
        return data.users().size();
    }

    /** The name to load the bundle's language model by (e.g. {@code minilm}), or null when it has no text view. */
    public static String encoderName(Path dir) {
        JsonNode n = ServingBundle.manifest(dir).get("encoder_name");
        return n == null || n.isNull() ? null : n.asText();
    }

    /** The key id of the pseudonym key the bundle was written with. */
    public String pseudonymKeyId() {
        return manifest.path("pseudonym_key_id").asText("");
    }
}
