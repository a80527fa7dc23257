package io.cohortlm.evaluate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cohortlm.data.Dataset;
import io.cohortlm.embed.Encoder;
import io.cohortlm.profile.InterestTexts;
import io.cohortlm.recommend.Recommender;
import io.cohortlm.represent.AttributeView;
import io.cohortlm.represent.ItemTextView;
import io.cohortlm.represent.UserItemMatrix;
import io.cohortlm.represent.ViewVectors;
import io.cohortlm.resolution.CoarseSegments;
import io.cohortlm.resolution.FineSegments;
import io.cohortlm.resolution.SegmentHierarchy;
import io.cohortlm.resolution.SegmentResolution;
import io.cohortlm.segment.PredictiveLift;
import io.cohortlm.segment.QualityIndices;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The whole "do segments make recommendations better?" question in one job. Item texts are encoded with the
 * language model once (item text is not test data); everything learned from interactions — the behaviour view,
 * the pooled item-text view, the fine segments and their resolution ({@link SegmentResolution}: k and view
 * weights chosen by the validation NDCG of segment popularity) — is refitted on each run's training data, so no
 * segment has seen a test item. Held-out users are placed from what they reveal (few-shot items, attributes).
 * <p>Then the ablation: (1) <b>what the language model adds</b> — the same evaluation without the item-text view
 * and without content, every protocol, per cohort (baseline tuning shared); (2) segments from each view alone and
 * from all of them, at the chosen k, on predictive lift and segment popularity under {@code random}.
 *
 * @param config   evaluation settings (protocols, seeds, methods)
 * @param encoder  language model for the item-text view, or null to leave that view out
 * @param k        fixed number of segments, or 0 to choose it by value
 * @param seed     the one seed of every random choice
 * @param ablation run the ablation
 */
public record SegmentEvaluation(EvaluationConfig config, Encoder encoder, int k, long seed, boolean ablation) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] VIEWS = {"behaviour", "items", "attributes"};

    public SegmentEvaluation {
        Objects.requireNonNull(config, "config");
    }

    /** The report and the JSON document ({@code results}, {@code significance}, {@code segmentation}, {@code ablation}). */
    public record Outcome(EvaluationReport report, ObjectNode json) {
    }

    private SegmentResolution resolution() {
        SegmentResolution d = SegmentResolution.defaults(seed, config.threads());
        return k > 0 ? new SegmentResolution(List.of(k), k, d.behaviourRank(), d.maxValidationUsers(),
                1, d.smoothing(), seed, config.threads()) : d;
    }

    private EvaluationInputs.SegmentRefit refit(float[][] itemVectors, float[][] attributes, boolean[] allowed) {
        SegmentResolution r = resolution();
        return (data, train) -> {
            FineSegments f = r.fit(train, itemVectors, attributes, allowed);
            return new EvaluationInputs.Segmentation(f.labels(), f.k(), f.vectors(), f);
        };
    }

    public Outcome run(Dataset data) {
        float[][] itemVectors = encoder == null ? null : new ItemTextView(encoder, config.weights())
                .itemVectors(data.items());
        ViewVectors attrView = AttributeView.defaults().compute(data);
        float[][] attributes = attrView.dimension() > 0 ? attrView.vectors() : null;
        UserItemMatrix full = UserItemMatrix.of(data, config.weights());
        FineSegments shipped = resolution().fit(full, itemVectors, attributes);

        EvaluationInputs inputs = new EvaluationInputs(null, 0, null, attributes, itemVectors, null,
                refit(itemVectors, attributes, null),
                encoder == null ? null : InterestTexts.encoded(data.items(), encoder));
        Map<String, Recommender> shared = new LinkedHashMap<>();
        EvaluationReport report = Evaluator.run(data, inputs, config, shared);

        ObjectNode json;
        try {
            json = (ObjectNode) JSON.readTree(report.toJson());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        ObjectNode seg = json.putObject("segmentation");
        seg.put("k", shipped.k());
        StringBuilder views = new StringBuilder();
        for (int v = 0; v < VIEWS.length; v++) {
            boolean has = v == 0 || (v == 1 && itemVectors != null) || (v == 2 && attributes != null);
            if (has) {
                views.append(views.length() == 0 ? "" : ",").append(VIEWS[v]);
            }
        }
        seg.put("views", views.toString());
        seg.put("view_weights", shipped.weightsText());
        seg.put("encoder", encoder == null ? null : encoder.identity().modelId());
        seg.put("reason", shipped.reason());
        seg.put("criterion", k > 0 ? "fixed by --k" : "validation NDCG@10 of segment popularity");
        seg.set("sweep", JSON.valueToTree(shipped.sweep()));
        seg.put("refit", "segments and every interaction-derived view are refitted on each run's training data");
        putQuality(seg, data, shipped);
        CoarseSegments coarse = SegmentHierarchy.defaults(seed).fit(shipped);
        ObjectNode co = seg.putObject("coarse");
        co.put("k", coarse.k());
        co.put("reason", coarse.reason());
        co.put("criterion", "bootstrap stability and Ward merge-cost jump over the fine centroids (each coarse "
                + "segment is a union of fine segments)");
        co.set("sweep", JSON.valueToTree(coarse.sweep()));
        co.set("sizes", JSON.valueToTree(coarse.sizes()));
        co.set("fine_to_coarse", JSON.valueToTree(coarse.fineToCoarse()));

        if (ablation) {
            ArrayNode ab = json.putArray("ablation");
            for (int v = 0; v <= VIEWS.length; v++) {
                boolean[] allowed = new boolean[] {v == 0 || v == 3, v == 1 || v == 3, v == 2 || v == 3};
                if ((v == 1 && itemVectors == null) || (v == 2 && attributes == null)) {
                    continue;
                }
                String name = v == 3 ? "hybrid" : VIEWS[v] + "-only";
                SegmentResolution fixed = new SegmentResolution(List.of(shipped.k()), shipped.k(), 32, 1000, 1, 50,
                        seed, config.threads());
                FineSegments s = fixed.fit(full, itemVectors, attributes, allowed);
                ObjectNode row = ab.addObject();
                row.put("segments_from", name);
                row.put("k", s.k());
                row.put("view_weights", s.weightsText());
                putQuality(row, data, s);
                EvaluationConfig small = config.withProtocols(List.of("random"), List.of(config.seeds().get(0)))
                        .withMethods(List.of("segment-popularity"), config.tune());
                EvaluationInputs in = new EvaluationInputs(null, 0, null, attributes, itemVectors, null,
                        fixedRefit(fixed, itemVectors, attributes, allowed));
                EvaluationReport r = Evaluator.run(data, in, small, shared);
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
            if (itemVectors != null) {
                json.set("language_model", languageModelRow(data, report, attributes, shared));
            }
        }
        return new Outcome(report, json);
    }

    private static EvaluationInputs.SegmentRefit fixedRefit(SegmentResolution r, float[][] itemVectors,
            float[][] attributes, boolean[] allowed) {
        return (data, train) -> {
            FineSegments f = r.fit(train, itemVectors, attributes, allowed);
            return new EvaluationInputs.Segmentation(f.labels(), f.k(), f.vectors(), f);
        };
    }

    /**
     * What the language model adds: segment-popularity and segment-hybrid with and without the item-text view and
     * content, for every protocol and cohort; {@code delta} = with − without (NDCG@10).
     */
    private ObjectNode languageModelRow(Dataset data, EvaluationReport with, float[][] attributes,
            Map<String, Recommender> shared) {
        List<String> methods = config.methods().stream()
                .filter(m -> m.equals("segment-popularity") || m.equals("segment-hybrid")).toList();
        ObjectNode out = JSON.createObjectNode();
        if (methods.isEmpty()) {
            return out;
        }
        EvaluationInputs none = new EvaluationInputs(null, 0, null, attributes, null, null,
                refit(null, attributes, null));
        EvaluationReport without = Evaluator.run(data, none, config.withMethods(methods, config.tune()), shared);
        Map<String, EvaluationReport.Result> base = new LinkedHashMap<>();
        for (EvaluationReport.Result r : without.results()) {
            base.put(r.method() + "|" + r.protocol() + "|" + r.cohort(), r);
        }
        out.put("note", "NDCG@10 with the language-model views (item text in the segments, content in the blend) "
                + "minus without them; everything else equal, baselines' tuning shared");
        ArrayNode rows = out.putArray("rows");
        for (EvaluationReport.Result r : with.results()) {
            EvaluationReport.Result b = base.get(r.method() + "|" + r.protocol() + "|" + r.cohort());
            if (b == null || r.protocol().startsWith(Splits.RANDOM_PREFIX)
                    || !(r.cohort().equals("all") || r.cohort().startsWith("activity:") || r.cohort().startsWith("shots:"))) {
                continue;
            }
            ObjectNode row = rows.addObject();
            row.put("method", r.method());
            row.put("protocol", r.protocol());
            row.put("cohort", r.cohort());
            row.put("users", r.users());
            double a = r.metrics().get("ndcg@10");
            double c = b.metrics().get("ndcg@10");
            row.put("with", a);
            row.put("without", c);
            row.put("delta", a - c);
        }
        return out;
    }

    private void putQuality(ObjectNode node, Dataset data, FineSegments s) {
        QualityIndices q = QualityIndices.of(s.vectors(), s.labels(), s.k(), 2000, seed);
        PredictiveLift.Result lift = PredictiveLift.defaults().score(data, s.labels(), s.k());
        node.put("silhouette", q.silhouette());
        node.put("davies_bouldin", q.daviesBouldin());
        node.put("calinski_harabasz", q.calinskiHarabasz());
        node.put("lift_nats", lift.liftNats());
        node.put("lift_likelihood_ratio", lift.likelihoodRatio());
        int[] sizes = s.sizes();
        node.put("smallest_segment", java.util.Arrays.stream(sizes).min().orElse(0));
    }
}
