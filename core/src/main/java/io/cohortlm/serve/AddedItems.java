package io.cohortlm.serve;

import io.cohortlm.recommend.EaseRecommender;
import io.cohortlm.recommend.NewItemBridge;
import io.cohortlm.recommend.TopK;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Items added to a loaded model ({@code POST /v1/items}), each linked to its nearest warm catalogue items in
 * item-text space and scored for a user by {@link NewItemBridge}'s rule: the user's standardised scores of those
 * items, borrowed. Immutable: {@link #with} returns a new snapshot; the catalogue-side arrays are shared.
 */
final class AddedItems {
    /** One added item: what was sent, its vector, its warm neighbours (best first) and their cosines. */
    record Entry(NewItem item, float[] vector, int[] nbr, float[] sim) {
    }

    /** The bridge's settings for this model and why they were chosen. */
    record Bridge(int neighbours, double gain, double sharpness, String reason) {
    }

    private final int d;
    private final float[] unit;
    private final boolean[] warm;
    private final Bridge bridge;
    private final List<Entry> entries;
    private final Map<String, Integer> index;

    private AddedItems(int d, float[] unit, boolean[] warm, Bridge bridge, List<Entry> entries) {
        this.d = d;
        this.unit = unit;
        this.warm = warm;
        this.bridge = bridge;
        this.entries = List.copyOf(entries);
        this.index = new HashMap<>();
        for (int t = 0; t < this.entries.size(); t++) {
            index.put(this.entries.get(t).item().id(), t);
        }
    }

    /**
     * The empty set for model {@code m}, with the bridge tuned on the model's training data (pseudo-new items,
     * an old-item budget of 2%; see {@link NewItemBridge#tune}); null when the model has no item-text vectors.
     */
    static AddedItems empty(ServingModel m) {
        float[][] iv = m.representation().itemVectors();
        if (iv == null || iv.length == 0) {
            return null;
        }
        int items = iv.length;
        int dim = iv[0].length;
        float[] u = new float[items * dim];
        boolean[] w = new boolean[items];
        int[] counts = m.training().itemUserCounts();
        for (int i = 0; i < items; i++) {
            float[] v = AudienceFinder.unitOf(iv[i]);
            System.arraycopy(v, 0, u, i * dim, dim);
            boolean any = false;
            for (float x : v) {
                any |= x != 0;
            }
            w[i] = any && i < counts.length && counts[i] > 0;
        }
        NewItemBridge.Tuned t = NewItemBridge.tune(new EaseRecommender(400, 6000), m.training(), 0.2, 500, 0.02);
        Bridge b = t == null ? new Bridge(10, 1.0, 0, "too little data to tune; defaults")
                : new Bridge(t.neighbours(), t.gain(), t.sharpness(), t.reason());
        return new AddedItems(dim, u, w, b, List.of());
    }

    int dimension() {
        return d;
    }

    Bridge bridge() {
        return bridge;
    }

    List<Entry> entries() {
        return entries;
    }

    int size() {
        return entries.size();
    }

    /** The entry at position t. */
    Entry get(int t) {
        return entries.get(t);
    }

    /** Position of an added item, or -1. */
    int indexOf(String id) {
        Integer t = index.get(id);
        return t == null ? -1 : t;
    }

    /** An entry for {@code item} with vector {@code v} (length {@link #dimension()}), linked to its neighbours. */
    Entry link(NewItem item, float[] v) {
        float[] q = AudienceFinder.unitOf(v);
        int items = warm.length;
        float[] s = new float[items];
        for (int i = 0; i < items; i++) {
            if (!warm[i]) {
                s[i] = Float.NEGATIVE_INFINITY;
                continue;
            }
            float acc = 0;
            int o = i * d;
            for (int k = 0; k < d; k++) {
                acc += q[k] * unit[o + k];
            }
            s[i] = acc;
        }
        int[] top = TopK.select(s, bridge.neighbours(), null);
        int n = 0;
        while (n < top.length && s[top[n]] > 0) {
            n++;
        }
        int[] nbr = java.util.Arrays.copyOf(top, n);
        float[] sim = new float[n];
        for (int r = 0; r < n; r++) {
            sim[r] = s[top[r]];
        }
        return new Entry(item, v, nbr, sim);
    }

    /** A snapshot with {@code e} added, or replacing the entry with the same id. */
    AddedItems with(Entry e) {
        List<Entry> next = new ArrayList<>(entries);
        int at = indexOf(e.item().id());
        if (at >= 0) {
            next.set(at, e);
        } else {
            next.add(e);
        }
        return new AddedItems(d, unit, warm, bridge, next);
    }

    /**
     * Scores the added items for a user whose catalogue scores are {@code s}: standardises {@code s} in place over
     * the warm items (order kept) and returns the added items' borrowed scores on the same scale.
     */
    float[] score(float[] s) {
        float[] out = new float[entries.size()];
        if (entries.isEmpty() || !NewItemBridge.standardise(s, warm)) {
            return out;
        }
        for (int t = 0; t < out.length; t++) {
            Entry e = entries.get(t);
            out[t] = NewItemBridge.borrowed(s, e.nbr(), e.sim(), bridge.neighbours(), (float) bridge.gain(),
                    (float) bridge.sharpness());
        }
        return out;
    }
}
