package io.cohortlm.represent;

import io.cohortlm.data.Dataset;
import io.cohortlm.data.Events;
import io.cohortlm.data.Items;
import io.cohortlm.embed.Encoder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Item-text view: every distinct item text is encoded once, then a user's vector is the event-weighted mean of
 * the vectors of the items they touched ({@link EventWeights}: type, rating, quantity, recency). Encoder cost
 * grows with the catalogue, not with the users — the path that scales to millions of users.
 *
 * @param encoder the language model (wrap it in a cache to make reruns free)
 * @param weights event weighting
 */
public record ItemTextView(Encoder encoder, EventWeights weights) implements UserView {
    public ItemTextView {
        Objects.requireNonNull(encoder, "encoder");
        Objects.requireNonNull(weights, "weights");
    }

    @Override
    public String name() {
        return "items";
    }

    /** Vectors of every item (row = dense item index); items without text get a zero row. */
    public float[][] itemVectors(Items items) {
        Map<String, Integer> distinct = new HashMap<>();
        List<String> texts = new ArrayList<>();
        int[] textOf = new int[items.size()];
        for (int i = 0; i < items.size(); i++) {
            String t = items.fullText(i).strip();
            if (t.isEmpty()) {
                textOf[i] = -1;
                continue;
            }
            textOf[i] = distinct.computeIfAbsent(t, k -> {
                texts.add(k);
                return texts.size() - 1;
            });
        }
        int d = encoder.identity().dimension();
        float[][] encoded = texts.isEmpty() ? new float[0][d] : encoder.encode(texts);
        float[][] out = new float[items.size()][];
        float[] zero = new float[d];
        for (int i = 0; i < items.size(); i++) {
            out[i] = textOf[i] < 0 ? zero : encoded[textOf[i]];
        }
        return out;
    }

    @Override
    public ViewVectors compute(Dataset data) {
        float[][] itemVec = itemVectors(data.items());
        return pool(data, itemVec);
    }

    /** Pools precomputed item vectors over each user's weighted history. */
    public ViewVectors pool(Dataset data, float[][] itemVec) {
        Events ev = data.events();
        int n = data.users().size();
        int d = encoder.identity().dimension();
        double[][] acc = new double[n][];
        double[] wsum = new double[n];
        double[] base = weights.baseByCode(ev);
        int ratingCode = ev.types().find("rating");
        long now = UserItemMatrix.latestTime(ev);
        for (int e = 0; e < ev.size(); e++) {
            double w = weights.weight(ev, e, base, ratingCode, now);
            if (w <= 0) {
                continue;
            }
            int u = ev.user(e);
            float[] iv = itemVec[ev.item(e)];
            double[] a = acc[u];
            if (a == null) {
                a = acc[u] = new double[d];
            }
            for (int k = 0; k < d; k++) {
                a[k] += w * iv[k];
            }
            wsum[u] += w;
        }
        float[][] out = new float[n][d];
        int empty = 0;
        for (int u = 0; u < n; u++) {
            if (acc[u] == null) {
                empty++;
                continue;
            }
            for (int k = 0; k < d; k++) {
                out[u][k] = (float) (acc[u][k] / wsum[u]);
            }
        }
        Map<String, Object> diag = new LinkedHashMap<>();
        diag.put("items", data.items().size());
        diag.put("encoder", encoder.identity().modelId());
        return new ViewVectors(name(), out, d, empty, diag);
    }
}
