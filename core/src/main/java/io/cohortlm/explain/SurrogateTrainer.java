package io.cohortlm.explain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Grows a CART classification tree (Gini impurity, binary splits {@code x ≥ t}) that predicts each user's segment
 * from {@link InterpretableFeatures}, and renders its leaves as rules. Missing values (NaN) always go to the
 * {@code <} side. Outliers (label -1) are left out. Deterministic for a seed.
 */
public final class SurrogateTrainer {
    private final SurrogateConfig config;

    public SurrogateTrainer(SurrogateConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /** Fits the surrogate and measures its fidelity on the training and held-out users. */
    public SurrogateRules fit(SegmentedUsers in, InterpretableFeatures feats) {
        int k = in.segmentCount();
        List<Integer> labelled = new ArrayList<>();
        for (int u = 0; u < in.userSegment().length; u++) {
            if (in.userSegment()[u] >= 0) {
                labelled.add(u);
            }
        }
        int[] users = labelled.stream().mapToInt(Integer::intValue).toArray();
        SplittableRandom rnd = new SplittableRandom(config.seed());
        for (int i = users.length - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = users[i];
            users[i] = users[j];
            users[j] = t;
        }
        int hold = (int) Math.round(users.length * config.holdout());
        int[] holdout = Arrays.copyOfRange(users, 0, hold);
        int[] train = Arrays.copyOfRange(users, hold, Math.min(users.length, hold + config.maxSamples()));
        Node root = grow(train, 0, in.userSegment(), feats, k);
        boolean[] integral = new boolean[feats.size()];
        for (int f = 0; f < feats.size(); f++) {
            integral[f] = true;
            for (double v : feats.column(f)) {
                if (!Double.isNaN(v) && v != Math.rint(v)) {
                    integral[f] = false;
                    break;
                }
            }
        }
        List<SurrogateRules.Rule> rules = new ArrayList<>();
        int[] depth = new int[1];
        collect(root, new ArrayList<>(), rules, in, feats, integral, depth, 0);
        rules.sort(Comparator.comparingInt(SurrogateRules.Rule::segment)
                .thenComparing(Comparator.comparingInt(SurrogateRules.Rule::support).reversed()));
        int[] members = new int[k];
        int[] covered = new int[k];
        for (int u : train) {
            int s = in.userSegment()[u];
            members[s]++;
            if (predict(root, feats, u) == s) {
                covered[s]++;
            }
        }
        List<Double> recall = new ArrayList<>();
        for (int s = 0; s < k; s++) {
            recall.add(members[s] == 0 ? Double.NaN : (double) covered[s] / members[s]);
        }
        return new SurrogateRules(fidelity(root, feats, train, in.userSegment()),
                fidelity(root, feats, holdout, in.userSegment()), train.length, holdout.length, depth[0],
                rules.size(), rules, recall);
    }

    private static double fidelity(Node root, InterpretableFeatures feats, int[] users, int[] label) {
        if (users.length == 0) {
            return Double.NaN;
        }
        int ok = 0;
        for (int u : users) {
            if (predict(root, feats, u) == label[u]) {
                ok++;
            }
        }
        return (double) ok / users.length;
    }

    private static int predict(Node node, InterpretableFeatures feats, int u) {
        while (node.feature >= 0) {
            double v = feats.value(node.feature, u);
            node = !Double.isNaN(v) && v >= node.threshold ? node.right : node.left;
        }
        return node.label;
    }

    private static final class Node {
        int feature = -1;
        double threshold;
        Node left;
        Node right;
        int label;
        int support;
        double precision;
    }

    private Node grow(int[] rows, int depth, int[] label, InterpretableFeatures feats, int k) {
        Node node = new Node();
        int[] counts = new int[k];
        for (int u : rows) {
            counts[label[u]]++;
        }
        int best = 0;
        for (int s = 1; s < k; s++) {
            if (counts[s] > counts[best]) {
                best = s;
            }
        }
        node.label = best;
        node.support = rows.length;
        node.precision = rows.length == 0 ? 0 : (double) counts[best] / rows.length;
        if (depth >= config.maxDepth() || rows.length < 2 * config.minLeaf() || counts[best] == rows.length) {
            return node;
        }
        double parentGini = gini(counts, rows.length);
        double bestGain = 1e-9;
        int bestFeature = -1;
        double bestThreshold = 0;
        Integer[] order = new Integer[rows.length];
        double[] vals = new double[rows.length];
        for (int f = 0; f < feats.size(); f++) {
            double[] col = feats.column(f);
            for (int i = 0; i < rows.length; i++) {
                order[i] = i;
                double v = col[rows[i]];
                vals[i] = Double.isNaN(v) ? Double.NEGATIVE_INFINITY : v;
            }
            Arrays.sort(order, Comparator.comparingDouble(i -> vals[i]));
            int[] left = new int[k];
            int[] right = counts.clone();
            for (int i = 0; i < rows.length - 1; i++) {
                int s = label[rows[order[i]]];
                left[s]++;
                right[s]--;
                int nl = i + 1;
                int nr = rows.length - nl;
                double a = vals[order[i]];
                double b = vals[order[i + 1]];
                if (a == b || nl < config.minLeaf() || nr < config.minLeaf()) {
                    continue;
                }
                double g = parentGini - (nl * gini(left, nl) + nr * gini(right, nr)) / rows.length;
                if (g > bestGain) {
                    bestGain = g;
                    bestFeature = f;
                    bestThreshold = Double.isInfinite(a) ? b : (a + b) / 2;
                }
            }
        }
        if (bestFeature < 0) {
            return node;
        }
        double[] col = feats.column(bestFeature);
        double t = bestThreshold;
        int[] l = Arrays.stream(rows).filter(u -> Double.isNaN(col[u]) || col[u] < t).toArray();
        int[] r = Arrays.stream(rows).filter(u -> !Double.isNaN(col[u]) && col[u] >= t).toArray();
        node.feature = bestFeature;
        node.threshold = t;
        node.left = grow(l, depth + 1, label, feats, k);
        node.right = grow(r, depth + 1, label, feats, k);
        return node;
    }

    private static double gini(int[] counts, int n) {
        if (n == 0) {
            return 0;
        }
        double s = 0;
        for (int c : counts) {
            double p = (double) c / n;
            s += p * p;
        }
        return 1 - s;
    }

    /** One step on the path: feature, threshold, and whether the path went to the ≥ side. */
    private record Step(int feature, double threshold, boolean ge) {
    }

    private static void collect(Node node, List<Step> path, List<SurrogateRules.Rule> out, SegmentedUsers in,
            InterpretableFeatures feats, boolean[] integral, int[] depth, int d) {
        if (node.feature < 0) {
            depth[0] = Math.max(depth[0], d);
            List<String> conds = simplify(path, feats, integral);
            String key = in.segmentKeys().get(node.label);
            String text = (conds.isEmpty() ? "everyone" : String.join(" AND ", conds)) + " → segment " + key
                    + String.format(Locale.ROOT, " (precision %.2f, %d users)", node.precision, node.support);
            out.add(new SurrogateRules.Rule(node.label, key, conds, node.precision, node.support, text));
            return;
        }
        path.add(new Step(node.feature, node.threshold, false));
        collect(node.left, path, out, in, feats, integral, depth, d + 1);
        path.set(path.size() - 1, new Step(node.feature, node.threshold, true));
        collect(node.right, path, out, in, feats, integral, depth, d + 1);
        path.remove(path.size() - 1);
    }

    /** Keeps the tightest bound per feature; renders indicators as {@code =} / {@code ≠}. */
    private static List<String> simplify(List<Step> path, InterpretableFeatures feats, boolean[] integral) {
        Map<Integer, double[]> bounds = new LinkedHashMap<>(); // feature -> {lower (≥), upper (<)}
        for (Step s : path) {
            double[] b = bounds.computeIfAbsent(s.feature(),
                    f -> new double[] {Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY});
            if (s.ge()) {
                b[0] = Math.max(b[0], s.threshold());
            } else {
                b[1] = Math.min(b[1], s.threshold());
            }
        }
        List<String> out = new ArrayList<>();
        for (Map.Entry<Integer, double[]> e : bounds.entrySet()) {
            InterpretableFeatures.Feature f = feats.features().get(e.getKey());
            double lo = e.getValue()[0];
            double hi = e.getValue()[1];
            if (f.kind() == InterpretableFeatures.Kind.LEVEL) {
                out.add(lo > Double.NEGATIVE_INFINITY ? f.attribute() + " = " + f.level()
                        : f.attribute() + " ≠ " + f.level());
                continue;
            }
            boolean in = integral[e.getKey()];
            if (lo > Double.NEGATIVE_INFINITY) {
                out.add(f.name() + " ≥ " + number(in ? Math.ceil(lo) : lo));
            }
            if (hi < Double.POSITIVE_INFINITY) {
                out.add(in ? f.name() + " ≤ " + number(Math.ceil(hi) - 1) : f.name() + " < " + number(hi));
            }
        }
        return out;
    }

    static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e12) {
            return Long.toString((long) v);
        }
        return new java.math.BigDecimal(v).round(new java.math.MathContext(3)).stripTrailingZeros().toPlainString();
    }
}
