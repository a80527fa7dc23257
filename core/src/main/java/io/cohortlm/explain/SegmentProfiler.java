package io.cohortlm.explain;

import io.cohortlm.data.Dataset;
import io.cohortlm.data.Events;
import io.cohortlm.data.Items;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Describes each segment against the whole population: distinguishing features with tests and FDR control,
 * category and item lift with minimum support, c-TF-IDF keywords and representative members.
 * <p><b>Keywords</b> follow BERTopic's class-based TF-IDF (Grootendorst 2022): all texts of a segment — the members'
 * profile texts plus the texts of the distinct items each member consumed — form one document; a term's weight is
 * {@code tf(t, c) / |c| × log(1 + A / f(t))} where {@code |c|} is the document's term count, {@code A} the average
 * term count per segment and {@code f(t)} the term's count over all segments. Tokenising: {@link TextTokenizer}.
 * <p>Immutable and thread-safe.
 */
public final class SegmentProfiler {
    private final ProfileConfig config;
    private final TextTokenizer tokenizer = new TextTokenizer();

    public SegmentProfiler(ProfileConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    public ProfileConfig config() {
        return config;
    }

    /** Profiles with features built from {@code config.features()}; member ids pass through {@code pseudonymizer}. */
    public SegmentProfiles profile(SegmentedUsers in, Function<String, String> pseudonymizer) {
        return profile(in, InterpretableFeatures.build(in.data(), config.features()), pseudonymizer);
    }

    /** Profiles over a prebuilt feature table (share it with the surrogate and per-user explanations). */
    public SegmentProfiles profile(SegmentedUsers in, InterpretableFeatures feats,
            Function<String, String> pseudonymizer) {
        Objects.requireNonNull(pseudonymizer, "pseudonymizer");
        Dataset data = in.data();
        int n = data.users().size();
        int k = in.segmentCount();
        int[] sizes = in.sizes();
        int f = feats.size();
        // Per feature: population and per-segment count / sum / sum of squares over non-missing values.
        double[][][] seg = new double[f][k][3];
        double[][] pop = new double[f][3];
        for (int j = 0; j < f; j++) {
            double[] col = feats.column(j);
            for (int u = 0; u < n; u++) {
                double v = col[u];
                if (Double.isNaN(v)) {
                    continue;
                }
                pop[j][0]++;
                pop[j][1] += v;
                pop[j][2] += v * v;
                int s = in.userSegment()[u];
                if (s >= 0) {
                    seg[j][s][0]++;
                    seg[j][s][1] += v;
                    seg[j][s][2] += v * v;
                }
            }
        }
        double[] p = new double[k * f];
        for (int s = 0; s < k; s++) {
            for (int j = 0; j < f; j++) {
                p[s * f + j] = test(feats.features().get(j), seg[j][s], pop[j]);
            }
        }
        double[] q = SignificanceTests.benjaminiHochberg(p);
        EventIndex idx = new EventIndex(data);
        Map<Integer, List<SegmentProfile.Keyword>> keywords = keywords(in, idx);
        List<SegmentProfile> out = new ArrayList<>();
        for (int s = 0; s < k; s++) {
            List<SegmentProfile.FeatureLift> lifts = new ArrayList<>();
            for (int j = 0; j < f; j++) {
                if (q[s * f + j] < config.alpha()) {
                    lifts.add(lift(feats.features().get(j), seg[j][s], pop[j], p[s * f + j], q[s * f + j]));
                }
            }
            lifts.sort(Comparator.comparingDouble((SegmentProfile.FeatureLift l) -> -Math.abs(l.effect()))
                    .thenComparing(SegmentProfile.FeatureLift::feature));
            if (lifts.size() > config.maxDistinguishing()) {
                lifts = lifts.subList(0, config.maxDistinguishing());
            }
            int segment = s;
            List<Integer> members = new ArrayList<>();
            for (int u = 0; u < n; u++) {
                if (in.userSegment()[u] == s) {
                    members.add(u);
                }
            }
            members.sort(Comparator.comparingDouble((Integer u) -> in.distance2(u, segment)).thenComparingInt(u -> u));
            List<String> reps = members.stream().limit(config.representatives())
                    .map(u -> pseudonymizer.apply(data.users().ids().id(u))).toList();
            out.add(new SegmentProfile(s, in.segmentKeys().get(s), sizes[s], n == 0 ? 0 : (double) sizes[s] / n,
                    lifts, categories(in, idx, s), items(in, idx, s), keywords.getOrDefault(s, List.of()), reps));
        }
        return new SegmentProfiles(n, sizes[k], config.alpha(), p.length, out);
    }

    private static double test(InterpretableFeatures.Feature feat, double[] s, double[] pop) {
        double n1 = s[0];
        double n2 = pop[0] - s[0];
        if (feat.kind() == InterpretableFeatures.Kind.LEVEL) {
            return SignificanceTests.twoProportionZ(Math.round(s[1]), Math.round(n1), Math.round(pop[1] - s[1]),
                    Math.round(n2));
        }
        double m1 = n1 > 0 ? s[1] / n1 : 0;
        double m2 = n2 > 0 ? (pop[1] - s[1]) / n2 : 0;
        double v1 = n1 > 1 ? Math.max(0, (s[2] - n1 * m1 * m1) / (n1 - 1)) : 0;
        double v2 = n2 > 1 ? Math.max(0, (pop[2] - s[2] - n2 * m2 * m2) / (n2 - 1)) : 0;
        return SignificanceTests.welchT(m1, v1, (long) n1, m2, v2, (long) n2);
    }

    private static SegmentProfile.FeatureLift lift(InterpretableFeatures.Feature feat, double[] s, double[] pop,
            double p, double q) {
        double segMean = s[0] > 0 ? s[1] / s[0] : Double.NaN;
        double popMean = pop[0] > 0 ? pop[1] / pop[0] : Double.NaN;
        double popSd = pop[0] > 0 ? Math.sqrt(Math.max(0, pop[2] / pop[0] - popMean * popMean)) : 0;
        double lift = popMean == 0 ? Double.NaN : segMean / popMean;
        double effect = popSd > 0 ? (segMean - popMean) / popSd : 0;
        return new SegmentProfile.FeatureLift(feat.name(), feat.kind().name(), feat.source(), feat.attribute(),
                feat.level(),
                segMean, popMean, lift, effect, p, q);
    }

    /** Events grouped by user (counting sort), so per-user distinct categories / items are cheap. */
    static final class EventIndex {
        final int[] start;
        final int[] order;
        final int[] categoryEvents;
        final int[] itemEvents;
        final long total;

        EventIndex(Dataset data) {
            Events ev = data.events();
            int n = data.users().size();
            start = new int[n + 1];
            for (int e = 0; e < ev.size(); e++) {
                start[ev.user(e) + 1]++;
            }
            for (int u = 0; u < n; u++) {
                start[u + 1] += start[u];
            }
            order = new int[ev.size()];
            int[] fill = Arrays.copyOf(start, n);
            for (int e = 0; e < ev.size(); e++) {
                order[fill[ev.user(e)]++] = e;
            }
            Items items = data.items();
            categoryEvents = new int[items.categoryCount()];
            itemEvents = new int[items.size()];
            for (int e = 0; e < ev.size(); e++) {
                itemEvents[ev.item(e)]++;
                for (int c : items.categories(ev.item(e))) {
                    categoryEvents[c]++;
                }
            }
            total = ev.size();
        }
    }

    private List<SegmentProfile.CategoryLift> categories(SegmentedUsers in, EventIndex idx, int s) {
        Items items = in.data().items();
        Events ev = in.data().events();
        int cats = items.categoryCount();
        if (cats == 0 || config.topCategories() == 0) {
            return List.of();
        }
        int[] segEvents = new int[cats];
        int[] segUsers = new int[cats];
        int[] allUsers = new int[cats];
        int[] stamp = new int[cats];
        Arrays.fill(stamp, -1);
        long segTotal = 0;
        int n = in.data().users().size();
        for (int u = 0; u < n; u++) {
            boolean member = in.userSegment()[u] == s;
            for (int p = idx.start[u]; p < idx.start[u + 1]; p++) {
                int e = idx.order[p];
                if (member) {
                    segTotal++;
                }
                for (int c : items.categories(ev.item(e))) {
                    if (member) {
                        segEvents[c]++;
                    }
                    if (stamp[c] != u) {
                        stamp[c] = u;
                        allUsers[c]++;
                        if (member) {
                            segUsers[c]++;
                        }
                    }
                }
            }
        }
        int size = in.sizes()[s];
        List<SegmentProfile.CategoryLift> out = new ArrayList<>();
        for (int c = 0; c < cats; c++) {
            if (segUsers[c] < config.minCategoryUsers() || segTotal == 0) {
                continue;
            }
            double ss = (double) segEvents[c] / segTotal;
            double ps = (double) idx.categoryEvents[c] / idx.total;
            double pv = SignificanceTests.twoProportionZ(segUsers[c], size, allUsers[c] - segUsers[c], n - size);
            out.add(new SegmentProfile.CategoryLift(items.categoryName(c), ss, ps, ss / ps, segUsers[c], pv));
        }
        out.sort(Comparator.comparingDouble((SegmentProfile.CategoryLift l) -> -l.lift())
                .thenComparing(SegmentProfile.CategoryLift::category));
        return out.size() > config.topCategories() ? List.copyOf(out.subList(0, config.topCategories())) : out;
    }

    private List<SegmentProfile.ItemLift> items(SegmentedUsers in, EventIndex idx, int s) {
        Items items = in.data().items();
        Events ev = in.data().events();
        if (config.topItems() == 0 || items.size() == 0) {
            return List.of();
        }
        Map<Integer, int[]> counts = new HashMap<>(); // item -> {events, users}
        long segTotal = 0;
        for (int u = 0; u < in.data().users().size(); u++) {
            if (in.userSegment()[u] != s) {
                continue;
            }
            Set<Integer> seen = new HashSet<>();
            for (int p = idx.start[u]; p < idx.start[u + 1]; p++) {
                int it = ev.item(idx.order[p]);
                int[] c = counts.computeIfAbsent(it, x -> new int[2]);
                c[0]++;
                segTotal++;
                if (seen.add(it)) {
                    c[1]++;
                }
            }
        }
        List<SegmentProfile.ItemLift> out = new ArrayList<>();
        for (Map.Entry<Integer, int[]> e : counts.entrySet()) {
            int[] c = e.getValue();
            if (c[1] < config.minItemUsers()) {
                continue;
            }
            int it = e.getKey();
            double ss = (double) c[0] / segTotal;
            double ps = (double) idx.itemEvents[it] / idx.total;
            out.add(new SegmentProfile.ItemLift(items.ids().id(it), items.title(it), ss, ps, ss / ps, c[1]));
        }
        out.sort(Comparator.comparingDouble((SegmentProfile.ItemLift l) -> -l.lift())
                .thenComparing(SegmentProfile.ItemLift::itemId));
        return out.size() > config.topItems() ? List.copyOf(out.subList(0, config.topItems())) : out;
    }

    private Map<Integer, List<SegmentProfile.Keyword>> keywords(SegmentedUsers in, EventIndex idx) {
        Map<Integer, List<SegmentProfile.Keyword>> result = new HashMap<>();
        if (config.topKeywords() == 0) {
            return result;
        }
        int k = in.segmentCount();
        Items items = in.data().items();
        Events ev = in.data().events();
        List<List<String>> itemTokens = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            itemTokens.add(null);
        }
        List<Map<String, double[]>> docs = new ArrayList<>(); // term -> {tf, users}
        double[] docLen = new double[k];
        for (int s = 0; s < k; s++) {
            docs.add(new HashMap<>());
        }
        for (int u = 0; u < in.data().users().size(); u++) {
            int s = in.userSegment()[u];
            if (s < 0) {
                continue;
            }
            Map<String, double[]> doc = docs.get(s);
            Set<String> userTerms = new HashSet<>();
            List<List<String>> parts = new ArrayList<>();
            if (in.profileTexts() != null) {
                parts.add(tokenizer.tokenize(in.profileTexts().get(u)));
            }
            Set<Integer> seen = new HashSet<>();
            for (int p = idx.start[u]; p < idx.start[u + 1]; p++) {
                int it = ev.item(idx.order[p]);
                if (seen.add(it)) {
                    if (itemTokens.get(it) == null) {
                        itemTokens.set(it, tokenizer.tokenize(items.fullText(it)));
                    }
                    parts.add(itemTokens.get(it));
                }
            }
            for (List<String> terms : parts) {
                for (String t : terms) {
                    double[] c = doc.computeIfAbsent(t, x -> new double[2]);
                    c[0]++;
                    docLen[s]++;
                    if (userTerms.add(t)) {
                        c[1]++;
                    }
                }
            }
        }
        Map<String, Double> total = new HashMap<>();
        double avgLen = 0;
        for (int s = 0; s < k; s++) {
            avgLen += docLen[s] / k;
            docs.get(s).forEach((t, c) -> total.merge(t, c[0], Double::sum));
        }
        for (int s = 0; s < k; s++) {
            List<SegmentProfile.Keyword> kw = new ArrayList<>();
            double len = docLen[s];
            double a = avgLen;
            docs.get(s).forEach((t, c) -> {
                if (c[1] >= config.minKeywordUsers()) {
                    double w = c[0] / len * Math.log(1 + a / total.get(t));
                    kw.add(new SegmentProfile.Keyword(t, w, (int) c[1]));
                }
            });
            kw.sort(Comparator.comparingDouble((SegmentProfile.Keyword x) -> -x.score())
                    .thenComparing(SegmentProfile.Keyword::term));
            result.put(s, kw.size() > config.topKeywords() ? List.copyOf(kw.subList(0, config.topKeywords())) : kw);
        }
        return result;
    }
}
