package io.cohortlm.recommend;

import io.cohortlm.represent.UserItemMatrix;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * CohortLM's recommended method: a personalised model (EASE by default) blended with the segment prior
 * ({@link SegmentPopularityRecommender}) and content ({@link ContentRecommender}). Each component's scores are
 * standardised per user (mean 0, standard deviation 1 over the catalogue) and mixed with weights chosen
 * separately per {@link ActivityLevel}, so active users track the personalised model and sparse or cold users
 * lean on segment and content.
 * <p>Tuning never sees test data: {@code validationShare} of the training users with ≥ 2 items become
 * validation users and leave the inner training data entirely; each is then viewed at every activity level
 * their history allows — nothing, a 1–5 item prefix, a 6–20 item prefix, all but the last 20% (prefixes in time
 * order, else a seeded shuffle) — and scored on the hidden rest, folded in at scoring time like a few-shot
 * user. The components are fitted on the inner data, every weight triple on a {@code weightStep} simplex grid
 * is scored by NDCG@10, and the best triple per level is kept (a level with fewer than
 * {@code minValidationUsers} views borrows the nearest level's). The components are then refitted on all
 * training data.
 * <p>Cold-start chain: a user without events is served segment + content, their segment coming from the
 * assigner on their vector when they have none; as events arrive the per-level weights shift to personal.
 * Validation users at level 0 keep their given segment (computed with their history): a mild optimism in
 * tuning only, never in test.
 *
 * @param personal           the personalised component
 * @param segment            the segment-prior component
 * @param validationShare    share of eligible training users used for validation, in (0, 0.5]
 * @param maxValidationUsers cap on validation users (tuning cost), in [10, 1000000]
 * @param weightStep         grid step of the weight simplex, in [0.05, 0.5]
 * @param minValidationUsers fewest validation users for a level to get its own weights, ≥ 1
 */
public record SegmentHybridRecommender(Recommender personal, SegmentPopularityRecommender segment,
        double validationShare, int maxValidationUsers, double weightStep, int minValidationUsers)
        implements Recommender {
    private static final int K = 10;

    public SegmentHybridRecommender {
        java.util.Objects.requireNonNull(personal, "personal");
        java.util.Objects.requireNonNull(segment, "segment");
        if (!(validationShare > 0 && validationShare <= 0.5)) {
            throw new IllegalArgumentException("validationShare must be in (0, 0.5], was " + validationShare);
        }
        if (maxValidationUsers < 10 || maxValidationUsers > 1_000_000) {
            throw new IllegalArgumentException("maxValidationUsers must be in [10, 1000000], was "
                    + maxValidationUsers);
        }
        if (!(weightStep >= 0.05 && weightStep <= 0.5)) {
            throw new IllegalArgumentException("weightStep must be in [0.05, 0.5], was " + weightStep);
        }
        if (minValidationUsers < 1) {
            throw new IllegalArgumentException("minValidationUsers must be ≥ 1, was " + minValidationUsers);
        }
    }

    /** EASE (defaults) + segment popularity (defaults), 25% validation (≤ 1,000 users), step 0.1. */
    public static SegmentHybridRecommender defaults() {
        return of(EaseRecommender.defaults());
    }

    /** The defaults with another personalised component. */
    public static SegmentHybridRecommender of(Recommender personal) {
        return new SegmentHybridRecommender(personal, SegmentPopularityRecommender.defaults(), 0.25, 1000, 0.1, 20);
    }

    @Override
    public String name() {
        return "segment-hybrid";
    }

    @Override
    public String describe() {
        return "personal=" + personal.name() + "(" + personal.describe() + "), segment=(" + segment.describe()
                + "), weightStep=" + weightStep;
    }

    @Override
    public Model fit(TrainingData data) {
        boolean content = data.itemVectors() != null;
        List<BlendWeights> grid = grid(content);
        Validation v = carve(data);
        TrainingData inner = data.withMatrix(v.inner, null);
        Components c = Components.fit(this, inner);
        int levels = ActivityLevel.values().length;
        int nv = v.queries.length;
        double[][] ndcg = new double[nv][];
        int m = data.itemCount();
        Workers.forEach(data.threads(), nv, 4, t -> {
            UserQuery q = v.queries[t];
            float[][] z = c.standardised(q, m);
            float[] blend = new float[m];
            double[] row = new double[grid.size()];
            for (int g = 0; g < grid.size(); g++) {
                mix(z, grid.get(g), blend);
                int[] top = TopK.select(blend, K, q.items());
                row[g] = ndcgAt(top, v.hidden[t]);
            }
            ndcg[t] = row;
        });
        double[][] sum = new double[levels][grid.size()];
        int[] count = new int[levels];
        for (int t = 0; t < nv; t++) {
            int l = ActivityLevel.of(v.queries[t].items().length).ordinal();
            count[l]++;
            for (int g = 0; g < grid.size(); g++) {
                sum[l][g] += ndcg[t][g];
            }
        }
        BlendWeights[] best = new BlendWeights[levels];
        double[] bestNdcg = new double[levels];
        int[] source = new int[levels];
        for (int l = 0; l < levels; l++) {
            int from = -1;
            for (int dist = 0; dist < levels && from < 0; dist++) {
                for (int cand : new int[] {l - dist, l + dist}) {
                    if (from < 0 && cand >= 0 && cand < levels && count[cand] >= minValidationUsers) {
                        from = cand;
                    }
                }
            }
            source[l] = from;
            if (from < 0) {
                best[l] = content ? new BlendWeights(0.5, 0.3, 0.2) : new BlendWeights(0.6, 0.4, 0);
                bestNdcg[l] = Double.NaN;
                continue;
            }
            int arg = 0;
            for (int g = 1; g < grid.size(); g++) {
                if (sum[from][g] > sum[from][arg]) {
                    arg = g;
                }
            }
            best[l] = grid.get(arg);
            bestNdcg[l] = sum[from][arg] / count[from];
        }
        Components full = Components.fit(this, data);
        Map<String, Object> diag = new LinkedHashMap<>();
        for (ActivityLevel a : ActivityLevel.values()) {
            int l = a.ordinal();
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("weights", best[l].toString());
            d.put("validationUsers", count[l]);
            d.put("tunedOnLevel", source[l] < 0 ? "default" : ActivityLevel.values()[source[l]].label());
            d.put("validationNdcg@10", bestNdcg[l]);
            diag.put("activity:" + a.label(), d);
        }
        return new Model(full, best, data, diag);
    }

    private List<BlendWeights> grid(boolean content) {
        int steps = (int) Math.round(1 / weightStep);
        List<BlendWeights> g = new ArrayList<>();
        for (int p = steps; p >= 0; p--) {
            for (int s = steps - p; s >= 0; s--) {
                int c = steps - p - s;
                if (!content && c > 0) {
                    continue;
                }
                g.add(new BlendWeights((double) p / steps, (double) s / steps, (double) c / steps));
            }
        }
        return g;
    }

    /** Validation users, their revealed-prefix queries and hidden items, and the inner training matrix. */
    private record Validation(int[] users, UserQuery[] queries, int[][] hidden, UserItemMatrix inner) {
    }

    private Validation carve(TrainingData data) {
        UserItemMatrix x = data.matrix();
        int n = x.rows();
        List<Integer> eligible = new ArrayList<>();
        for (int u = 0; u < n; u++) {
            if (x.rowLength(u) >= 2) {
                eligible.add(u);
            }
        }
        SplittableRandom rnd = new SplittableRandom(data.seed() * 0x9E3779B97F4A7C15L + 17);
        int[] order = eligible.stream().mapToInt(Integer::intValue).toArray();
        for (int i = order.length - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int nv = Math.min(maxValidationUsers, (int) Math.round(order.length * validationShare));
        int[] users = Arrays.copyOf(order, nv);
        Arrays.sort(users);
        boolean[] hiddenEntry = new boolean[x.nonZeros()];
        List<UserQuery> queries = new ArrayList<>();
        List<int[]> hidden = new ArrayList<>();
        for (int u : users) {
            int a = x.rowStart(u);
            int len = x.rowLength(u);
            Arrays.fill(hiddenEntry, a, a + len, true);
            Integer[] pos = new Integer[len];
            for (int i = 0; i < len; i++) {
                pos[i] = a + i;
            }
            if (data.firstTime() != null) {
                long[] ft = data.firstTime();
                Arrays.sort(pos, (p, q) -> ft[p] != ft[q] ? Long.compare(ft[p], ft[q]) : Integer.compare(p, q));
            } else {
                for (int i = len - 1; i > 0; i--) {
                    int j = rnd.nextInt(i + 1);
                    Integer tmp = pos[i];
                    pos[i] = pos[j];
                    pos[j] = tmp;
                }
            }
            // One view per activity level the history allows: nothing, 1–5, 6–20 and all but the last 20%.
            int[] reveals = {0, 1 + rnd.nextInt(5), 6 + rnd.nextInt(15),
                Math.max(1, len - Math.max(1, (int) Math.round(0.2 * len)))};
            for (int v = 0; v < reveals.length; v++) {
                int reveal = reveals[v];
                if (reveal >= len || (v == 3 && reveal <= 20)) {
                    continue;
                }
                int[] shown = new int[reveal];
                for (int i = 0; i < reveal; i++) {
                    shown[i] = pos[i];
                }
                Arrays.sort(shown);
                int[] items = new int[reveal];
                float[] w = new float[reveal];
                for (int i = 0; i < reveal; i++) {
                    items[i] = x.col(shown[i]);
                    w[i] = x.value(shown[i]);
                }
                int[] hid = new int[len - reveal];
                for (int i = reveal; i < len; i++) {
                    hid[i - reveal] = x.col(pos[i]);
                }
                Arrays.sort(hid);
                hidden.add(hid);
                queries.add(new UserQuery(u, items, w, data.userSegment()[u],
                        data.userVectors() == null ? null : data.userVectors()[u], false));
            }
        }
        return new Validation(users, queries.toArray(new UserQuery[0]), hidden.toArray(new int[0][]),
                x.select(p -> !hiddenEntry[p]));
    }

    static double ndcgAt(int[] top, int[] relevantSorted) {
        double dcg = 0;
        for (int r = 0; r < top.length; r++) {
            if (Arrays.binarySearch(relevantSorted, top[r]) >= 0) {
                dcg += 1 / (Math.log(r + 2) / Math.log(2));
            }
        }
        double idcg = 0;
        for (int r = 0; r < Math.min(relevantSorted.length, K); r++) {
            idcg += 1 / (Math.log(r + 2) / Math.log(2));
        }
        return idcg == 0 ? 0 : dcg / idcg;
    }

    static void mix(float[][] z, BlendWeights w, float[] out) {
        float a = (float) w.personal();
        float b = (float) w.segment();
        float c = (float) w.content();
        float[] zp = z[0];
        float[] zs = z[1];
        float[] zc = z[2];
        for (int i = 0; i < out.length; i++) {
            out[i] = a * zp[i] + b * zs[i] + (zc == null ? 0 : c * zc[i]);
        }
    }

    /** The three fitted components. */
    private record Components(RecommenderModel personal, RecommenderModel segment, RecommenderModel content) {
        static Components fit(SegmentHybridRecommender cfg, TrainingData data) {
            RecommenderModel p = cfg.personal.fit(data);
            RecommenderModel s = cfg.segment.fit(data);
            RecommenderModel c = data.itemVectors() == null ? null : new ContentRecommender().fit(data);
            return new Components(p, s, c);
        }

        /** Component scores standardised per user; [2] is null without content. */
        float[][] standardised(UserQuery q, int m) {
            float[][] z = new float[3][];
            z[0] = new float[m];
            personal.score(q, z[0]);
            z[1] = new float[m];
            segment.score(q, z[1]);
            if (content != null) {
                z[2] = new float[m];
                content.score(q, z[2]);
            }
            for (float[] v : z) {
                if (v != null) {
                    standardise(v);
                }
            }
            return z;
        }
    }

    /** In place: (v − mean) / sd; all zeros when sd = 0. */
    static void standardise(float[] v) {
        double s = 0;
        for (float x : v) {
            s += x;
        }
        double mean = s / v.length;
        double ss = 0;
        for (float x : v) {
            ss += (x - mean) * (x - mean);
        }
        double sd = Math.sqrt(ss / v.length);
        for (int i = 0; i < v.length; i++) {
            v[i] = sd > 0 ? (float) ((v[i] - mean) / sd) : 0f;
        }
    }

    /** Fitted segment-hybrid: components and blend weights per activity level. */
    public static final class Model implements RecommenderModel {
        private final Components components;
        private final BlendWeights[] weights;
        private final TrainingData data;
        private final Map<String, Object> diagnostics;

        Model(Components components, BlendWeights[] weights, TrainingData data, Map<String, Object> diagnostics) {
            this.components = components;
            this.weights = weights;
            this.data = data;
            this.diagnostics = diagnostics;
        }

        /** The blend used for users at {@code level}. */
        public BlendWeights weights(ActivityLevel level) {
            return weights[level.ordinal()];
        }

        @Override
        public Map<String, Object> diagnostics() {
            return diagnostics;
        }

        @Override
        public int itemCount() {
            return data.itemCount();
        }

        /**
         * What each component contributed to a score: for item {@code i}, {@code personal[i] + segment[i] +
         * content[i]} is its blended score. {@code content} is null without item vectors. {@code segment} is the
         * segment the user was scored with (-1 for none).
         */
        public record Parts(float[] personal, float[] segment, float[] content, int segmentUsed, BlendWeights weights) {
        }

        /** Scores like {@link #score} into {@code out} and returns each component's weighted contribution. */
        public Parts scoreParts(UserQuery user, float[] out) {
            UserQuery q = user;
            if (q.segment() < 0) {
                q = new UserQuery(q.user(), q.items(), q.weights(), data.segmentOf(q), q.vector(), q.inTraining());
            }
            float[][] z = components.standardised(q, itemCount());
            BlendWeights w = weights[ActivityLevel.of(q.items().length).ordinal()];
            mix(z, w, out);
            scale(z[0], w.personal());
            scale(z[1], w.segment());
            if (z[2] != null) {
                scale(z[2], w.content());
            }
            return new Parts(z[0], z[1], z[2], q.segment(), w);
        }

        private static void scale(float[] v, double f) {
            for (int i = 0; i < v.length; i++) {
                v[i] *= (float) f;
            }
        }

        @Override
        public void score(UserQuery user, float[] out) {
            UserQuery q = user;
            if (q.segment() < 0) {
                int s = data.segmentOf(q);
                q = new UserQuery(q.user(), q.items(), q.weights(), s, q.vector(), q.inTraining());
            }
            float[][] z = components.standardised(q, itemCount());
            mix(z, weights[ActivityLevel.of(q.items().length).ordinal()], out);
        }
    }
}
