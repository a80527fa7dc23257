package io.cohortlm.evaluate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cohortlm.data.Dataset;
import io.cohortlm.embed.Encoder;
import io.cohortlm.recommend.SegmentAssigner;
import io.cohortlm.represent.AttributeView;
import io.cohortlm.represent.BehaviourView;
import io.cohortlm.represent.EventWeights;
import io.cohortlm.represent.HybridRepresentation;
import io.cohortlm.represent.ItemTextView;
import io.cohortlm.represent.UserView;
import io.cohortlm.represent.ViewVectors;
import io.cohortlm.segment.KAdvisor;
import io.cohortlm.segment.KMeansClusterer;
import io.cohortlm.segment.KMeansConfig;
import io.cohortlm.segment.Matrix;
import io.cohortlm.segment.PredictiveLift;
import io.cohortlm.segment.QualityIndices;
import io.cohortlm.segment.SegmentModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The whole "do segments make recommendations better?" question in one job: builds the views (item text with
 * the language model, behaviour, attributes), segments the hybrid vector (k from the {@link KAdvisor} unless
 * fixed), evaluates every recommender under the configured protocols, and runs the ablation — segments from
 * attributes only, behaviour only, item text only, and the hybrid, each at the same k, compared on predictive
 * lift and on the segment recommenders under the {@code random} protocol (seed of the first run).
 * <p>Cold-start users are assigned a segment from their attributes alone: the nearest per-segment mean of the
 * members' attribute vectors.
 *
 * @param config   evaluation settings (protocols, seeds, methods)
 * @param encoder  language model for the item-text view, or null to leave that view out
 * @param k        fixed number of segments, or 0 to let the advisor choose
 * @param seed     the one seed of every random choice
 * @param ablation run the ablation
 */
public record SegmentEvaluation(EvaluationConfig config, Encoder encoder, int k, long seed, boolean ablation) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public SegmentEvaluation {
        Objects.requireNonNull(config, "config");
    }

    /** The report and the JSON document ({@code results}, {@code significance}, {@code segmentation}, {@code ablation}). */
    public record Outcome(EvaluationReport report, ObjectNode json) {
    }

    private record Fixed(ViewVectors v) implements UserView {
        @Override
        public String name() {
            return v.view();
        }

        @Override
        public ViewVectors compute(Dataset data) {
            return v;
        }
    }

    private record Segments(int[] labels, int k, SegmentModel model) {
    }

    public Outcome run(Dataset data) {
        EventWeights weights = config.weights();
        Map<String, ViewVectors> views = new LinkedHashMap<>();
        float[][] itemVectors = null;
        if (encoder != null) {
            ItemTextView itv = new ItemTextView(encoder, weights);
            itemVectors = itv.itemVectors(data.items());
            views.put("items", itv.pool(data, itemVectors).normalizeRows());
        }
        views.put("behaviour", new BehaviourView(32, weights, seed).compute(data).normalizeRows());
        ViewVectors attributes = AttributeView.defaults().compute(data).normalizeRows();
        if (attributes.dimension() > 0) {
            views.put("attributes", attributes);
        }
        List<HybridRepresentation.WeightedView> all = new ArrayList<>();
        views.values().forEach(v -> all.add(new HybridRepresentation.WeightedView(new Fixed(v), 1.0)));
        float[][] hybrid = new HybridRepresentation(all).compute(data).vectors();

        KMeansConfig base = KMeansConfig.defaults(2).withSeed(seed).withThreads(config.threads());
        KAdvisor.Advice advice = null;
        int chosen = k;
        if (chosen == 0) {
            advice = KAdvisor.defaults(seed).advise(Matrix.of(hybrid), data);
            chosen = advice.chosenK();
        }
        Segments hybridSegments = segment(hybrid, chosen, base);
        SegmentAssigner assigner = attributeAssigner(attributes, hybridSegments);
        EvaluationInputs inputs = new EvaluationInputs(hybridSegments.labels(), chosen, hybrid,
                attributes.dimension() > 0 ? attributes.vectors() : null, itemVectors, assigner, null);
        EvaluationReport report = Evaluator.run(data, inputs, config);

        ObjectNode json;
        try {
            json = (ObjectNode) JSON.readTree(report.toJson());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        ObjectNode seg = json.putObject("segmentation");
        seg.put("k", chosen);
        seg.put("views", String.join(",", views.keySet()));
        seg.put("encoder", encoder == null ? null : encoder.identity().modelId());
        if (advice != null) {
            seg.put("reason", advice.reason());
            seg.set("sweep", JSON.valueToTree(advice.scores()));
        }
        putQuality(seg, data, hybrid, hybridSegments);

        if (ablation) {
            ArrayNode ab = json.putArray("ablation");
            Map<String, float[][]> variants = new LinkedHashMap<>();
            views.forEach((name, v) -> variants.put(name + "-only", v.vectors()));
            variants.put("hybrid", hybrid);
            EvaluationConfig small = config.withProtocols(List.of("random"), List.of(config.seeds().get(0)))
                    .withMethods(List.of("segment-popularity", "segment-hybrid"), config.tune());
            for (var e : variants.entrySet()) {
                Segments s = e.getKey().equals("hybrid") ? hybridSegments : segment(e.getValue(), chosen, base);
                ObjectNode row = ab.addObject();
                row.put("segments_from", e.getKey());
                row.put("k", chosen);
                putQuality(row, data, e.getValue(), s);
                EvaluationInputs in = new EvaluationInputs(s.labels(), chosen, e.getValue(), null, itemVectors, null,
                        null);
                EvaluationReport r = Evaluator.run(data, in, small);
                ObjectNode metrics = row.putObject("random");
                for (EvaluationReport.Result res : r.results()) {
                    if (res.cohort().equals("all") && res.protocol().equals("random")) {
                        ObjectNode m = metrics.putObject(res.method());
                        m.put("ndcg@10", res.metrics().get("ndcg@10"));
                        m.put("recall@10", res.metrics().get("recall@10"));
                        m.put("hit@10", res.metrics().get("hit@10"));
                    }
                }
            }
        }
        return new Outcome(report, json);
    }

    private void putQuality(ObjectNode node, Dataset data, float[][] x, Segments s) {
        QualityIndices q = QualityIndices.of(x, s.labels(), s.k(), 2000, seed);
        PredictiveLift.Result lift = PredictiveLift.defaults().score(data, s.labels(), s.k());
        node.put("silhouette", q.silhouette());
        node.put("davies_bouldin", q.daviesBouldin());
        node.put("calinski_harabasz", q.calinskiHarabasz());
        node.put("lift_nats", lift.liftNats());
        node.put("lift_likelihood_ratio", lift.likelihoodRatio());
    }

    private static Segments segment(float[][] x, int k, KMeansConfig base) {
        SegmentModel m = new KMeansClusterer(base.withK(k).withNInit(3)).fit(Matrix.of(x));
        return new Segments(m.trainingLabels(), k, m);
    }

    /** Nearest per-segment mean of the members' attribute vectors; null when there are no attributes. */
    private static SegmentAssigner attributeAssigner(ViewVectors attributes, Segments s) {
        int d = attributes.dimension();
        if (d == 0) {
            return null;
        }
        double[][] mean = new double[s.k()][d];
        int[] count = new int[s.k()];
        for (int u = 0; u < s.labels().length; u++) {
            int l = s.labels()[u];
            if (l < 0) {
                continue;
            }
            count[l]++;
            for (int j = 0; j < d; j++) {
                mean[l][j] += attributes.vectors()[u][j];
            }
        }
        float[][] c = new float[s.k()][d];
        for (int l = 0; l < s.k(); l++) {
            for (int j = 0; j < d; j++) {
                c[l][j] = (float) (mean[l][j] / Math.max(1, count[l]));
            }
        }
        return v -> {
            int best = -1;
            double bd = Double.POSITIVE_INFINITY;
            for (int l = 0; l < c.length; l++) {
                double dist = 0;
                for (int j = 0; j < d; j++) {
                    double t = v[j] - c[l][j];
                    dist += t * t;
                }
                if (dist < bd) {
                    bd = dist;
                    best = l;
                }
            }
            return best;
        };
    }
}
