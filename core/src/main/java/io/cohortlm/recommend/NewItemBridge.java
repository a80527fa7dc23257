package io.cohortlm.recommend;

import io.cohortlm.represent.UserItemMatrix;
import io.cohortlm.stats.SeededSample;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Lets a recommender score new items — items with a text but no training events — next to the others. Each new
 * item borrows from its {@code neighbours} nearest warm items in item-text space: its score for a user is
 * {@code gain} × c^{@code sharpness} × the similarity-weighted mean of the user's scores for those items, where c is
 * the cosine of the nearest neighbour (a new item with a near-duplicate text is trusted more than one whose
 * nearest text is far). The base model's scores are
 * standardised per user over the warm items first (a monotone map: warm items keep their order), so the gain
 * means the same for every base model. {@link #tune} picks the neighbours and the gain on pseudo-new items
 * carved out of training: as much new-item recall as an explicit budget of old-item accuracy allows.
 *
 * @param base       the recommender whose scores new items borrow
 * @param neighbours warm text neighbours a new item borrows from, ≥ 1
 * @param gain       scale of the borrowed score, ≥ 0 (0 = new items at the user's mean score)
 * @param sharpness  exponent of the nearest neighbour's cosine on the gain, ≥ 0 (0 = the same gain for all)
 */
public record NewItemBridge(Recommender base, int neighbours, double gain, double sharpness) implements Recommender {
    /** Neighbour counts {@link #tune} tries. */
    public static final int[] NEIGHBOURS = {3, 10, 30};
    /** Gains {@link #tune} tries. */
    public static final double[] GAINS = {0.25, 0.5, 0.75, 1.0, 1.25, 1.5, 2.0};
    /** Sharpness values {@link #tune} tries. */
    public static final double[] SHARPNESS = {0, 4, 12};

    public NewItemBridge {
        java.util.Objects.requireNonNull(base, "base");
        if (neighbours < 1) {
            throw new IllegalArgumentException("neighbours must be ≥ 1, was " + neighbours);
        }
        if (!(gain >= 0) || Double.isInfinite(gain)) {
            throw new IllegalArgumentException("gain must be finite and ≥ 0, was " + gain);
        }
        if (!(sharpness >= 0) || Double.isInfinite(sharpness)) {
            throw new IllegalArgumentException("sharpness must be finite and ≥ 0, was " + sharpness);
        }
    }

    /** {@code base} with the tuned neighbours and gain. */
    public static NewItemBridge of(Recommender base, Tuned t) {
        return new NewItemBridge(base, t.neighbours(), t.gain(), t.sharpness());
    }

    @Override
    public String name() {
        return base.name();
    }

    @Override
    public String describe() {
        return base.describe() + "; new items from " + neighbours + " text neighbours, gain " + gain
                + ", sharpness " + sharpness;
    }

    @Override
    public RecommenderModel fit(TrainingData data) {
        RecommenderModel m = base.fit(data);
        TextSpace space = TextSpace.of(data.itemVectors());
        Links links = space == null ? Links.NONE : Links.of(space, data.itemUserCounts(), neighbours, data.threads());
        return new Model(m, links, (float) gain, (float) sharpness);
    }

    /**
     * Each new item's warm text neighbours, best first, and their weights (positive similarities, summing to 1).
     *
     * @param warm     per item, true if it has training events and a text
     * @param newItems items without training events but with a text, ascending
     */
    record Links(boolean[] warm, int[] newItems, int[][] nbr, float[][] sim) {
        static final Links NONE = new Links(new boolean[0], new int[0], new int[0][], new float[0][]);

        static Links of(TextSpace space, int[] counts, int k, int threads) {
            int m = counts.length;
            boolean[] warm = new boolean[m];
            boolean[] text = new boolean[m];
            List<Integer> fresh = new ArrayList<>();
            for (int i = 0; i < m; i++) {
                text[i] = hasText(space, i);
                warm[i] = text[i] && counts[i] > 0;
                if (text[i] && counts[i] == 0) {
                    fresh.add(i);
                }
            }
            int[] newItems = fresh.stream().mapToInt(Integer::intValue).toArray();
            int[][] nbr = new int[newItems.length][];
            float[][] sim = new float[newItems.length][];
            ThreadLocal<float[]> buf = ThreadLocal.withInitial(() -> new float[m]);
            Workers.forEach(threads, newItems.length, 16, t -> {
                int j = newItems[t];
                float[] s = buf.get();
                float[] q = Arrays.copyOfRange(space.unit, j * space.d, (j + 1) * space.d);
                space.cosines(q, s);
                for (int i = 0; i < m; i++) {
                    if (!warm[i]) {
                        s[i] = Float.NEGATIVE_INFINITY;
                    }
                }
                int[] top = TopK.select(s, k, null);
                int n = 0;
                while (n < top.length && s[top[n]] > 0 && warm[top[n]]) {
                    n++;
                }
                nbr[t] = Arrays.copyOf(top, n);
                sim[t] = new float[n];
                for (int r = 0; r < n; r++) {
                    sim[t][r] = s[top[r]];
                }
            });
            return new Links(warm, newItems, nbr, sim);
        }

        private static boolean hasText(TextSpace space, int i) {
            for (int k = 0; k < space.d; k++) {
                if (space.unit[i * space.d + k] != 0) {
                    return true;
                }
            }
            return false;
        }

        /**
         * Standardises {@code s} over the warm items, then gives new item t the weighted mean of its first
         * {@code k} neighbours' standardised scores, times {@code gain} × (nearest cosine)^{@code sharpness}.
         */
        void apply(float[] s, int k, float gain, float sharpness) {
            if (!standardise(s, warm)) {
                return;
            }
            for (int t = 0; t < newItems.length; t++) {
                s[newItems[t]] = borrowed(s, nbr[t], sim[t], k, gain, sharpness);
            }
        }
    }

    /**
     * Standardises {@code s} in place by the mean and standard deviation of its warm entries (every entry mapped
     * alike, so the order is kept); false, and {@code s} unchanged, when no entry is warm.
     */
    public static boolean standardise(float[] s, boolean[] warm) {
        double sum = 0;
        int n = 0;
        for (int i = 0; i < warm.length; i++) {
            if (warm[i]) {
                sum += s[i];
                n++;
            }
        }
        if (n == 0) {
            return false;
        }
        double mean = sum / n;
        double ss = 0;
        for (int i = 0; i < warm.length; i++) {
            if (warm[i]) {
                ss += (s[i] - mean) * (s[i] - mean);
            }
        }
        double sd = Math.sqrt(ss / n);
        double inv = sd > 0 ? 1 / sd : 0;
        for (int i = 0; i < s.length; i++) {
            s[i] = (float) ((s[i] - mean) * inv);
        }
        return true;
    }

    /**
     * A new item's score from standardised scores {@code z}: {@code gain} × sim[0]^{@code sharpness} × the
     * {@code sim}-weighted mean of {@code z} over its first {@code k} neighbours (best first); 0 without any.
     */
    public static float borrowed(float[] z, int[] nbr, float[] sim, int k, float gain, float sharpness) {
        int kk = Math.min(k, nbr.length);
        double num = 0;
        double den = 0;
        for (int r = 0; r < kk; r++) {
            num += sim[r] * z[nbr[r]];
            den += sim[r];
        }
        double c = sharpness == 0 || kk == 0 ? 1 : Math.pow(sim[0], sharpness);
        return den > 0 ? (float) (gain * c * num / den) : 0f;
    }

    /** The fitted bridge: the base model's scores with new items filled in. */
    public static final class Model implements RecommenderModel {
        private final RecommenderModel base;
        private final Links links;
        private final float gain;
        private final float sharpness;
        private final int k;

        Model(RecommenderModel base, Links links, float gain, float sharpness) {
            this.base = base;
            this.links = links;
            this.gain = gain;
            this.sharpness = sharpness;
            int most = 0;
            for (int[] nb : links.nbr()) {
                most = Math.max(most, nb.length);
            }
            this.k = most;
        }

        /** The base model. */
        public RecommenderModel base() {
            return base;
        }

        /** Items scored from their text (no training events), ascending. */
        public int[] newItems() {
            return links.newItems().clone();
        }

        @Override
        public int itemCount() {
            return base.itemCount();
        }

        @Override
        public void score(UserQuery user, float[] out) {
            base.score(user, out);
            if (links.newItems().length > 0) {
                links.apply(out, k, gain, sharpness);
            }
        }

        @Override
        public Map<String, Object> diagnostics() {
            Map<String, Object> d = new LinkedHashMap<>(base.diagnostics());
            d.put("new_items", links.newItems().length);
            d.put("new_item_neighbours", k);
            d.put("new_item_gain", gain);
            d.put("new_item_sharpness", sharpness);
            return d;
        }
    }

    /**
     * What {@link #tune} chose and why.
     *
     * @param neighbours      chosen neighbour count
     * @param gain            chosen gain
     * @param sharpness       chosen sharpness
     * @param newRecall       validation Recall@20 of the pseudo-new items with the choice
     * @param oldNdcg         validation NDCG@10 of the old items with the choice
     * @param referenceNdcg   validation NDCG@10 of the old items with new items ranked last
     * @param users           validation users
     * @param pseudoNewItems  warm items treated as new for tuning
     * @param grid            every setting tried with its validation figures
     * @param reason          one line: why this choice
     */
    public record Tuned(int neighbours, double gain, double sharpness, double newRecall, double oldNdcg, double referenceNdcg,
            int users, int pseudoNewItems, List<String> grid, String reason) {
        public Tuned {
            grid = List.copyOf(grid);
        }
    }

    /**
     * Chooses neighbours and gain: {@code newShare} of the warm items with a text (seeded) become pseudo-new —
     * all their training events removed — and up to {@code maxUsers} users with ≥ 3 events have a fifth of them
     * held out; {@code probe} is fitted on the rest. The choice maximises the held-out pseudo-new items'
     * Recall@20 among the settings whose old-item NDCG@10 stays within {@code maxOldLoss} (relative) of the
     * ranking that puts new items last; if none does, the setting that costs the old items least while still
     * finding some pseudo-new item (a new item must be seen at all). (Over all held-out items together, NDCG@10 is
     * highest with new items last whenever their borrowed scores are less precise than the old items' own: the
     * budget is the price paid for showing new items at all.)
     *
     * @return null when there is no item text or too little data to carve a validation
     */
    public static Tuned tune(Recommender probe, TrainingData td, double newShare, int maxUsers, double maxOldLoss) {
        TextSpace space = TextSpace.of(td.itemVectors());
        if (space == null) {
            return null;
        }
        UserItemMatrix x = td.matrix();
        int m = x.cols();
        int[] counts = x.itemUserCounts();
        List<Integer> cand = new ArrayList<>();
        for (int i = 0; i < m; i++) {
            if (counts[i] > 0 && Links.hasText(space, i)) {
                cand.add(i);
            }
        }
        int pn = (int) Math.round(cand.size() * newShare);
        if (pn < 1) {
            return null;
        }
        boolean[] pseudo = new boolean[m];
        for (int i : SeededSample.indices(cand.size(), pn, td.seed() * 131 + 17)) {
            pseudo[cand.get(i)] = true;
        }
        List<Integer> eligible = new ArrayList<>();
        for (int u = 0; u < x.rows(); u++) {
            if (x.rowLength(u) >= 3) {
                eligible.add(u);
            }
        }
        if (eligible.isEmpty()) {
            return null;
        }
        int[] pick = SeededSample.indices(eligible.size(), Math.min(maxUsers, eligible.size()), td.seed() * 131 + 19);
        boolean[] keep = new boolean[x.nonZeros()];
        for (int p = 0; p < keep.length; p++) {
            keep[p] = !pseudo[x.col(p)];
        }
        int[] users = new int[pick.length];
        int[][] held = new int[pick.length][];
        for (int t = 0; t < pick.length; t++) {
            int u = eligible.get(pick[t]);
            users[t] = u;
            int a = x.rowStart(u);
            int len = x.rowLength(u);
            int hold = Math.max(1, (int) Math.round(0.2 * len));
            int[] h = SeededSample.indices(len, hold, td.seed() * 0x9E3779B97F4A7C15L + 131L * u + 5);
            for (int i = 0; i < hold; i++) {
                keep[a + h[i]] = false;
                h[i] = x.col(a + h[i]);
            }
            Arrays.sort(h);
            held[t] = h;
        }
        TrainingData itd = td.keeping(keep);
        UserItemMatrix inner = itd.matrix();
        RecommenderModel model = probe.fit(itd);
        int kMax = Arrays.stream(NEIGHBOURS).max().orElse(10);
        Links links = Links.of(space, inner.itemUserCounts(), kMax, td.threads());
        boolean[] isNew = new boolean[m];
        for (int j : links.newItems()) {
            isNew[j] = true;
        }
        // Per user: base scores, new and old held-out items, the known items (excluded from rankings).
        int nu = users.length;
        float[][] base = new float[nu][];
        int[][] relNew = new int[nu][];
        int[][] relOld = new int[nu][];
        int[][] known = new int[nu][];
        Workers.forEach(td.threads(), nu, 8, t -> {
            int u = users[t];
            int a = inner.rowStart(u);
            int len = inner.rowLength(u);
            int[] items = new int[len];
            float[] w = new float[len];
            for (int i = 0; i < len; i++) {
                items[i] = inner.col(a + i);
                w[i] = inner.value(a + i);
            }
            known[t] = items;
            float[] s = new float[m];
            model.score(new UserQuery(u, items, w, td.userSegment()[u],
                    td.userVectors() == null ? null : td.userVectors()[u], true), s);
            base[t] = s;
            relNew[t] = Arrays.stream(held[t]).filter(i -> isNew[i]).toArray();
            relOld[t] = Arrays.stream(held[t]).filter(i -> !isNew[i]).toArray();
        });
        double[] refs = evaluate(links, base, known, relNew, relOld, held, kMax, Float.NaN, 0, td.threads());
        double ref = refs[1];
        double refAll = refs[2];
        double bestRecall = -1;
        double bestOld = Double.NaN;
        int bestK = NEIGHBOURS[0];
        double bestGain = 0;
        double bestSharp = 0;
        List<String> grid = new ArrayList<>();
        double cheapOld = Double.NEGATIVE_INFINITY;
        double[] cheap = {0, 10, 1, 0};
        for (double p : SHARPNESS) {
            for (int k : NEIGHBOURS) {
                for (double g : GAINS) {
                    double[] r = evaluate(links, base, known, relNew, relOld, held, k, (float) g, (float) p,
                            td.threads());
                    grid.add(String.format(java.util.Locale.ROOT, "k=%d gain=%.2f sharpness=%.0f: new recall@20 %.4f,"
                            + " old ndcg@10 %.4f, all ndcg@10 %.4f", k, g, p, r[0], r[1], r[2]));
                    if (r[0] > 0 && (r[1] > cheapOld || (r[1] == cheapOld && r[0] > cheap[0]))) {
                        cheapOld = r[1];
                        cheap = new double[] {r[0], k, g, p};
                    }
                    if (r[1] >= (1 - maxOldLoss) * ref && r[0] > bestRecall) {
                        bestRecall = r[0];
                        bestOld = r[1];
                        bestK = k;
                        bestGain = g;
                        bestSharp = p;
                    }
                }
            }
        }
        int nNew = 0;
        for (int[] r : relNew) {
            nNew += r.length > 0 ? 1 : 0;
        }
        if (bestRecall < 0) {
            // Nothing fits the budget: a new item must still be seen, so take the cheapest setting that shows any.
            if (cheapOld == Double.NEGATIVE_INFINITY) {
                return new Tuned(10, 1, 0, 0, Double.NaN, ref, nu, pn, grid, "no setting kept old-item NDCG@10 within "
                        + Math.round(maxOldLoss * 100) + "% of ranking new items last and none found a held-out"
                        + " pseudo-new item: scores borrowed at face value (10 neighbours, gain 1)");
            }
            return new Tuned((int) cheap[1], cheap[2], cheap[3], cheap[0], cheapOld, ref, nu, pn, grid,
                    String.format(java.util.Locale.ROOT, "no setting kept old-item NDCG@10 within %.0f%% of ranking"
                    + " new items last (%.4f); the cheapest that still shows new items: old-item NDCG@10 %.4f,"
                    + " pseudo-new Recall@20 %.4f", maxOldLoss * 100, ref, cheapOld, cheap[0]));
        }
        return new Tuned(bestK, bestGain, bestSharp, bestRecall, bestOld, ref, nu, pn, grid, String.format(java.util.Locale.ROOT,
                "most Recall@20 of %d pseudo-new items (%d validation users with one held out) among settings that"
                + " keep old-item NDCG@10 within %.0f%% of ranking new items last (%.4f vs %.4f); NDCG@10 over all"
                + " held-out items %.4f with new items last", pn, nNew, maxOldLoss * 100, bestOld, ref, refAll));
    }

    /**
     * Mean Recall@20 over users with held-out new items, mean NDCG@10 over users with held-out old items, and mean
     * NDCG@10 over all held-out items; {@code gain} NaN = the reference that ranks new items last.
     */
    private static double[] evaluate(Links links, float[][] base, int[][] known, int[][] relNew, int[][] relOld,
            int[][] relAll, int k, float gain, float sharpness, int threads) {
        int nu = base.length;
        double[] recall = new double[nu];
        double[] ndcg = new double[nu];
        double[] all = new double[nu];
        Workers.forEach(threads, nu, 8, t -> {
            float[] s = base[t].clone();
            if (Float.isNaN(gain)) {
                for (int j : links.newItems()) {
                    s[j] = Float.NEGATIVE_INFINITY;
                }
            } else {
                links.apply(s, k, gain, sharpness);
            }
            int[] top = TopK.select(s, 20, known[t]);
            all[t] = TopK.ndcg(top, relAll[t], 10);
            recall[t] = relNew[t].length == 0 ? Double.NaN : hits(top, relNew[t]) / (double) relNew[t].length;
            ndcg[t] = relOld[t].length == 0 ? Double.NaN : TopK.ndcg(top, relOld[t], 10);
        });
        return new double[] {meanOfFinite(recall), meanOfFinite(ndcg), meanOfFinite(all)};
    }

    private static int hits(int[] top, int[] relevantSorted) {
        int h = 0;
        for (int i : top) {
            if (Arrays.binarySearch(relevantSorted, i) >= 0) {
                h++;
            }
        }
        return h;
    }

    private static double meanOfFinite(double[] v) {
        double s = 0;
        int n = 0;
        for (double x : v) {
            if (!Double.isNaN(x)) {
                s += x;
                n++;
            }
        }
        return n == 0 ? 0 : s / n;
    }
}
