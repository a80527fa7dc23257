package io.cohortlm.recommend;

import io.cohortlm.represent.UserItemMatrix;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Stated interests → items: what a user says they like ("camping gear and lanterns"), encoded by the language
 * model, is matched against the item-text vectors directly (content), widened through the collaborative
 * neighbourhood of the best-matching items (expansion: the top-P text matches become a pseudo-history for an
 * item-based model, so "lanterns" also finds what lantern buyers buy) and blended with a prior (demographic or
 * global popularity). Scores are standardised per user and mixed with weights on a simplex grid.
 * <p><b>Tuned on a protocol that simulates stated interests, never on test data.</b> Up to
 * {@code maxValidationUsers} training users (seeded) leave the inner training data; for n = 1..{@code maxStated}
 * each states interests about their first n items ({@link StatedInterests} writes and encodes that text) and
 * is scored on the rest, with no item ids revealed. The reference is the better of content alone and the prior
 * alone on one half of the validation users; the best blend (expansion model, pool size P, weights) found on
 * that half replaces it only if its gain on the other half is significant (paired t-test,
 * p &lt; {@code significance}). Chosen components are refitted on all training data.
 * <p>A query without stated interests is scored from its history's text direction the same way; one with
 * neither is scored by the prior alone.
 *
 * @param expansions         candidate item-based models the pseudo-history is scored with (e.g. item-kNN, EASE),
 *                           non-empty
 * @param prior              the prior for what the text does not say, e.g. demographic popularity
 * @param simulate           writes and encodes simulated interests for tuning, or null (no tuning: content and
 *                           prior equally)
 * @param maxStated          most items a simulated statement is about, in [1, 10]
 * @param maxValidationUsers cap on validation users, in [10, 1000000]
 * @param weightStep         grid step of the weight simplex, in [0.05, 0.5]
 * @param significance       p-value a blend must beat to replace the reference, in (0, 1]
 */
public record InterestRecommender(List<Recommender> expansions, Recommender prior, StatedInterests simulate,
        int maxStated, int maxValidationUsers, double weightStep, double significance) implements Recommender {
    private static final int K = 10;
    /** Pseudo-history sizes tried. */
    private static final int[] POOLS = {1, 3, 10, 30};

    public InterestRecommender {
        expansions = List.copyOf(Objects.requireNonNull(expansions, "expansions"));
        if (expansions.isEmpty()) {
            throw new IllegalArgumentException("expansions must not be empty");
        }
        Objects.requireNonNull(prior, "prior");
        if (maxStated < 1 || maxStated > 10) {
            throw new IllegalArgumentException("maxStated must be in [1, 10], was " + maxStated);
        }
        if (maxValidationUsers < 10 || maxValidationUsers > 1_000_000) {
            throw new IllegalArgumentException("maxValidationUsers must be in [10, 1000000], was "
                    + maxValidationUsers);
        }
        if (!(weightStep >= 0.05 && weightStep <= 0.5)) {
            throw new IllegalArgumentException("weightStep must be in [0.05, 0.5], was " + weightStep);
        }
        if (!(significance > 0 && significance <= 1)) {
            throw new IllegalArgumentException("significance must be in (0, 1], was " + significance);
        }
    }

    /** Item-kNN expansion, popularity prior, statements of up to 3 items, 500 validation users. */
    public static InterestRecommender of(List<Recommender> expansions, Recommender prior, StatedInterests simulate) {
        return new InterestRecommender(expansions, prior, simulate, 3, 500, 0.1, 0.01);
    }

    @Override
    public String name() {
        return "interests";
    }

    @Override
    public String describe() {
        StringBuilder b = new StringBuilder("expansion∈{");
        for (int j = 0; j < expansions.size(); j++) {
            b.append(j == 0 ? "" : ", ").append(expansions.get(j).name()).append('(')
                    .append(expansions.get(j).describe()).append(')');
        }
        return b.append("}, prior=").append(prior.name()).append('(').append(prior.describe())
                .append("), stated≤").append(maxStated).append(", weightStep=").append(weightStep).toString();
    }

    /**
     * The blend: weights on content (text match), expansion (collaborative neighbours of the matches) and the
     * prior, summing to 1; {@code expansion} indexes {@link #expansions()}, {@code pool} is P.
     */
    public record Blend(double content, double expansionWeight, double prior, int expansion, int pool) {
        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT, "content=%.2f expansion=%.2f prior=%.2f P=%d", content,
                    expansionWeight, prior, pool);
        }
    }

    private record Case(int user, int[] stated, int[] hidden, boolean confirm) {
    }

    @Override
    public Model fit(TrainingData data) {
        TextSpace space = TextSpace.of(data.itemVectors());
        Map<String, Object> diag = new LinkedHashMap<>();
        if (space == null) {
            diag.put("reason", "no item vectors: the prior alone");
            return new Model(null, prior.fit(data), null, new Blend(0, 0, 1, 0, 0), diag);
        }
        Blend fallback = new Blend(0.5, 0, 0.5, 0, POOLS[0]);
        List<Case> cases = simulate == null ? List.of() : carve(data);
        if (cases.size() < 20) {
            diag.put("reason", simulate == null ? "no simulated statements to tune on: content and prior equally"
                    : "only " + cases.size() + " validation statements: content and prior equally");
            return new Model(space, prior.fit(data), null, fallback, diag);
        }
        boolean[] gone = new boolean[data.userCount()];
        for (Case c : cases) {
            gone[c.user] = true;
        }
        UserItemMatrix x = data.matrix();
        boolean[] keep = new boolean[x.nonZeros()];
        for (int u = 0; u < x.rows(); u++) {
            Arrays.fill(keep, x.rowStart(u), x.rowEnd(u), !gone[u]);
        }
        long[] times = null;
        if (data.firstTime() != null) {
            int kept = 0;
            for (boolean k : keep) {
                kept += k ? 1 : 0;
            }
            times = new long[kept];
            int o = 0;
            for (int p = 0; p < keep.length; p++) {
                if (keep[p]) {
                    times[o++] = data.firstTime()[p];
                }
            }
        }
        TrainingData inner = data.withMatrix(x.select(p -> keep[p]), times);
        RecommenderModel innerPrior = prior.fit(inner);
        RecommenderModel[] innerExp = new RecommenderModel[expansions.size()];
        for (int j = 0; j < innerExp.length; j++) {
            innerExp[j] = expansions.get(j).fit(inner);
        }
        List<int[]> sets = new ArrayList<>(cases.size());
        for (Case c : cases) {
            sets.add(c.stated);
        }
        float[][] texts = simulate.vectors(sets);
        List<Blend> grid = grid(innerExp.length);
        int nc = cases.size();
        int m = data.itemCount();
        double[][] ndcg = new double[nc][];
        Workers.forEach(data.threads(), nc, 4, t -> {
            Case c = cases.get(t);
            UserQuery q = new UserQuery(c.user, new int[0], new float[0], -1, null, false, texts[t]);
            Parts parts = new Parts(space, innerPrior, innerExp, q, m);
            float[] blend = new float[m];
            double[] row = new double[grid.size()];
            for (int g = 0; g < grid.size(); g++) {
                parts.mix(grid.get(g), blend);
                row[g] = TopK.ndcg(TopK.select(blend, K, q.items()), c.hidden, K);
            }
            ndcg[t] = row;
        });
        // Choose on the first half of the users, confirm on the second.
        double[] pick = new double[grid.size()];
        int picks = 0;
        for (int t = 0; t < nc; t++) {
            if (!cases.get(t).confirm) {
                picks++;
                for (int g = 0; g < grid.size(); g++) {
                    pick[g] += ndcg[t][g];
                }
            }
        }
        int contentOnly = 0;
        int priorOnly = 1;
        int ref = pick[contentOnly] >= pick[priorOnly] ? contentOnly : priorOnly;
        int best = ref;
        for (int g = 0; g < grid.size(); g++) {
            if (pick[g] > pick[best] + 1e-12) {
                best = g;
            }
        }
        List<Double> diff = new ArrayList<>();
        double refSum = 0;
        double bestSum = 0;
        for (int t = 0; t < nc; t++) {
            if (cases.get(t).confirm) {
                diff.add(ndcg[t][best] - ndcg[t][ref]);
                refSum += ndcg[t][ref];
                bestSum += ndcg[t][best];
            }
        }
        double[] d = diff.stream().mapToDouble(Double::doubleValue).toArray();
        double p = best == ref ? 1 : SegmentHybridRecommender.pairedP(d);
        boolean adopt = best != ref && bestSum > refSum && p < significance;
        Blend chosen = grid.get(adopt ? best : ref);
        int confirms = d.length;
        diag.put("validationStatements", nc);
        diag.put("validationUsers", cases.stream().mapToInt(Case::user).distinct().count());
        diag.put("reference", grid.get(ref).toString());
        diag.put("referenceNdcg@10", confirms == 0 ? 0 : refSum / confirms);
        diag.put("contentOnlyNdcg@10", picks == 0 ? 0 : pick[contentOnly] / picks);
        diag.put("priorOnlyNdcg@10", picks == 0 ? 0 : pick[priorOnly] / picks);
        diag.put("bestBlend", grid.get(best).toString() + " expansion=" + expansions.get(grid.get(best).expansion)
                .name());
        diag.put("bestBlendNdcg@10", confirms == 0 ? 0 : bestSum / confirms);
        diag.put("blendGainPairedP", p);
        diag.put("blendAdopted", adopt);
        diag.put("weights", chosen.toString());
        diag.put("expansion", chosen.expansionWeight > 0 ? expansions.get(chosen.expansion).name() : "none");
        RecommenderModel[] exp = new RecommenderModel[expansions.size()];
        if (chosen.expansionWeight > 0) {
            exp[chosen.expansion] = expansions.get(chosen.expansion).fit(data);
        }
        return new Model(space, prior.fit(data), exp, chosen, diag);
    }

    /** Content only, prior only, then every (expansion, pool, simplex point) with all three weights. */
    private List<Blend> grid(int expansionCount) {
        List<Blend> g = new ArrayList<>();
        g.add(new Blend(1, 0, 0, 0, POOLS[0]));
        g.add(new Blend(0, 0, 1, 0, POOLS[0]));
        int steps = (int) Math.round(1 / weightStep);
        for (int a = 0; a <= steps; a++) {
            for (int b = 0; a + b <= steps; b++) {
                double c = a / (double) steps;
                double e = b / (double) steps;
                double pr = Math.max(0, 1 - c - e);
                if ((c == 1 || pr == 1) && e == 0) {
                    continue;
                }
                if (e == 0) {
                    g.add(new Blend(c, 0, pr, 0, POOLS[0]));
                    continue;
                }
                for (int j = 0; j < expansionCount; j++) {
                    for (int pool : POOLS) {
                        g.add(new Blend(c, e, pr, j, pool));
                    }
                }
            }
        }
        return g;
    }

    /**
     * Validation statements: seeded users with ≥ 2 training items; for n = 1..maxStated (n below their count)
     * the first n items in time order (a seeded shuffle without times) are stated, the rest hidden. Half the
     * users (by a seeded coin) choose the blend, the other half confirm it.
     */
    private List<Case> carve(TrainingData data) {
        UserItemMatrix x = data.matrix();
        List<Integer> eligible = new ArrayList<>();
        for (int u = 0; u < x.rows(); u++) {
            if (x.rowLength(u) >= 2) {
                eligible.add(u);
            }
        }
        int[] order = eligible.stream().mapToInt(Integer::intValue).toArray();
        SplittableRandom rnd = new SplittableRandom(data.seed() * 0x5DEECE66DL + 0x1A7E);
        for (int i = order.length - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int nv = Math.min(maxValidationUsers, Math.max(1, order.length / 5));
        int[] users = Arrays.copyOf(order, Math.min(nv, order.length));
        Arrays.sort(users);
        List<Case> out = new ArrayList<>();
        long[] ft = data.firstTime();
        for (int k = 0; k < users.length; k++) {
            int u = users[k];
            int a = x.rowStart(u);
            int len = x.rowLength(u);
            Integer[] pos = new Integer[len];
            for (int i = 0; i < len; i++) {
                pos[i] = a + i;
            }
            if (ft != null) {
                Arrays.sort(pos, (p, q) -> ft[p] != ft[q] ? Long.compare(ft[p], ft[q]) : Integer.compare(p, q));
            } else {
                SplittableRandom ur = new SplittableRandom(data.seed() * 0x9E3779B97F4A7C15L + 17L * u + 3);
                for (int i = len - 1; i > 0; i--) {
                    int j = ur.nextInt(i + 1);
                    Integer t = pos[i];
                    pos[i] = pos[j];
                    pos[j] = t;
                }
            }
            boolean confirm = k % 2 == 1;
            for (int n = 1; n <= maxStated && n < len; n++) {
                int[] stated = new int[n];
                for (int i = 0; i < n; i++) {
                    stated[i] = x.col(pos[i]);
                }
                int[] hidden = new int[len - n];
                for (int i = n; i < len; i++) {
                    hidden[i - n] = x.col(pos[i]);
                }
                Arrays.sort(stated);
                Arrays.sort(hidden);
                out.add(new Case(u, stated, hidden, confirm));
            }
        }
        return out;
    }

    /** One query's standardised components: content, prior and, per expansion and pool, the expansion. */
    private static final class Parts {
        final float[] content;
        final float[] prior;
        final float[][][] expansion;
        final int m;

        Parts(TextSpace space, RecommenderModel prior, RecommenderModel[] exp, UserQuery q, int m) {
            this.m = m;
            float[] tq = space.query(q);
            content = new float[m];
            if (tq != null) {
                space.cosines(tq, content);
            }
            float[] raw = content.clone();
            SegmentHybridRecommender.standardise(content);
            this.prior = new float[m];
            prior.score(q, this.prior);
            SegmentHybridRecommender.standardise(this.prior);
            expansion = new float[exp.length][][];
            for (int j = 0; j < exp.length; j++) {
                if (exp[j] == null) {
                    continue;
                }
                expansion[j] = new float[POOLS.length][];
                for (int pi = 0; pi < POOLS.length; pi++) {
                    expansion[j][pi] = expand(exp[j], q, raw, POOLS[pi], m);
                }
            }
        }

        float[] expansion(int j, int pool) {
            for (int pi = 0; pi < POOLS.length; pi++) {
                if (POOLS[pi] == pool) {
                    return expansion[j][pi];
                }
            }
            throw new IllegalArgumentException("pool " + pool);
        }

        void mix(Blend b, float[] out) {
            float wc = (float) b.content;
            float wp = (float) b.prior;
            float we = (float) b.expansionWeight;
            float[] e = we > 0 ? expansion(b.expansion, b.pool) : null;
            for (int i = 0; i < m; i++) {
                float s = wc * content[i] + wp * prior[i];
                if (e != null) {
                    s += we * e[i];
                }
                out[i] = s;
            }
        }
    }

    /**
     * The expansion component: the user's own items plus the {@code pool} best text matches (weighted by their
     * cosine relative to the best one) scored as a history by {@code model}, standardised.
     */
    static float[] expand(RecommenderModel model, UserQuery q, float[] cosines, int pool, int m) {
        int[] top = TopK.select(cosines, pool, q.items());
        float best = top.length == 0 ? 0 : cosines[top[0]];
        Map<Integer, Float> h = new java.util.TreeMap<>();
        for (int t = 0; t < q.items().length; t++) {
            h.put(q.items()[t], q.weights()[t]);
        }
        for (int i : top) {
            float w = best > 0 ? Math.max(0, cosines[i]) / best : 1;
            if (w > 0) {
                h.merge(i, w, Float::sum);
            }
        }
        int[] items = new int[h.size()];
        float[] w = new float[h.size()];
        int o = 0;
        for (Map.Entry<Integer, Float> e : h.entrySet()) {
            items[o] = e.getKey();
            w[o++] = e.getValue();
        }
        float[] out = new float[m];
        model.score(new UserQuery(q.user(), items, w, q.segment(), q.vector(), false, q.text()), out);
        SegmentHybridRecommender.standardise(out);
        return out;
    }

    /** Fitted stated-interest model. */
    public static final class Model implements RecommenderModel {
        private final TextSpace space;
        private final RecommenderModel prior;
        private final RecommenderModel[] expansions;
        private final Blend blend;
        private final Map<String, Object> diagnostics;

        Model(TextSpace space, RecommenderModel prior, RecommenderModel[] expansions, Blend blend,
                Map<String, Object> diagnostics) {
            this.space = space;
            this.prior = prior;
            this.expansions = expansions;
            this.blend = blend;
            this.diagnostics = diagnostics;
        }

        /** The chosen blend. */
        public Blend blend() {
            return blend;
        }

        @Override
        public Map<String, Object> diagnostics() {
            return diagnostics;
        }

        @Override
        public int itemCount() {
            return prior.itemCount();
        }

        /**
         * Each component's weighted contribution to {@link #score}: for item i, content[i] + expansion[i] +
         * prior[i] is its score (a part is null when its weight is 0).
         */
        public record Contributions(float[] content, float[] expansion, float[] prior) {
        }

        /** Scores like {@link #score} into {@code out} and returns what each component contributed. */
        public Contributions scoreParts(UserQuery user, float[] out) {
            int m = itemCount();
            float[] tq = space == null ? null : space.query(user);
            if (tq == null || blend.prior >= 1) {
                prior.score(user, out);
                return new Contributions(null, null, out.clone());
            }
            float[] raw = new float[m];
            space.cosines(tq, raw);
            float[] c = raw.clone();
            SegmentHybridRecommender.standardise(c);
            float[] e = blend.expansionWeight > 0 ? expand(expansions[blend.expansion], user, raw, blend.pool, m)
                    : null;
            float[] p = null;
            if (blend.prior > 0) {
                p = new float[m];
                prior.score(user, p);
                SegmentHybridRecommender.standardise(p);
            }
            for (int i = 0; i < m; i++) {
                c[i] *= (float) blend.content;
                float s = c[i];
                if (e != null) {
                    e[i] *= (float) blend.expansionWeight;
                    s += e[i];
                }
                if (p != null) {
                    p[i] *= (float) blend.prior;
                    s += p[i];
                }
                out[i] = s;
            }
            return new Contributions(blend.content > 0 ? c : null, e, p);
        }

        @Override
        public void score(UserQuery user, float[] out) {
            scoreParts(user, out);
        }
    }
}
