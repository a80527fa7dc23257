package io.cohortlm.represent;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How to build hybrid user vectors.
 *
 * @param weights       weight per view name ({@code text}, {@code items}, {@code behaviour}, {@code attributes}); a
 *                      view absent or weighted 0 is not computed
 * @param behaviourRank dimension of the behaviour view, ≥ 1
 * @param pca           PCA target ("32", "0.9", "90%") or null for none
 * @param seed          the one seed of every random choice
 */
public record RepresentationConfig(Map<String, Double> weights, int behaviourRank, String pca, long seed) {
    /** The view names, in the order they are concatenated. */
    public static final List<String> VIEWS = List.of("text", "items", "behaviour", "attributes");

    public RepresentationConfig {
        weights = Map.copyOf(weights);
        for (var e : weights.entrySet()) {
            if (!VIEWS.contains(e.getKey())) {
                throw new IllegalArgumentException("unknown view '" + e.getKey() + "'; views are " + VIEWS);
            }
            if (!(e.getValue() >= 0) || e.getValue().isInfinite()) {
                throw new IllegalArgumentException("weight of view '" + e.getKey() + "' must be ≥ 0, was " + e.getValue());
            }
        }
        if (weights.values().stream().noneMatch(w -> w > 0)) {
            throw new IllegalArgumentException("at least one view must have a weight > 0");
        }
        if (behaviourRank < 1) {
            throw new IllegalArgumentException("behaviourRank must be ≥ 1, was " + behaviourRank);
        }
    }

    /** All four views, equal weights, behaviour rank 32, no PCA. */
    public static RepresentationConfig defaults(long seed) {
        return of("text,items,behaviour,attributes", null, null, seed);
    }

    /**
     * From the CLI forms: views {@code "items,behaviour"} and weights {@code "items=2,behaviour=1"} (weights of
     * views not listed in {@code views} are ignored; listed views default to weight 1).
     */
    public static RepresentationConfig of(String views, String weights, String pca, long seed) {
        Map<String, Double> w = new LinkedHashMap<>();
        for (String v : views.split(",")) {
            String name = v.strip().toLowerCase(Locale.ROOT);
            if (!name.isEmpty()) {
                w.put(name, 1.0);
            }
        }
        if (weights != null && !weights.isBlank()) {
            for (String kv : weights.split(",")) {
                String[] p = kv.split("=", 2);
                if (p.length != 2) {
                    throw new IllegalArgumentException("weights must look like items=2,behaviour=1; bad part '" + kv + "'");
                }
                String name = p[0].strip().toLowerCase(Locale.ROOT);
                double value;
                try {
                    value = Double.parseDouble(p[1].strip());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("weight of view '" + name + "' must be a number, was '" + p[1] + "'");
                }
                if (!VIEWS.contains(name)) {
                    throw new IllegalArgumentException("unknown view '" + name + "' in weights; views are " + VIEWS);
                }
                if (w.containsKey(name)) {
                    w.put(name, value);
                }
            }
        }
        return new RepresentationConfig(w, 32, pca, seed);
    }

    public double weight(String view) {
        return weights.getOrDefault(view, 0.0);
    }

    /** True if a language model is needed (a text or item-text view is on). */
    public boolean needsEncoder() {
        return weight("text") > 0 || weight("items") > 0;
    }
}
