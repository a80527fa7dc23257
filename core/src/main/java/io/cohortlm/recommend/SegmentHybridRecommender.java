package io.cohortlm.recommend;

import io.cohortlm.represent.UserItemMatrix;
import io.cohortlm.stats.Distributions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * CohortLM's recommended method: for each {@link ActivityLevel}, the best of several personalised models (EASE,
 * item-kNN, iALS, RP3beta, PureSVD — whichever are given) blended with the segment prior
 * ({@link SegmentPopularityRecommender}), content ({@link ContentRecommender}) and the demographic prior
 * ({@link DemographicPopularityRecommender}). Component scores are standardised per user (mean 0, standard
 * deviation 1 over the catalogue) and mixed with weights chosen separately per level.
 * <p><b>Never worse than its best component, by construction of the choice.</b> Tuning never sees test data:
 * {@code validationShare} of the training users with ≥ 2 items become validation users and leave the inner
 * training data; each is viewed at every activity level their history allows — nothing, a 1–5 item prefix, a
 * 6–20 item prefix, all but the last 20% (prefixes in time order, else a seeded shuffle) — and scored on the
 * hidden rest, folded in like a few-shot user and placed in a segment from the revealed prefix only (when the
 * assigner can place a query). Per level: (1) the personalised model with the best validation NDCG@10 alone is
 * the reference; (2) every weight tuple on a {@code weightStep} simplex grid is scored with that model; (3) the
 * best tuple replaces the reference only if its gain over the reference is significant (paired t-test over the
 * level's views, two-sided p &lt; {@code significance}, positive mean gain). A level with fewer than
 * {@code minValidationUsers} views borrows the nearest level's choice. The chosen components are then refitted
 * on all training data (only those some level uses).
 *
 * @param personals          candidate personalised models, non-empty (the first is the default)
 * @param segment            the segment-prior component
 * @param demographic        the demographic-prior component, or null for none
 * @param validationShare    share of eligible training users used for validation, in (0, 0.5]
 * @param maxValidationUsers cap on validation users (tuning cost), in [10, 1000000]
 * @param weightStep         grid step of the weight simplex, in [0.05, 0.5]
 * @param minValidationUsers fewest validation views for a level to get its own choice, ≥ 1
 * @param significance       p-value a blend must beat to replace the best single model, in (0, 1]
 * @param scheme             how validation views mirror the protocol judged on
 * @param interests          the stated-interest model that scores users who state interests (a query with
 *                           {@link UserQuery#text()}), or null: such users are scored like anyone else
 */
public record SegmentHybridRecommender(List<Recommender> personals, SegmentPopularityRecommender segment,
        Recommender demographic, double validationShare, int maxValidationUsers, double weightStep,
        int minValidationUsers, double significance, Scheme scheme, Recommender interests) implements Recommender {
    private static final int K = 10;

    /** How validation views mirror the protocol the model will be judged on. */
    public enum Scheme {
        /**
         * Per user: nothing revealed, a 1–5 item prefix, and all but the last 20% (time order; a seeded shuffle
         * without times) — new, few-shot and warm users.
         */
        PER_USER,
        /**
         * Per user: a seeded 20% (at least one item) of the user's own items hidden, the rest revealed, as the
         * {@code random} protocol holds out test items; users are sampled per activity level of what they
         * reveal, so sparse users are validated on genuinely sparse users rather than truncated dense ones.
         */
        RANDOM_HOLDOUT,
        /**
         * One global cut at the 80% quantile of the training entries' times: entries before it are revealed, the
         * validation users' entries after it are hidden (a temporal split inside training; newcomers after the
         * cut are level 0). Falls back to {@link #PER_USER} without times.
         */
        TIME_CUT
    }

    public SegmentHybridRecommender {
        personals = List.copyOf(Objects.requireNonNull(personals, "personals"));
        if (personals.isEmpty()) {
            throw new IllegalArgumentException("personals must not be empty");
        }
        Objects.requireNonNull(segment, "segment");
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
        if (!(significance > 0 && significance <= 1)) {
            throw new IllegalArgumentException("significance must be in (0, 1], was " + significance);
        }
        Objects.requireNonNull(scheme, "scheme");
    }

    /** EASE (defaults) + segment popularity + demographic popularity (defaults), 25% validation (≤ 1,000 users). */
    public static SegmentHybridRecommender defaults() {
        return of(EaseRecommender.defaults());
    }

    /** The defaults with one personalised component. */
    public static SegmentHybridRecommender of(Recommender personal) {
        return of(List.of(personal), DemographicPopularityRecommender.defaults());
    }

    /** The defaults with candidate personalised components and a demographic prior (or null). */
    public static SegmentHybridRecommender of(List<Recommender> personals, Recommender demographic) {
        return new SegmentHybridRecommender(personals, SegmentPopularityRecommender.defaults(), demographic, 0.25,
                1000, 0.1, 20, 0.01, Scheme.PER_USER, null);
    }

    /** A copy with another validation-user cap. */
    public SegmentHybridRecommender withMaxValidationUsers(int max) {
        return new SegmentHybridRecommender(personals, segment, demographic, validationShare, max, weightStep,
                minValidationUsers, significance, scheme, interests);
    }

    /** A copy with another validation scheme. */
    public SegmentHybridRecommender withScheme(Scheme s) {
        return new SegmentHybridRecommender(personals, segment, demographic, validationShare, maxValidationUsers,
                weightStep, minValidationUsers, significance, s, interests);
    }

    /** A copy whose users with stated interests are scored by {@code model} (null: like anyone else). */
    public SegmentHybridRecommender withInterests(Recommender model) {
        return new SegmentHybridRecommender(personals, segment, demographic, validationShare, maxValidationUsers,
                weightStep, minValidationUsers, significance, scheme, model);
    }

    @Override
    public String name() {
        return "segment-hybrid";
    }

    @Override
    public String describe() {
        StringBuilder b = new StringBuilder("personal∈{");
        for (int j = 0; j < personals.size(); j++) {
            b.append(j == 0 ? "" : ", ").append(personals.get(j).name()).append('(')
                    .append(personals.get(j).describe()).append(')');
        }
        return b.append("}, segment=(").append(segment.describe()).append("), demographic=")
                .append(demographic == null ? "none" : "(" + demographic.describe() + ")").append(", weightStep=")
                .append(weightStep).append(", validation=").append(scheme)
                .append(interests == null ? "" : ", interests=(" + interests.describe() + ")").toString();
    }

    /** One level's choice: which personalised model and which blend. */
    record Choice(int personal, BlendWeights weights) {
    }

    @Override
    public Model fit(TrainingData data) {
        boolean content = data.itemVectors() != null;
        boolean demo = demographic != null;
        List<BlendWeights> grid = grid(content, demo);
        Validation v = carve(data);
        TrainingData inner = data.withMatrix(v.inner, null);
        int np = personals.size();
        RecommenderModel[] innerPersonal = new RecommenderModel[np];
        for (int j = 0; j < np; j++) {
            innerPersonal[j] = personals.get(j).fit(inner);
        }
        Priors innerPriors = Priors.fit(this, inner);
        int levels = ActivityLevel.values().length;
        int nv = v.queries.length;
        int m = data.itemCount();
        int[] level = new int[nv];
        for (int t = 0; t < nv; t++) {
            level[t] = ActivityLevel.of(v.queries[t].items().length).ordinal();
        }
        // Pass 1: every personalised model alone.
        double[][] pure = new double[nv][np];
        Workers.forEach(data.threads(), nv, 4, t -> {
            float[] s = new float[m];
            for (int j = 0; j < np; j++) {
                innerPersonal[j].score(v.queries[t], s);
                pure[t][j] = TopK.ndcg(TopK.select(s, K, v.queries[t].items()), v.hidden[t], K);
            }
        });
        int[] count = new int[levels];
        for (int t = 0; t < nv; t++) {
            count[level[t]]++;
        }
        int[] source = new int[levels];
        int[] bestPersonal = new int[levels];
        for (int l = 0; l < levels; l++) {
            source[l] = sourceLevel(l, count);
            if (source[l] >= 0) {
                double[] mean = new double[np];
                for (int t = 0; t < nv; t++) {
                    if (level[t] == source[l]) {
                        for (int j = 0; j < np; j++) {
                            mean[j] += pure[t][j];
                        }
                    }
                }
                int arg = 0;
                for (int j = 1; j < np; j++) {
                    if (mean[j] > mean[arg] + 1e-12) {
                        arg = j;
                    }
                }
                bestPersonal[l] = arg;
            }
        }
        // Pass 2: the blend grid with each level's best personalised model.
        double[][] blended = new double[nv][];
        Workers.forEach(data.threads(), nv, 4, t -> {
            UserQuery q = v.queries[t];
            int l = source[level[t]] >= 0 ? source[level[t]] : level[t];
            float[][] z = standardised(innerPersonal[bestPersonal[l]], innerPriors, inner, q, m, null);
            float[] blend = new float[m];
            double[] row = new double[grid.size()];
            for (int g = 0; g < grid.size(); g++) {
                mix(z, grid.get(g), blend);
                row[g] = TopK.ndcg(TopK.select(blend, K, q.items()), v.hidden[t], K);
            }
            blended[t] = row;
        });
        Choice[] choice = new Choice[levels];
        Map<String, Object> diag = new LinkedHashMap<>();
        for (ActivityLevel a : ActivityLevel.values()) {
            int l = a.ordinal();
            Map<String, Object> d = new LinkedHashMap<>();
            int from = source[l];
            if (from < 0) {
                choice[l] = new Choice(0, BlendWeights.personalOnly());
                d.put("personal", personals.get(0).name());
                d.put("weights", choice[l].weights().toString());
                d.put("validationUsers", count[l]);
                d.put("tunedOnLevel", "default (no validation views)");
                diag.put("activity:" + a.label(), d);
                continue;
            }
            int j = bestPersonal[from];
            int views = count[from];
            // Choose the blend on one half of the validation users, confirm it on the other: the best of a few
            // hundred grid points is optimistic on the data that picked it.
            double[] sum = new double[grid.size()];
            double pureSum = 0;
            for (int t = 0; t < nv; t++) {
                if (level[t] == from) {
                    pureSum += pure[t][j];
                    if (v.half[t] == 0) {
                        for (int g = 0; g < grid.size(); g++) {
                            sum[g] += blended[t][g];
                        }
                    }
                }
            }
            int arg = 0;
            for (int g = 1; g < grid.size(); g++) {
                if (sum[g] > sum[arg] + 1e-12) {
                    arg = g;
                }
            }
            int confirm = 0;
            for (int t = 0; t < nv; t++) {
                if (level[t] == from && v.half[t] == 1) {
                    confirm++;
                }
            }
            double[] diff = new double[confirm];
            double blendAll = 0;
            int o = 0;
            for (int t = 0; t < nv; t++) {
                if (level[t] == from) {
                    blendAll += blended[t][arg];
                    if (v.half[t] == 1) {
                        diff[o++] = blended[t][arg] - pure[t][j];
                    }
                }
            }
            double p = pairedP(diff);
            double gain = Arrays.stream(diff).sum();
            boolean adopt = gain > 0 && p < significance;
            sum[arg] = blendAll;
            choice[l] = new Choice(j, adopt ? grid.get(arg) : BlendWeights.personalOnly());
            d.put("personal", personals.get(j).name() + "(" + personals.get(j).describe() + ")");
            d.put("weights", choice[l].weights().toString());
            d.put("validationUsers", count[l]);
            d.put("tunedOnLevel", ActivityLevel.values()[from].label());
            d.put("validationNdcg@10", (adopt ? sum[arg] : pureSum) / views);
            d.put("bestSingleNdcg@10", pureSum / views);
            d.put("bestBlend", grid.get(arg).toString());
            d.put("bestBlendNdcg@10", sum[arg] / views);
            d.put("blendGainPairedP", p);
            d.put("confirmationViews", confirm);
            d.put("blendAdopted", adopt);
            Map<String, Object> singles = new LinkedHashMap<>();
            for (int jj = 0; jj < np; jj++) {
                double s = 0;
                for (int t = 0; t < nv; t++) {
                    if (level[t] == from) {
                        s += pure[t][jj];
                    }
                }
                singles.put(personals.get(jj).name(), s / views);
            }
            d.put("singlesNdcg@10", singles);
            diag.put("activity:" + a.label(), d);
        }
        RecommenderModel[] full = new RecommenderModel[np];
        for (Choice c : choice) {
            if (full[c.personal()] == null) {
                full[c.personal()] = personals.get(c.personal()).fit(data);
            }
        }
        RecommenderModel stated = null;
        if (interests != null) {
            stated = interests.fit(data);
            diag.put("interests", stated.diagnostics());
        }
        return new Model(full, Priors.fit(this, data), choice, data, diag, stated);
    }

    private int sourceLevel(int l, int[] count) {
        int levels = count.length;
        for (int dist = 0; dist < levels; dist++) {
            // The richer neighbour first: a level with no validation views is served like users with more
            // history (personalised models) rather than like users with none (where every model is popularity).
            for (int cand : new int[] {l + dist, l - dist}) {
                if (cand >= 0 && cand < levels && count[cand] >= minValidationUsers) {
                    return cand;
                }
            }
        }
        return -1;
    }

    /** Two-sided paired t-test p-value of mean(diff) = 0; 1 when undefined. */
    static double pairedP(double[] diff) {
        int n = diff.length;
        if (n < 2) {
            return 1;
        }
        double mean = Arrays.stream(diff).sum() / n;
        double ss = 0;
        for (double x : diff) {
            ss += (x - mean) * (x - mean);
        }
        double sd = Math.sqrt(ss / (n - 1));
        if (!(sd > 0)) {
            return mean == 0 ? 1 : 0;
        }
        return Distributions.studentTwoSided(mean / (sd / Math.sqrt(n)), n - 1);
    }

    private List<BlendWeights> grid(boolean content, boolean demo) {
        int steps = (int) Math.round(1 / weightStep);
        List<BlendWeights> g = new ArrayList<>();
        for (int p = steps; p >= 0; p--) {
            for (int s = steps - p; s >= 0; s--) {
                for (int c = steps - p - s; c >= 0; c--) {
                    int d = steps - p - s - c;
                    if ((!content && c > 0) || (!demo && d > 0)) {
                        continue;
                    }
                    g.add(new BlendWeights((double) p / steps, (double) s / steps, (double) c / steps,
                            (double) d / steps));
                }
            }
        }
        return g;
    }

    /** Validation users, their revealed-prefix queries and hidden items, and the inner training matrix. */
    private record Validation(int[] users, UserQuery[] queries, int[][] hidden, int[] half, UserItemMatrix inner) {
    }

    private Validation carve(TrainingData data) {
        UserItemMatrix x = data.matrix();
        int n = x.rows();
        long[] ft = data.firstTime();
        long cut = scheme == Scheme.TIME_CUT && ft != null ? timeCut(ft) : Long.MIN_VALUE;
        boolean timeCut = cut != Long.MIN_VALUE;
        boolean holdout = scheme == Scheme.RANDOM_HOLDOUT;
        int levels = ActivityLevel.values().length;
        List<List<Integer>> eligible = new ArrayList<>();
        for (int l = 0; l < (holdout ? levels : 1); l++) {
            eligible.add(new ArrayList<>());
        }
        for (int u = 0; u < n; u++) {
            if (timeCut ? hasAfter(x, ft, u, cut) : x.rowLength(u) >= 2) {
                int len = x.rowLength(u);
                eligible.get(holdout ? ActivityLevel.of(len - holdCount(len)).ordinal() : 0).add(u);
            }
        }
        long seed = data.seed() * 0x9E3779B97F4A7C15L + 17;
        SplittableRandom rnd = new SplittableRandom(seed);
        List<Integer> picked = new ArrayList<>();
        for (int l = 0; l < eligible.size(); l++) {
            List<Integer> e = eligible.get(l);
            int nv = Math.min(maxValidationUsers, Math.max(1, (int) Math.round(e.size() * validationShare)));
            if (holdout) {
                // Every user of a sparse level if need be: those levels are small and matter most.
                nv = Math.min(e.size(), Math.max(nv, Math.min(maxValidationUsers, 2 * minValidationUsers)));
            }
            for (int i : io.cohortlm.stats.SeededSample.indices(e.size(), Math.min(nv, e.size()), seed + l)) {
                picked.add(e.get(i));
            }
        }
        int[] users = picked.stream().mapToInt(Integer::intValue).sorted().toArray();
        boolean[] hiddenEntry = new boolean[x.nonZeros()];
        List<UserQuery> queries = new ArrayList<>();
        List<int[]> hidden = new ArrayList<>();
        List<Integer> owner = new ArrayList<>();
        // With an assigner a validation user is placed from the prefix they reveal, as a new user would be.
        boolean place = data.assigner() != null;
        if (timeCut) {
            for (int p = 0; p < x.nonZeros(); p++) {
                hiddenEntry[p] = ft[p] >= cut;
            }
        }
        for (int t = 0; t < users.length; t++) {
            int u = users[t];
            int a = x.rowStart(u);
            int len = x.rowLength(u);
            Integer[] pos = new Integer[len];
            for (int i = 0; i < len; i++) {
                pos[i] = a + i;
            }
            int[] reveals;
            if (timeCut) {
                Arrays.sort(pos, (p, q) -> ft[p] != ft[q] ? Long.compare(ft[p], ft[q]) : Integer.compare(p, q));
                int before = 0;
                while (before < len && ft[pos[before]] < cut) {
                    before++;
                }
                reveals = new int[] {before};
            } else {
                Arrays.fill(hiddenEntry, a, a + len, true);
                if (ft != null && !holdout) {
                    Arrays.sort(pos, (p, q) -> ft[p] != ft[q] ? Long.compare(ft[p], ft[q]) : Integer.compare(p, q));
                } else {
                    for (int i = len - 1; i > 0; i--) {
                        int j = rnd.nextInt(i + 1);
                        Integer tmp = pos[i];
                        pos[i] = pos[j];
                        pos[j] = tmp;
                    }
                }
                // Views as the protocols see users: new (nothing), few-shot (a 1–5 item prefix) and warm (all but
                // the last 20%, at whatever level that leaves them).
                int warm = Math.max(1, len - holdCount(len));
                int shots = 1 + rnd.nextInt(5);
                reveals = holdout ? new int[] {warm} : shots < warm ? new int[] {0, shots, warm} : new int[] {0, warm};
            }
            for (int reveal : reveals) {
                if (reveal >= len) {
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
                owner.add(t);
                queries.add(new UserQuery(u, items, w, place ? -1 : data.userSegment()[u],
                        data.userVectors() == null ? null : data.userVectors()[u], false));
            }
        }
        int[] half = owner.stream().mapToInt(i -> i % 2).toArray();
        return new Validation(users, queries.toArray(new UserQuery[0]), hidden.toArray(new int[0][]), half,
                x.select(p -> !hiddenEntry[p]));
    }

    /** Items hidden from a validation user with {@code len} items: 20%, at least one. */
    private static int holdCount(int len) {
        return Math.max(1, (int) Math.round(0.2 * len));
    }

    /** The time at the 80% quantile of the training entries (ties: just after the first time), or MIN_VALUE. */
    private static long timeCut(long[] ft) {
        long[] t = ft.clone();
        Arrays.sort(t);
        if (t.length < 2 || t[0] == t[t.length - 1]) {
            return Long.MIN_VALUE;
        }
        int at = Math.max(1, Math.min(t.length - 1, (int) Math.floor(t.length * 0.8)));
        long cut = t[at];
        while (cut == t[0] && at < t.length - 1) {
            cut = t[++at];
        }
        return cut == t[0] ? Long.MIN_VALUE : cut;
    }

    private static boolean hasAfter(UserItemMatrix x, long[] ft, int u, long cut) {
        for (int p = x.rowStart(u); p < x.rowEnd(u); p++) {
            if (ft[p] >= cut) {
                return true;
            }
        }
        return false;
    }

    /** out = Σ weight × standardised component; a null component contributes nothing. */
    static void mix(float[][] z, BlendWeights w, float[] out) {
        float[] ws = {(float) w.personal(), (float) w.segment(), (float) w.content(), (float) w.demographic()};
        Arrays.fill(out, 0f);
        for (int c = 0; c < 4; c++) {
            float[] zc = z[c];
            float a = ws[c];
            if (zc == null || a == 0) {
                continue;
            }
            for (int i = 0; i < out.length; i++) {
                out[i] += a * zc[i];
            }
        }
    }

    /** The fitted non-personal components: segment prior, content (or null), demographic prior (or null). */
    private record Priors(RecommenderModel segment, RecommenderModel content, RecommenderModel demographic) {
        static Priors fit(SegmentHybridRecommender cfg, TrainingData data) {
            RecommenderModel s = cfg.segment.fit(data);
            RecommenderModel c = data.itemVectors() == null ? null : new ContentRecommender().fit(data);
            RecommenderModel d = cfg.demographic == null ? null : cfg.demographic.fit(data);
            return new Priors(s, c, d);
        }
    }

    /**
     * Standardised component scores [personal, segment, content, demographic] for a query whose segment is
     * resolved by {@code data}; with {@code w} given, components of weight 0 are skipped (left null).
     */
    static float[][] standardised(RecommenderModel personal, Priors priors, TrainingData data, UserQuery user, int m,
            BlendWeights w) {
        UserQuery q = user;
        if (q.segment() < 0) {
            q = q.withSegment(data.segmentOf(q));
        }
        RecommenderModel[] parts = {personal, priors.segment(), priors.content(), priors.demographic()};
        double[] ws = w == null ? null : new double[] {w.personal(), w.segment(), w.content(), w.demographic()};
        float[][] z = new float[4][];
        for (int c = 0; c < 4; c++) {
            if (parts[c] == null || (ws != null && ws[c] == 0)) {
                continue;
            }
            z[c] = new float[m];
            parts[c].score(q, z[c]);
            standardise(z[c]);
        }
        return z;
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

    /** Fitted segment-hybrid: components and the choice per activity level. */
    public static final class Model implements RecommenderModel {
        private final RecommenderModel[] personals;
        private final Priors priors;
        private final Choice[] choice;
        private final TrainingData data;
        private final Map<String, Object> diagnostics;
        private final RecommenderModel interests;

        Model(RecommenderModel[] personals, Priors priors, Choice[] choice, TrainingData data,
                Map<String, Object> diagnostics, RecommenderModel interests) {
            this.personals = personals;
            this.priors = priors;
            this.choice = choice;
            this.data = data;
            this.diagnostics = diagnostics;
            this.interests = interests;
        }

        /** The model that scores users with stated interests, or null. */
        public RecommenderModel interests() {
            return interests;
        }

        /** The blend used for users at {@code level}. */
        public BlendWeights weights(ActivityLevel level) {
            return choice[level.ordinal()].weights();
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
         * What each component contributed to a score: for item {@code i}, the sum of the non-null parts at
         * {@code i} is its blended score. A part is null when its weight is 0 or it does not exist.
         * {@code segmentUsed} is the segment the user was scored with (-1 for none).
         */
        public record Parts(float[] personal, float[] segment, float[] content, float[] demographic, int segmentUsed,
                BlendWeights weights) {
        }

        /** Scores like {@link #score} into {@code out} and returns each component's weighted contribution. */
        public Parts scoreParts(UserQuery user, float[] out) {
            UserQuery q = resolved(user);
            Choice c = choice[ActivityLevel.of(q.items().length).ordinal()];
            BlendWeights w = c.weights();
            float[][] z = standardised(personals[c.personal()], priors, data, q, itemCount(), w);
            mix(z, w, out);
            double[] ws = {w.personal(), w.segment(), w.content(), w.demographic()};
            for (int k = 0; k < 4; k++) {
                if (z[k] != null) {
                    for (int i = 0; i < z[k].length; i++) {
                        z[k][i] *= (float) ws[k];
                    }
                }
            }
            return new Parts(z[0], z[1], z[2], z[3], q.segment(), w);
        }

        private UserQuery resolved(UserQuery q) {
            return q.segment() >= 0 ? q
                    : q.withSegment(data.segmentOf(q));
        }

        @Override
        public void score(UserQuery user, float[] out) {
            if (user.text() != null && interests != null) {
                interests.score(user, out);
                return;
            }
            UserQuery q = resolved(user);
            Choice c = choice[ActivityLevel.of(q.items().length).ordinal()];
            float[][] z = standardised(personals[c.personal()], priors, data, q, itemCount(), c.weights());
            mix(z, c.weights(), out);
        }
    }
}
