package io.cohortlm.represent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cohortlm.CohortException;
import io.cohortlm.data.Events;
import io.cohortlm.reduce.PcaModel;
import io.cohortlm.store.FloatMatrixFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The fitted embed stage: everything needed to turn a user the model has never seen — a few attributes, a profile
 * text, a handful of events — into a vector in the same space as the training users, without refitting. Training
 * users and new users go through the same rules (attribute z-scores and one-hot slots, pooled item-text vectors,
 * behaviour projected onto the fitted singular vectors, the same block weights and PCA), so a training user's
 * history folded in reproduces their stored vector.
 * <p>Immutable and thread-safe. Written next to the vectors as {@code representation.json} plus
 * {@code behaviour_v.f32}, {@code behaviour_idf.f32} and {@code pca.f32} where those views exist.
 *
 * @param slots         where each view sits in the hybrid vector before PCA, in order
 * @param eventWeights  event weighting shared with training
 * @param now           the training data's reference time for recency (epoch s), or {@link Events#NO_TIME}
 * @param attributes    the attribute view's encoding, or null when the view is off
 * @param behaviour     the behaviour view's projection, or null when the view is off
 * @param itemVectors   the item-text vectors (catalogue order), or null when the item view is off
 * @param pca           the PCA applied after combining, or null
 */
public record FittedRepresentation(List<Slot> slots, EventWeights eventWeights, long now, AttributeEncoding attributes,
        BehaviourProjection behaviour, float[][] itemVectors, PcaModel pca) {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    public static final String FILE = "representation.json";

    /** One view's place in the hybrid vector. */
    public record Slot(String view, int offset, int dimension, double weight) {
    }

    /**
     * What is known about a user to represent. Every part is optional.
     *
     * @param attributes  raw attribute values by name (empty map for none)
     * @param textVector  the encoded profile text, or null
     * @param items       distinct item indices of the history, ascending
     * @param itemWeights summed event weight per item (see {@link History})
     */
    public record Input(Map<String, String> attributes, float[] textVector, int[] items, float[] itemWeights) {
        public Input {
            attributes = attributes == null ? Map.of() : attributes;
            items = items == null ? new int[0] : items;
            itemWeights = itemWeights == null ? new float[0] : itemWeights;
            if (items.length != itemWeights.length) {
                throw new IllegalArgumentException("itemWeights must match items, was " + itemWeights.length
                        + " for " + items.length);
            }
        }
    }

    /** The hybrid vector of an input and what went into it. */
    public record Result(float[] hybrid, float[] vector, AttributeEncoding.Use attributes, List<String> viewsUsed) {
    }

    /** A user's history reduced to distinct items and summed event weights — the matrix row the views read. */
    public static final class History {
        private final Map<Integer, Double> weights = new HashMap<>();

        /** Adds one event's weight. */
        public History add(int item, double weight) {
            if (weight > 0) {
                weights.merge(item, weight, Double::sum);
            }
            return this;
        }

        public int[] items() {
            int[] it = weights.keySet().stream().mapToInt(Integer::intValue).toArray();
            Arrays.sort(it);
            return it;
        }

        /** Weights aligned with {@link #items()}. */
        public float[] weights(int[] items) {
            float[] w = new float[items.length];
            for (int i = 0; i < items.length; i++) {
                w[i] = weights.get(items[i]).floatValue();
            }
            return w;
        }

        public boolean isEmpty() {
            return weights.isEmpty();
        }
    }

    public FittedRepresentation {
        slots = List.copyOf(slots);
        Objects.requireNonNull(eventWeights, "eventWeights");
    }

    /** Dimension of the hybrid vector before PCA. */
    public int hybridDimension() {
        Slot last = slots.get(slots.size() - 1);
        return last.offset() + last.dimension();
    }

    /** Dimension of the output vectors. */
    public int dimension() {
        return pca == null ? hybridDimension() : pca.components();
    }

    /** The slot of a view, or null when the model does not use it. */
    public Slot slot(String view) {
        for (Slot s : slots) {
            if (s.view().equals(view)) {
                return s;
            }
        }
        return null;
    }

    /** Whether the model has a profile-text view (then a profile text needs the same encoder). */
    public boolean usesText() {
        return slot("text") != null;
    }

    /** Whether a profile text can be used at all: a text view, or an item-text view it can stand in for. */
    public boolean acceptsText() {
        return slot("text") != null || slot("items") != null;
    }

    /** Number of items the model knows. */
    public int itemCount() {
        if (itemVectors != null) {
            return itemVectors.length;
        }
        return behaviour != null ? behaviour.items() : 0;
    }

    /**
     * Represents an input. When the model has no text view but has an item-text view, a profile text stands in for
     * the item-text view of a user without events (both live in the encoder's space).
     */
    public Result represent(Input in) {
        float[] h = new float[hybridDimension()];
        List<String> used = new ArrayList<>();
        AttributeEncoding.Use attrUse = new AttributeEncoding.Use(List.of(), List.copyOf(in.attributes().keySet()));
        for (Slot s : slots) {
            float[] block = new float[s.dimension()];
            boolean any = switch (s.view()) {
                case "attributes" -> {
                    attrUse = attributes.encode(in.attributes(), block);
                    yield !attrUse.used().isEmpty();
                }
                case "text" -> copy(in.textVector(), block);
                case "items" -> pool(in.items(), in.itemWeights(), block)
                        || (slot("text") == null && copy(in.textVector(), block));
                case "behaviour" -> behaviour.project(in.items(), in.itemWeights(), 0, in.items().length, block);
                default -> throw new IllegalStateException("unknown view " + s.view());
            };
            if (any && place(block, s, h)) {
                used.add(s.view());
            }
        }
        return new Result(h, finish(h), attrUse, List.copyOf(used));
    }

    /** Applies the PCA (if any) to a hybrid vector. */
    public float[] finish(float[] hybrid) {
        return pca == null ? hybrid.clone() : pca.transform(hybrid);
    }

    /**
     * A stored vector moved by a change of the hybrid vector: {@code stored + P(after − before)}, P being the PCA's
     * linear part (or identity). Lets a service update a training user whose profile-text block it cannot rebuild:
     * the blocks that did not change cancel.
     */
    public float[] shift(float[] stored, float[] before, float[] after) {
        float[] out = stored.clone();
        if (pca == null) {
            for (int k = 0; k < out.length; k++) {
                out[k] += after[k] - before[k];
            }
            return out;
        }
        int d = pca.inputDim();
        for (int j = 0; j < pca.components(); j++) {
            double s = 0;
            for (int k = 0; k < d; k++) {
                s += (after[k] - before[k]) * pca.axes()[j * d + k];
            }
            out[j] += (float) s;
        }
        return out;
    }

    private static boolean copy(float[] src, float[] block) {
        if (src == null) {
            return false;
        }
        if (src.length != block.length) {
            throw new IllegalArgumentException("text vector must have dimension " + block.length + ", was "
                    + src.length);
        }
        System.arraycopy(src, 0, block, 0, src.length);
        return true;
    }

    private boolean pool(int[] items, float[] w, float[] block) {
        double[] acc = new double[block.length];
        double sum = 0;
        for (int p = 0; p < items.length; p++) {
            if (w[p] <= 0) {
                continue;
            }
            float[] iv = itemVectors[items[p]];
            for (int k = 0; k < acc.length; k++) {
                acc[k] += w[p] * iv[k];
            }
            sum += w[p];
        }
        if (sum == 0) {
            return false;
        }
        for (int k = 0; k < acc.length; k++) {
            block[k] = (float) (acc[k] / sum);
        }
        return true;
    }

    /** Normalises a block, scales it by √weight and writes it into its slot; false if the block is zero. */
    private static boolean place(float[] block, Slot s, float[] h) {
        double n = 0;
        for (float v : block) {
            n += v * v;
        }
        if (n == 0) {
            return false;
        }
        // Same float arithmetic as ViewVectors.normalizeRows + HybridRepresentation: folded-in training users
        // reproduce their stored vectors.
        float inv = (float) (1 / Math.sqrt(n));
        float scale = (float) Math.sqrt(s.weight());
        for (int k = 0; k < block.length; k++) {
            h[s.offset() + k] = scale * (block[k] * inv);
        }
        return true;
    }

    /** Writes the state into {@code dir} (an existing vectors directory being assembled). */
    public void write(Path dir) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", "cohortlm-representation");
        root.put("version", 1);
        root.set("slots", JSON.valueToTree(slots));
        ObjectNode ew = root.putObject("event_weights");
        ew.set("type_weights", JSON.valueToTree(eventWeights.typeWeights()));
        ew.put("other_weight", eventWeights.otherWeight());
        ew.put("rating_pivot", eventWeights.ratingPivot());
        ew.put("half_life_days", eventWeights.halfLifeDays());
        if (now != Events.NO_TIME) {
            root.put("now", now);
        }
        if (attributes != null) {
            root.set("attributes", JSON.valueToTree(attributes));
        }
        if (behaviour != null) {
            root.put("behaviour_rank", behaviour.rank());
            FloatMatrixFile.write(dir.resolve("behaviour_idf.f32"), new float[][] {behaviour.idf()},
                    behaviour.idf().length);
            float[][] v = new float[behaviour.items()][behaviour.rank()];
            for (int i = 0; i < v.length; i++) {
                System.arraycopy(behaviour.v(), i * behaviour.rank(), v[i], 0, behaviour.rank());
            }
            FloatMatrixFile.write(dir.resolve("behaviour_v.f32"), v, behaviour.rank());
        }
        if (pca != null) {
            root.put("pca_components", pca.components());
            root.put("pca_total_variance", pca.totalVariance());
            root.set("pca_explained_variance", JSON.valueToTree(pca.explainedVariance()));
            float[][] m = new float[pca.components() + 1][pca.inputDim()];
            for (int k = 0; k < pca.inputDim(); k++) {
                m[0][k] = (float) pca.mean()[k];
            }
            for (int j = 0; j < pca.components(); j++) {
                for (int k = 0; k < pca.inputDim(); k++) {
                    m[j + 1][k] = (float) pca.axes()[j * pca.inputDim() + k];
                }
            }
            FloatMatrixFile.write(dir.resolve("pca.f32"), m, pca.inputDim());
        }
        JSON.writeValue(dir.resolve(FILE).toFile(), root);
    }

    /** Whether {@code dir} holds a fitted representation (vectors written before it existed do not). */
    public static boolean exists(Path dir) {
        return Files.isRegularFile(dir.resolve(FILE));
    }

    /** Reads the state written by {@link #write}; {@code itemVectors} come from the vectors directory. */
    public static FittedRepresentation read(Path dir, float[][] itemVectors) {
        Path f = dir.resolve(FILE);
        try {
            JsonNode root = JSON.readTree(f.toFile());
            List<Slot> slots = new ArrayList<>();
            for (JsonNode s : root.get("slots")) {
                slots.add(new Slot(s.get("view").asText(), s.get("offset").asInt(), s.get("dimension").asInt(),
                        s.get("weight").asDouble()));
            }
            JsonNode ew = root.get("event_weights");
            @SuppressWarnings("unchecked")
            Map<String, Double> tw = JSON.convertValue(ew.get("type_weights"), Map.class);
            EventWeights weights = new EventWeights(tw, ew.get("other_weight").asDouble(),
                    ew.get("rating_pivot").asDouble(), ew.get("half_life_days").asDouble());
            long now = root.has("now") ? root.get("now").asLong() : Events.NO_TIME;
            AttributeEncoding attrs = root.has("attributes") ? JSON.treeToValue(root.get("attributes"),
                    AttributeEncoding.class) : null;
            BehaviourProjection beh = null;
            if (root.has("behaviour_rank")) {
                int rank = root.get("behaviour_rank").asInt();
                float[] idf = FloatMatrixFile.read(dir.resolve("behaviour_idf.f32"))[0];
                float[][] v = FloatMatrixFile.read(dir.resolve("behaviour_v.f32"));
                float[] flat = new float[v.length * rank];
                for (int i = 0; i < v.length; i++) {
                    System.arraycopy(v[i], 0, flat, i * rank, rank);
                }
                beh = new BehaviourProjection(idf, flat, rank);
            }
            PcaModel pca = null;
            if (root.has("pca_components")) {
                float[][] m = FloatMatrixFile.read(dir.resolve("pca.f32"));
                int c = root.get("pca_components").asInt();
                int d = m[0].length;
                double[] mean = new double[d];
                double[] axes = new double[c * d];
                for (int k = 0; k < d; k++) {
                    mean[k] = m[0][k];
                }
                for (int j = 0; j < c; j++) {
                    for (int k = 0; k < d; k++) {
                        axes[j * d + k] = m[j + 1][k];
                    }
                }
                double[] ev = JSON.convertValue(root.get("pca_explained_variance"), double[].class);
                pca = new PcaModel(d, c, mean, axes, ev, root.get("pca_total_variance").asDouble());
            }
            if (slots.stream().anyMatch(s -> s.view().equals("items")) && itemVectors == null) {
                throw new CohortException(dir + ": the item-text view needs items.f32, which is missing");
            }
            return new FittedRepresentation(slots, weights, now, attrs, beh, itemVectors, pca);
        } catch (IOException | RuntimeException e) {
            if (e instanceof CohortException ce) {
                throw ce;
            }
            throw new CohortException("cannot read " + f + ": " + e.getMessage(), e);
        }
    }
}
