package io.cohortlm.represent;

import io.cohortlm.data.AttributeColumn;
import io.cohortlm.data.AttributeKind;
import io.cohortlm.data.Dataset;
import io.cohortlm.data.Users;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Attribute view: numeric attributes standardised (z-scores clipped to ±{@code clip}, missing = 0, the mean) and
 * categorical attributes one-hot encoded over their {@code maxLevels} most frequent levels (rarer levels share
 * an "other" slot; missing = all zeros). Each attribute is scaled to contribute equally. Free-text columns go to
 * the profile text, not here; columns flagged personal are left out.
 *
 * @param maxLevels most one-hot slots per categorical attribute, ≥ 1
 * @param clip      clip of z-scores, > 0
 */
public record AttributeView(int maxLevels, double clip) implements UserView {
    public AttributeView {
        if (maxLevels < 1) {
            throw new IllegalArgumentException("maxLevels must be ≥ 1, was " + maxLevels);
        }
        if (!(clip > 0)) {
            throw new IllegalArgumentException("clip must be > 0, was " + clip);
        }
    }

    public static AttributeView defaults() {
        return new AttributeView(30, 5);
    }

    @Override
    public String name() {
        return "attributes";
    }

    @Override
    public ViewVectors compute(Dataset data) {
        return fit(data.users()).vectors();
    }

    /** The vectors and the fitted encoding (which {@link FittedRepresentation} keeps to encode new users). */
    public record Fitted(ViewVectors vectors, AttributeEncoding encoding) {
    }

    /** Fits the encoding on {@code users} and encodes every one of them. */
    public Fitted fit(Users users) {
        int n = users.size();
        List<AttributeEncoding.Feature> used = new ArrayList<>();
        int dim = 0;
        List<String> features = new ArrayList<>();
        for (AttributeColumn c : users.columns()) {
            if (c.spec().personal() || c.kind() == AttributeKind.TEXT) {
                continue;
            }
            if (c.kind() == AttributeKind.NUMERIC) {
                double s = 0;
                double ss = 0;
                int cnt = 0;
                for (int u = 0; u < n; u++) {
                    double v = c.number(u);
                    if (!Double.isNaN(v)) {
                        s += v;
                        ss += v * v;
                        cnt++;
                    }
                }
                if (cnt < 2) {
                    continue;
                }
                double mean = s / cnt;
                double sd = Math.sqrt(Math.max(0, ss / cnt - mean * mean));
                if (sd == 0) {
                    continue;
                }
                used.add(new AttributeEncoding.Feature(c.name(), true, dim, mean, sd, Map.of(), -1));
                features.add(c.name());
                dim += 1;
            } else {
                int levels = c.levelCount();
                if (levels < 2) {
                    continue;
                }
                int[] freq = new int[levels];
                for (int u = 0; u < n; u++) {
                    int code = c.code(u);
                    if (code >= 0) {
                        freq[code]++;
                    }
                }
                Integer[] order = new Integer[levels];
                for (int i = 0; i < levels; i++) {
                    order[i] = i;
                }
                Arrays.sort(order, Comparator.comparingInt((Integer i) -> -freq[i]).thenComparingInt(i -> i));
                int slots = Math.min(levels, maxLevels);
                boolean other = levels > maxLevels;
                Map<String, Integer> slotOf = new LinkedHashMap<>();
                for (int r = 0; r < slots; r++) {
                    slotOf.put(c.levels().get(order[r]), dim + r);
                    features.add(c.name() + "=" + c.levels().get(order[r]));
                }
                if (other) {
                    features.add(c.name() + "=(other)");
                }
                used.add(new AttributeEncoding.Feature(c.name(), false, dim, 0, 0, slotOf, other ? dim + slots : -1));
                dim += slots + (other ? 1 : 0);
            }
        }
        AttributeEncoding encoding = new AttributeEncoding(used, dim, clip);
        List<AttributeColumn> cols = encoding.columns(users);
        float[][] out = new float[n][dim];
        int empty = 0;
        for (int u = 0; u < n; u++) {
            if (!encoding.encode(cols, u, out[u])) {
                empty++;
            }
        }
        Map<String, Object> diag = new LinkedHashMap<>();
        diag.put("attributes_used", used.stream().map(AttributeEncoding.Feature::name).toList());
        diag.put("features", features.size() <= 200 ? features : features.subList(0, 200));
        return new Fitted(new ViewVectors(name(), out, dim, empty, diag), encoding);
    }
}
