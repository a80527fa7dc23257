package io.cohortlm.represent;

import io.cohortlm.data.Dataset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Combines views into one hybrid user vector: each view's rows are L2-normalised, scaled by √weight and
 * concatenated, so the squared distance between two users is the weight-blended sum of their per-view squared
 * distances. Views with weight 0 are skipped (not computed).
 */
public final class HybridRepresentation {
    /** One view and its weight (≥ 0). */
    public record WeightedView(UserView view, double weight) {
        public WeightedView {
            if (!(weight >= 0) || Double.isInfinite(weight)) {
                throw new IllegalArgumentException("weight of view '" + view.name() + "' must be ≥ 0, was " + weight);
            }
        }
    }

    /** Where each view sits inside the hybrid vector. */
    public record Block(String view, int offset, int dimension, double weight, int emptyUsers,
            Map<String, Object> diagnostics, double seconds) {
    }

    /** The hybrid vectors and their layout. */
    public record Result(float[][] vectors, int dimension, List<Block> blocks) {
    }

    private final List<WeightedView> views;

    public HybridRepresentation(List<WeightedView> views) {
        if (views.stream().noneMatch(v -> v.weight() > 0)) {
            throw new IllegalArgumentException("at least one view must have a weight > 0");
        }
        this.views = List.copyOf(views);
    }

    public Result compute(Dataset data) {
        List<ViewVectors> parts = new ArrayList<>();
        List<Block> blocks = new ArrayList<>();
        int dim = 0;
        for (WeightedView wv : views) {
            if (wv.weight() == 0) {
                continue;
            }
            long t0 = System.nanoTime();
            ViewVectors v = wv.view().compute(data).normalizeRows();
            double secs = (System.nanoTime() - t0) / 1e9;
            parts.add(v);
            blocks.add(new Block(v.view(), dim, v.dimension(), wv.weight(), v.emptyUsers(),
                    new LinkedHashMap<>(v.diagnostics()), secs));
            dim += v.dimension();
        }
        int n = data.users().size();
        float[][] out = new float[n][dim];
        for (int b = 0; b < parts.size(); b++) {
            ViewVectors v = parts.get(b);
            float s = (float) Math.sqrt(blocks.get(b).weight());
            int off = blocks.get(b).offset();
            for (int u = 0; u < n; u++) {
                float[] row = v.vectors()[u];
                for (int k = 0; k < row.length; k++) {
                    out[u][off + k] = s * row[k];
                }
            }
        }
        return new Result(out, dim, blocks);
    }
}
