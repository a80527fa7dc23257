package io.cohortlm.represent;

import io.cohortlm.data.Dataset;
import io.cohortlm.embed.Encoder;
import io.cohortlm.manifest.DatasetFingerprint;
import io.cohortlm.manifest.RunManifest;
import io.cohortlm.profile.ProfileConfig;
import io.cohortlm.reduce.Pca;
import io.cohortlm.reduce.PcaConfig;
import io.cohortlm.reduce.PcaModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * The embed stage end to end: computes the configured views, combines them into hybrid vectors, optionally
 * reduces them with PCA, and packages the result with pseudonymised ids and a manifest.
 *
 * @param config        which views, weights, PCA, seed
 * @param encoder       language model for the text views (null allowed when no text view is on)
 * @param weights       event weighting shared by the behaviour-based views
 * @param pseudonymizer maps a raw user id to the id written out
 */
public record RepresentationJob(RepresentationConfig config, Encoder encoder, EventWeights weights,
        UnaryOperator<String> pseudonymizer) {
    public RepresentationJob {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(weights, "weights");
        Objects.requireNonNull(pseudonymizer, "pseudonymizer");
        if (config.needsEncoder() && encoder == null) {
            throw new IllegalArgumentException("views " + config.weights().keySet() + " need an encoder");
        }
    }

    public UserVectors run(Dataset data) {
        List<HybridRepresentation.WeightedView> views = new ArrayList<>();
        ItemTextView itemView = null;
        ProfileTextView profileView = null;
        Capturing<BehaviourView.Fitted> behaviourFit = null;
        Capturing<AttributeView.Fitted> attributeFit = null;
        for (String name : RepresentationConfig.VIEWS) {
            double w = config.weight(name);
            if (w <= 0) {
                continue;
            }
            UserView v = switch (name) {
                case "text" -> profileView = new ProfileTextView(encoder, ProfileConfig.defaults());
                case "items" -> itemView = new ItemTextView(encoder, weights);
                case "behaviour" -> {
                    BehaviourView b = new BehaviourView(config.behaviourRank(), weights, config.seed());
                    yield behaviourFit = new Capturing<>(b.name(), b::fit, BehaviourView.Fitted::vectors);
                }
                case "attributes" -> {
                    AttributeView a = AttributeView.defaults();
                    yield attributeFit = new Capturing<>(a.name(), d -> a.fit(d.users()), AttributeView.Fitted::vectors);
                }
                default -> throw new IllegalStateException(name);
            };
            views.add(new HybridRepresentation.WeightedView(v, w));
        }
        // The item view's item vectors are kept for content recommendations: compute them once, reuse for pooling.
        float[][] itemVectors = itemView == null ? null : itemView.itemVectors(data.items());
        if (itemView != null) {
            PooledItems pooled = new PooledItems(itemView, itemVectors);
            ItemTextView base = itemView;
            views.replaceAll(wv -> wv.view() == base ? new HybridRepresentation.WeightedView(pooled, wv.weight()) : wv);
        }
        HybridRepresentation.Result hybrid = new HybridRepresentation(views).compute(data);
        float[][] vectors = hybrid.vectors();
        int pcaComponents = 0;
        double share = Double.NaN;
        PcaModel pca = null;
        if (config.pca() != null && !config.pca().isBlank()) {
            pca = new Pca(PcaConfig.parse(config.pca(), config.seed())).fit(vectors);
            vectors = pca.transform(vectors);
            pcaComponents = pca.components();
            share = pca.explainedShare();
        }
        List<String> ids = new ArrayList<>(data.users().size());
        for (String id : data.users().ids().ids()) {
            ids.add(pseudonymizer.apply(id));
        }
        Map<String, Object> cfg = new LinkedHashMap<>();
        cfg.put("views", config.weights());
        cfg.put("behaviour_rank", config.behaviourRank());
        cfg.put("pca", config.pca() == null ? "none" : config.pca());
        cfg.put("event_weights", weights.typeWeights());
        cfg.put("recency_half_life_days", weights.halfLifeDays());
        cfg.put("dataset", data.name());
        Map<String, Object> enc = new LinkedHashMap<>();
        if (encoder != null && config.needsEncoder()) {
            enc.put("model_id", encoder.identity().modelId());
            enc.put("weights_sha256", encoder.identity().weightsFingerprint());
            enc.put("dimension", encoder.identity().dimension());
            enc.put("pooling", encoder.identity().pooling());
            enc.put("normalized", encoder.identity().normalized());
        }
        RunManifest manifest = RunManifest.of("embed", cfg, config.seed(), DatasetFingerprint.of(data), enc);
        List<String> itemIds = itemVectors == null ? List.of() : data.items().ids().ids();
        List<String> profiles = profileView == null ? List.of() : profileView.texts(data).texts();
        List<FittedRepresentation.Slot> slots = hybrid.blocks().stream()
                .map(b -> new FittedRepresentation.Slot(b.view(), b.offset(), b.dimension(), b.weight())).toList();
        FittedRepresentation fitted = new FittedRepresentation(slots, weights, UserItemMatrix.latestTime(data.events()),
                attributeFit == null ? null : attributeFit.fitted.encoding(),
                behaviourFit == null ? null : behaviourFit.fitted.projection(), itemVectors, pca);
        return new UserVectors(ids, vectors, itemIds, itemVectors,
                encoder != null && config.needsEncoder() ? encoder.identity() : null, hybrid.blocks(), pcaComponents,
                share, manifest, profiles, fitted);
    }

    /** A view whose fit result (vectors plus fitted state) is kept; read after the hybrid is computed. */
    private static final class Capturing<F> implements UserView {
        private final String name;
        private final java.util.function.Function<Dataset, F> fit;
        private final java.util.function.Function<F, ViewVectors> vectors;
        private F fitted;

        Capturing(String name, java.util.function.Function<Dataset, F> fit,
                java.util.function.Function<F, ViewVectors> vectors) {
            this.name = name;
            this.fit = fit;
            this.vectors = vectors;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public ViewVectors compute(Dataset data) {
            fitted = fit.apply(data);
            return vectors.apply(fitted);
        }
    }

    /** The item-text view over item vectors computed once (they are also written out for content recommenders). */
    private record PooledItems(ItemTextView view, float[][] itemVectors) implements UserView {
        @Override
        public String name() {
            return view.name();
        }

        @Override
        public ViewVectors compute(Dataset data) {
            return view.pool(data, itemVectors);
        }
    }
}
