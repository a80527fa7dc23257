package io.cohortlm.explain;

import io.cohortlm.data.AttributeColumn;
import io.cohortlm.data.AttributeKind;
import io.cohortlm.data.Dataset;
import io.cohortlm.data.Events;
import io.cohortlm.data.Items;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A per-user table of features a person can read, used by profiles, surrogate rules and per-user explanations:
 * <ul>
 *   <li>numeric user attributes as they are (NaN = missing);</li>
 *   <li>one 0/1 indicator per level of each categorical attribute ({@code country = France}) for its
 *       {@code maxLevels} most frequent levels; missing = 0;</li>
 *   <li>RFM from the events: {@code recency_days} (days from the user's last timed event to the last timed event
 *       in the data), {@code frequency} (distinct event timestamps — orders/visits; the event count if the
 *       data has no times) and {@code monetary} (Σ value × price over events that have both; only when the data
 *       has prices); NaN for users without events;</li>
 *   <li>{@code share: CATEGORY} — the share of the user's events on items of that category, for the
 *       {@code topCategories} most frequent categories; NaN for users without events.</li>
 * </ul>
 * Attributes flagged personal and free-text attributes are never included. Values are stored column-major.
 */
public final class InterpretableFeatures {
    /** Numeric value or 0/1 indicator. */
    public enum Kind { NUMERIC, LEVEL }

    /**
     * One feature.
     *
     * @param name      readable name ({@code age}, {@code country = France}, {@code frequency}, {@code share: Toys})
     * @param kind      numeric or indicator
     * @param source    {@code attribute}, {@code behaviour} (RFM) or {@code category}
     * @param attribute the attribute or category this came from
     * @param level     the level of an indicator; null otherwise
     */
    public record Feature(String name, Kind kind, String source, String attribute, String level) {
    }

    /**
     * Which features to build.
     *
     * @param maxLevels     indicators per categorical attribute, ≥ 1
     * @param topCategories category-share features, ≥ 0
     * @param rfm           whether to add recency / frequency / monetary
     */
    public record Config(int maxLevels, int topCategories, boolean rfm) {
        public Config {
            if (maxLevels < 1) {
                throw new IllegalArgumentException("maxLevels must be ≥ 1, was " + maxLevels);
            }
            if (topCategories < 0) {
                throw new IllegalArgumentException("topCategories must be ≥ 0, was " + topCategories);
            }
        }

        public static Config defaults() {
            return new Config(20, 10, true);
        }
    }

    private final List<Feature> features;
    private final double[][] columns;

    private InterpretableFeatures(List<Feature> features, double[][] columns) {
        this.features = List.copyOf(features);
        this.columns = columns;
    }

    public List<Feature> features() {
        return features;
    }

    /** Values of feature {@code f}, one per user (do not modify). */
    public double[] column(int f) {
        return columns[f];
    }

    public double value(int f, int user) {
        return columns[f][user];
    }

    public int size() {
        return features.size();
    }

    /** Index of the feature named {@code name}, or -1. */
    public int indexOf(String name) {
        for (int i = 0; i < features.size(); i++) {
            if (features.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** Builds the table for every user of {@code data}. */
    public static InterpretableFeatures build(Dataset data, Config config) {
        int n = data.users().size();
        List<Feature> fs = new ArrayList<>();
        List<double[]> cols = new ArrayList<>();
        for (AttributeColumn c : data.users().columns()) {
            if (c.spec().personal() || c.kind() == AttributeKind.TEXT) {
                continue;
            }
            if (c.kind() == AttributeKind.NUMERIC) {
                double[] v = new double[n];
                for (int u = 0; u < n; u++) {
                    v[u] = c.number(u);
                }
                fs.add(new Feature(c.name(), Kind.NUMERIC, "attribute", c.name(), null));
                cols.add(v);
            } else {
                int[] freq = new int[c.levelCount()];
                for (int u = 0; u < n; u++) {
                    if (c.code(u) >= 0) {
                        freq[c.code(u)]++;
                    }
                }
                Integer[] order = new Integer[freq.length];
                for (int i = 0; i < order.length; i++) {
                    order[i] = i;
                }
                Arrays.sort(order, Comparator.comparingInt((Integer i) -> -freq[i]).thenComparingInt(i -> i));
                for (int r = 0; r < Math.min(config.maxLevels(), order.length); r++) {
                    int code = order[r];
                    if (freq[code] == 0) {
                        break;
                    }
                    String level = c.levels().get(code);
                    double[] v = new double[n];
                    for (int u = 0; u < n; u++) {
                        v[u] = c.code(u) == code ? 1 : 0;
                    }
                    fs.add(new Feature(c.name() + " = " + level, Kind.LEVEL, "attribute", c.name(), level));
                    cols.add(v);
                }
            }
        }
        Events ev = data.events();
        if (ev.size() > 0 && (config.rfm() || config.topCategories() > 0)) {
            addBehaviour(data, config, fs, cols);
        }
        return new InterpretableFeatures(fs, cols.toArray(double[][]::new));
    }

    private static void addBehaviour(Dataset data, Config config, List<Feature> fs, List<double[]> cols) {
        int n = data.users().size();
        Events ev = data.events();
        Items items = data.items();
        int[] count = new int[n];
        long[] last = new long[n];
        Arrays.fill(last, Events.NO_TIME);
        double[] money = new double[n];
        boolean anyTime = false;
        boolean anyPrice = false;
        List<Set<Long>> times = new ArrayList<>(n);
        for (int u = 0; u < n; u++) {
            times.add(null);
        }
        long maxTime = Events.NO_TIME;
        int[] catEvents = new int[items.categoryCount()];
        for (int e = 0; e < ev.size(); e++) {
            int u = ev.user(e);
            count[u]++;
            long t = ev.time(e);
            if (t != Events.NO_TIME) {
                anyTime = true;
                last[u] = Math.max(last[u], t);
                maxTime = Math.max(maxTime, t);
                if (times.get(u) == null) {
                    times.set(u, new HashSet<>());
                }
                times.get(u).add(t);
            }
            float v = ev.value(e);
            float p = ev.price(e);
            if (!Float.isNaN(v) && !Float.isNaN(p)) {
                anyPrice = true;
                money[u] += (double) v * p;
            }
            for (int c : items.categories(ev.item(e))) {
                catEvents[c]++;
            }
        }
        if (config.rfm()) {
            if (anyTime) {
                double[] rec = new double[n];
                for (int u = 0; u < n; u++) {
                    rec[u] = last[u] == Events.NO_TIME ? Double.NaN : (maxTime - last[u]) / 86400.0;
                }
                fs.add(new Feature("recency_days", Kind.NUMERIC, "behaviour", "recency_days", null));
                cols.add(rec);
            }
            double[] freq = new double[n];
            for (int u = 0; u < n; u++) {
                freq[u] = count[u] == 0 ? Double.NaN : anyTime && times.get(u) != null ? times.get(u).size()
                        : count[u];
            }
            fs.add(new Feature("frequency", Kind.NUMERIC, "behaviour", "frequency", null));
            cols.add(freq);
            if (anyPrice) {
                double[] m = new double[n];
                for (int u = 0; u < n; u++) {
                    m[u] = count[u] == 0 ? Double.NaN : money[u];
                }
                fs.add(new Feature("monetary", Kind.NUMERIC, "behaviour", "monetary", null));
                cols.add(m);
            }
        }
        if (config.topCategories() > 0 && catEvents.length > 0) {
            Integer[] order = new Integer[catEvents.length];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            Arrays.sort(order, Comparator.comparingInt((Integer i) -> -catEvents[i]).thenComparingInt(i -> i));
            int top = Math.min(config.topCategories(), order.length);
            int[] slot = new int[catEvents.length];
            Arrays.fill(slot, -1);
            double[][] share = new double[top][n];
            for (int r = 0; r < top; r++) {
                slot[order[r]] = r;
            }
            for (int e = 0; e < ev.size(); e++) {
                for (int c : items.categories(ev.item(e))) {
                    if (slot[c] >= 0) {
                        share[slot[c]][ev.user(e)]++;
                    }
                }
            }
            for (int r = 0; r < top; r++) {
                for (int u = 0; u < n; u++) {
                    share[r][u] = count[u] == 0 ? Double.NaN : share[r][u] / count[u];
                }
                String name = items.categoryName(order[r]);
                fs.add(new Feature("share: " + name, Kind.NUMERIC, "category", name, null));
                cols.add(share[r]);
            }
        }
    }
}
