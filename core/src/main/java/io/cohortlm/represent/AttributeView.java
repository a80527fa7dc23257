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
        Users users = data.users();
        int n = users.size();
        List<AttributeColumn> used = new ArrayList<>();
        List<int[]> slotOf = new ArrayList<>(); // categorical: level code -> slot
        List<double[]> stats = new ArrayList<>(); // numeric: mean, sd
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
                used.add(c);
                stats.add(new double[] {mean, sd, dim});
                slotOf.add(null);
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
                int[] slot = new int[levels];
                for (int r = 0; r < levels; r++) {
                    slot[order[r]] = r < slots ? dim + r : dim + slots;
                }
                for (int r = 0; r < slots; r++) {
                    features.add(c.name() + "=" + c.levels().get(order[r]));
                }
                if (other) {
                    features.add(c.name() + "=(other)");
                }
                used.add(c);
                slotOf.add(slot);
                stats.add(new double[] {0, 0, dim});
                dim += slots + (other ? 1 : 0);
            }
        }
        float[][] out = new float[n][dim];
        int empty = 0;
        for (int u = 0; u < n; u++) {
            boolean any = false;
            for (int a = 0; a < used.size(); a++) {
                AttributeColumn c = used.get(a);
                if (c.kind() == AttributeKind.NUMERIC) {
                    double v = c.number(u);
                    if (!Double.isNaN(v)) {
                        double[] st = stats.get(a);
                        double z = Math.max(-clip, Math.min(clip, (v - st[0]) / st[1]));
                        out[u][(int) st[2]] = (float) z;
                        any = true;
                    }
                } else {
                    int code = c.code(u);
                    if (code >= 0) {
                        // One-hot of unit length; a z-score has unit variance: both weigh alike.
                        out[u][slotOf.get(a)[code]] = 1f;
                        any = true;
                    }
                }
            }
            if (!any) {
                empty++;
            }
        }
        Map<String, Object> diag = new LinkedHashMap<>();
        diag.put("attributes_used", used.stream().map(AttributeColumn::name).toList());
        diag.put("features", features.size() <= 200 ? features : features.subList(0, 200));
        return new ViewVectors(name(), out, dim, empty, diag);
    }
}
