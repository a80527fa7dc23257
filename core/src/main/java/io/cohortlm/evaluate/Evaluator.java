package io.cohortlm.evaluate;

import io.cohortlm.data.Dataset;
import io.cohortlm.recommend.ContentRecommender;
import io.cohortlm.recommend.AttributeRidgeRecommender;
import io.cohortlm.recommend.DemographicPopularityRecommender;
import io.cohortlm.recommend.EaseRecommender;
import io.cohortlm.recommend.IalsRecommender;
import io.cohortlm.recommend.InterestRecommender;
import io.cohortlm.recommend.ItemKnnRecommender;
import io.cohortlm.recommend.NewItemBridge;
import io.cohortlm.recommend.PopularityRecommender;
import io.cohortlm.recommend.PureSvdRecommender;
import io.cohortlm.recommend.Rp3betaRecommender;
import io.cohortlm.recommend.Recommender;
import io.cohortlm.recommend.RecommenderModel;
import io.cohortlm.recommend.SegmentAssigner;
import io.cohortlm.recommend.SegmentHybridRecommender;
import io.cohortlm.recommend.SegmentPopularityRecommender;
import io.cohortlm.recommend.TopK;
import io.cohortlm.recommend.TrainingData;
import io.cohortlm.recommend.UserQuery;
import io.cohortlm.recommend.Workers;
import io.cohortlm.represent.UserItemMatrix;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the evaluation protocols of docs/evaluation.md over every configured recommender: builds each split,
 * tunes hyper-parameters on a validation split carved from that split's training data (never from test), fits
 * the chosen configuration on all training data, ranks the full catalogue for every evaluated user (seen items
 * excluded) and aggregates metrics per cohort, then tests segment-hybrid against the best baseline.
 * <p>The entry point for the CLI: {@link #run(Dataset, EvaluationInputs, EvaluationConfig)}.
 */
public final class Evaluator {
    private static final Logger LOG = LoggerFactory.getLogger(Evaluator.class);
    private static final int TOP = 20;
    /** Most items a simulated statement of interests (the {@code text} protocol) is about. */
    static final int MAX_STATED = 3;

    private Evaluator() {
    }

    /** Per-case outcome of one method. */
    record CaseResult(double[] metrics, int[] top10, int segment) {
    }

    /** Everything one split produced. */
    record RunOutcome(Split split, Map<String, CaseResult[]> byMethod, int[] itemUsers, int trainUsers) {
    }

    /**
     * Evaluates every configured method under every configured protocol.
     *
     * @throws IllegalArgumentException if the inputs do not match the dataset's shape
     */
    public static EvaluationReport run(Dataset data, EvaluationInputs inputs, EvaluationConfig config) {
        return run(data, inputs, config, null);
    }

    /**
     * As {@link #run(Dataset, EvaluationInputs, EvaluationConfig)}, reusing hyper-parameter choices: {@code cache}
     * maps "split/method" to the configuration tuned for it; missing entries are tuned and added. Two runs on the
     * same data and config (e.g. with and without the language-model views, which no baseline uses) then share
     * the baselines' tuning. Null = tune everything.
     */
    public static EvaluationReport run(Dataset data, EvaluationInputs inputs, EvaluationConfig config,
            Map<String, Recommender> cache) {
        long t0 = System.nanoTime();
        int n = data.users().size();
        int m = data.items().size();
        check(inputs, n, m);
        UserItemMatrix full = UserItemMatrix.of(data, config.weights());
        long[] times = full.firstTimes(data);
        List<String> notes = new ArrayList<>();
        Map<String, Double> timings = new LinkedHashMap<>();
        List<EvaluationReport.Tuning> tuning = new ArrayList<>();
        List<Split> splits = new ArrayList<>();
        long baseSeed = config.seeds().get(0);
        if (config.protocols().contains("random")) {
            for (long s : config.seeds()) {
                splits.add(Splits.random(full, config.testShare(), s));
            }
        }
        if (config.protocols().contains("temporal")) {
            Split t = Splits.temporal(full, times, config.temporalShare());
            if (t == null) {
                notes.add("temporal skipped: the events carry no usable timestamps");
            } else {
                splits.add(t);
            }
        }
        if (config.protocols().contains("cold") || config.protocols().contains("fewshot")
                || config.protocols().contains("text")) {
            Split cf = Splits.coldFewshotText(full, times, config.heldOutShare(), config.maxShots(),
                    config.protocols().contains("text") ? MAX_STATED : 0, baseSeed);
            List<EvalCase> keep = cf.cases().stream().filter(c -> config.protocols().contains(c.protocol())).toList();
            splits.add(new Split(cf.name(), cf.train(), keep));
        }
        if (config.protocols().contains(Splits.COLD_ITEMS)) {
            splits.addAll(Splits.coldItems(full, config.heldOutShare(), config.testShare(), baseSeed));
            notes.add("cold-items: " + Math.round(config.heldOutShare() * 100) + "% of the items (seeded) are new —"
                    + " every event on them removed from training; each user's held-out items (random "
                    + Math.round(config.testShare() * 100) + "%) include them; cold-items:new / cold-items:old"
                    + " score the new / old held-out items alone, cold-items:warm-new the same new items in a run"
                    + " where their other events are kept (what they get when warm)"
                    + (inputs.itemVectors() == null ? "; no item vectors, so nothing can rank new items" : ""));
        }
        if (inputs.userSegments() != null && inputs.refit() == null
                && (config.protocols().contains("random") || config.protocols().contains("temporal"))) {
            notes.add("segments were computed once on all data: for random/temporal a user's segment has seen their"
                    + " test items (mild optimism for segment-popularity and segment-hybrid); held-out users of"
                    + " cold/fewshot never use their given segment");
        }
        if ((config.protocols().contains("cold") || config.protocols().contains("fewshot"))
                && (inputs.profileVectors() == null || inputs.assigner() == null)) {
            notes.add("no profile vectors or assigner: held-out (cold/fewshot) users have no segment, so segment"
                    + " methods serve them global popularity");
        }
        if (inputs.itemVectors() == null) {
            notes.add("no item vectors: content serves popularity and segment-hybrid blends personal + segment only");
        }
        if (config.protocols().contains("text")) {
            notes.add(inputs.interests() == null || inputs.itemVectors() == null
                    ? "text: no language model to write and encode stated interests, so text users are scored as"
                    + " cold users"
                    : "text: a held-out user states interests about their first n items (n = 1.." + MAX_STATED
                    + "; a text the profile builder writes from those items' titles and categories, encoded by the"
                    + " language model); no method sees those ids; relevant = the rest of their items");
        }
        if (m > config.maxEaseItems()) {
            notes.add("ease models only the " + config.maxEaseItems() + " most popular of " + m
                    + " items (maxEaseItems); the rest rank last");
        }
        notes.add("recall@k = hits/|relevant|; ndcg@k ideal over min(|relevant|, k); novelty = mean −log2 of the"
                + " share of training users with the item (+1 smoothed); random = mean over seeds "
                + config.seeds());
        List<RunOutcome> runs = new ArrayList<>();
        List<EvaluationReport.Audience> audience = new ArrayList<>();
        for (Split s : splits) {
            long ts = System.nanoTime();
            runs.add(runSplit(data, full, times, s, inputs, config, baseSeed, tuning, timings, cache, audience,
                    notes));
            timings.put(s.name() + ".seconds", (System.nanoTime() - ts) / 1e9);
            LOG.info("evaluate: {} done in {} s", s.name(), String.format("%.1f", (System.nanoTime() - ts) / 1e9));
        }
        List<EvaluationReport.Result> results = Aggregation.aggregate(runs, config, m);
        List<EvaluationReport.Significance> sig = Aggregation.significance(runs, config, results);
        timings.put("total.seconds", (System.nanoTime() - t0) / 1e9);
        Map<String, Object> cfg = new LinkedHashMap<>();
        cfg.put("protocols", config.protocols());
        cfg.put("seeds", config.seeds());
        cfg.put("testShare", config.testShare());
        cfg.put("temporalShare", config.temporalShare());
        cfg.put("heldOutShare", config.heldOutShare());
        cfg.put("maxShots", config.maxShots());
        cfg.put("methods", config.methods());
        cfg.put("tune", config.tune());
        cfg.put("maxEaseItems", config.maxEaseItems());
        cfg.put("maxValidationUsers", config.maxValidationUsers());
        cfg.put("threads", config.threads());
        return new EvaluationReport(data.name(), n, m, full.nonZeros(), cfg, results, sig, tuning, timings, notes,
                audience);
    }

    private static void check(EvaluationInputs in, int n, int m) {
        if (in.userSegments() != null && in.userSegments().length != n) {
            throw new IllegalArgumentException("userSegments must have one entry per user (" + n + "), was "
                    + in.userSegments().length);
        }
        if (in.userVectors() != null && in.userVectors().length != n) {
            throw new IllegalArgumentException("userVectors must have one row per user (" + n + "), was "
                    + in.userVectors().length);
        }
        if (in.profileVectors() != null && in.profileVectors().length != n) {
            throw new IllegalArgumentException("profileVectors must have one row per user (" + n + "), was "
                    + in.profileVectors().length);
        }
        if (in.itemVectors() != null && in.itemVectors().length != m) {
            throw new IllegalArgumentException("itemVectors must have one row per item (" + m + "), was "
                    + in.itemVectors().length);
        }
    }

    private static RunOutcome runSplit(Dataset data, UserItemMatrix full, long[] times, Split split,
            EvaluationInputs inputs, EvaluationConfig config, long seed, List<EvaluationReport.Tuning> tuning,
            Map<String, Double> timings, Map<String, Recommender> cache, List<EvaluationReport.Audience> audience,
            List<String> notes) {
        int n = full.rows();
        UserItemMatrix train = full.select(p -> split.train()[p]);
        long[] trainTimes = new long[train.nonZeros()];
        int o = 0;
        for (int p = 0; p < times.length; p++) {
            if (split.train()[p]) {
                trainTimes[o++] = times[p];
            }
        }
        int[] segs;
        int segCount;
        float[][] vecs;
        SegmentAssigner assigner;
        if (inputs.refit() != null) {
            EvaluationInputs.Segmentation s = inputs.refit().refit(data, train);
            segs = s.userSegments().clone();
            segCount = s.segmentCount();
            vecs = s.userVectors() == null ? new float[n][] : s.userVectors().clone();
            assigner = s.assigner();
        } else {
            segs = inputs.userSegments() == null ? null : inputs.userSegments().clone();
            segCount = inputs.segmentCount();
            vecs = inputs.userVectors() == null ? new float[n][] : inputs.userVectors().clone();
            assigner = inputs.assigner();
        }
        if (segs == null) {
            segs = new int[n];
            Arrays.fill(segs, -1);
            segCount = 0;
        }
        for (EvalCase c : split.cases()) {
            if (c.heldOut()) {
                segs[c.user()] = -1;
                vecs[c.user()] = inputs.profileVectors() == null ? null : inputs.profileVectors()[c.user()];
            }
        }
        // Under random the "next" items are a random subset, so time order must not shape tuning views.
        boolean timeless = split.timeless();
        TrainingData td = new TrainingData(train, timeless ? null : trainTimes, data.users(), segs, segCount, vecs,
                inputs.itemVectors(), assigner, config.threads(), seed);
        Validation val = !config.tune() ? null : split.temporal() && trainTimes.length > 0
                ? temporalValidation(td, trainTimes, config.maxValidationUsers(), seed)
                : validation(td, config.maxValidationUsers(), seed);
        float[][] stated = statedTexts(split, inputs);
        Map<String, CaseResult[]> byMethod = new LinkedHashMap<>();
        // The hybrid chooses among the tuned baselines, so they are fitted first (each once, shared).
        Map<String, Recommender> tuned = new LinkedHashMap<>();
        List<String> order = new ArrayList<>(config.methods());
        if (order.remove("segment-hybrid")) {
            for (String b : HYBRID_COMPONENTS) {
                if (!order.contains(b)) {
                    order.add(b);
                }
            }
            order.add("segment-hybrid");
        }
        for (String method : order) {
            long ts = System.nanoTime();
            String key = split.name() + "/" + method;
            Recommender chosen;
            double chosenNdcg = Double.NaN;
            int tried;
            if (method.equals("segment-hybrid")) {
                List<Recommender> personals = new ArrayList<>();
                for (String b : HYBRID_PERSONALS) {
                    personals.add(tuned.get(b));
                }
                chosen = SegmentHybridRecommender.of(personals, tuned.get("demographic-popularity"))
                        .withMaxValidationUsers(Math.min(1000, config.maxValidationUsers()))
                        .withScheme(split.temporal() ? SegmentHybridRecommender.Scheme.TIME_CUT
                                : split.timeless() ? SegmentHybridRecommender.Scheme.RANDOM_HOLDOUT
                                : SegmentHybridRecommender.Scheme.PER_USER);
                if (stated != null) {
                    List<Recommender> expansions = new ArrayList<>();
                    for (String b : INTEREST_EXPANSIONS) {
                        expansions.add(tuned.get(b));
                    }
                    chosen = ((SegmentHybridRecommender) chosen).withInterests(new InterestRecommender(expansions,
                            tuned.get("demographic-popularity"), inputs.interests(), MAX_STATED,
                            Math.min(500, config.maxValidationUsers()), 0.1, 0.01));
                }
                if (split.coldItems() && inputs.itemVectors() != null) {
                    NewItemBridge.Tuned t = NewItemBridge.tune(tuned.get("ease"), td, config.heldOutShare(),
                            Math.min(1000, config.maxValidationUsers()), MAX_OLD_ITEM_LOSS);
                    if (t != null) {
                        chosen = NewItemBridge.of(chosen, t);
                        notes.add("cold-items: segment-hybrid scores new items from " + t.neighbours()
                                + " text neighbours at gain " + t.gain() + ": " + t.reason() + "; tried "
                                + String.join("; ", t.grid()));
                    }
                }
                tried = 1;
            } else if (cache != null && cache.containsKey(key)) {
                chosen = cache.get(key);
                tried = 0;
            } else {
                List<Recommender> cands = candidates(method, config);
                chosen = cands.get(0);
                tried = cands.size();
                if (val != null && cands.size() > 1) {
                    Map<String, Double> seen = new LinkedHashMap<>();
                    for (int stage = 0; stage < 2 && !cands.isEmpty(); stage++) {
                        for (Recommender r : cands) {
                            if (seen.containsKey(r.describe())) {
                                continue;
                            }
                            double v = val.ndcg(r.fit(val.inner), config.threads());
                            seen.put(r.describe(), v);
                            LOG.debug("evaluate: {} {} [{}] validation ndcg@10 {}", split.name(), method, r.describe(),
                                    v);
                            if (Double.isNaN(chosenNdcg) || v > chosenNdcg) {
                                chosenNdcg = v;
                                chosen = r;
                            }
                        }
                        cands = refinements(chosen);
                    }
                    tried = seen.size();
                }
                if (cache != null) {
                    cache.put(key, chosen);
                }
            }
            RecommenderModel model = chosen.fit(td);
            tuned.put(method, new Prefitted(chosen, td, model));
            if (config.methods().contains(method)) {
                byMethod.put(method, evaluate(model, td, split.cases(), stated, config.threads()));
                if (split.coldItems()) {
                    audience.add(audience(method, model, td, split, config.threads()));
                }
                tuning.add(new EvaluationReport.Tuning(split.name(), method, chosen.describe(), chosenNdcg, tried,
                        model.diagnostics()));
            }
            timings.put(split.name() + "." + method + ".seconds", (System.nanoTime() - ts) / 1e9);
        }
        Map<String, CaseResult[]> ordered = new LinkedHashMap<>();
        for (String method : config.methods()) {
            ordered.put(method, byMethod.get(method));
        }
        int trainUsers = 0;
        for (int u = 0; u < n; u++) {
            if (train.rowLength(u) > 0) {
                trainUsers++;
            }
        }
        return new RunOutcome(split, ordered, train.itemUserCounts(), trainUsers);
    }

    /** Largest relative loss of old-item NDCG@10 the new-item bridge may cost on validation. */
    static final double MAX_OLD_ITEM_LOSS = 0.02;

    /**
     * Audience targeting on {@code cold-items}: for each new item with held-out users, how well the model's score
     * for it ranks the evaluated users — ROC AUC of the users who hold it out against the rest (ties count half),
     * averaged over items.
     */
    static EvaluationReport.Audience audience(String method, RecommenderModel model, TrainingData td, Split split,
            int threads) {
        List<EvalCase> cases = split.cases().stream().filter(c -> c.protocol().equals(Splits.COLD_ITEMS)).toList();
        int[] items = split.newItems();
        int nu = cases.size();
        float[][] s = new float[nu][];
        int m = td.itemCount();
        ThreadLocal<float[]> buf = ThreadLocal.withInitial(() -> new float[m]);
        Workers.forEach(threads, nu, 8, i -> {
            EvalCase c = cases.get(i);
            float[] all = buf.get();
            model.score(new UserQuery(c.user(), c.items(), c.weights(), td.userSegment()[c.user()],
                    td.userVectors() == null ? null : td.userVectors()[c.user()], true), all);
            float[] v = new float[items.length];
            for (int t = 0; t < items.length; t++) {
                v[t] = all[items[t]];
            }
            s[i] = v;
        });
        double sum = 0;
        int rated = 0;
        double[] col = new double[nu];
        boolean[] pos = new boolean[nu];
        for (int t = 0; t < items.length; t++) {
            int p = 0;
            for (int i = 0; i < nu; i++) {
                col[i] = s[i][t];
                pos[i] = Arrays.binarySearch(cases.get(i).test(), items[t]) >= 0;
                p += pos[i] ? 1 : 0;
            }
            if (p == 0 || p == nu) {
                continue;
            }
            sum += io.cohortlm.predict.BinaryMetrics.rocAuc(col, pos);
            rated++;
        }
        return new EvaluationReport.Audience(Splits.COLD_ITEMS, method, rated, nu, rated == 0 ? Double.NaN
                : sum / rated);
    }

    /** The baselines the hybrid chooses its personalised component from, in preference order on ties. */
    static final List<String> HYBRID_PERSONALS = List.of("ease", "itemknn", "rp3beta", "ials", "puresvd",
            "demographic-popularity", "attribute-ridge");
    /** The item-based models the stated-interest component widens text matches with. */
    static final List<String> INTEREST_EXPANSIONS = List.of("itemknn", "ease");
    /** Everything the hybrid is built from. */
    static final List<String> HYBRID_COMPONENTS = List.of("demographic-popularity", "attribute-ridge", "ease",
            "itemknn", "rp3beta", "ials", "puresvd");

    /**
     * Hyper-parameter grids (docs/evaluation.md); the first candidate is the default used when tuning is off.
     */
    static List<Recommender> candidates(String method, EvaluationConfig cfg) {
        int cap = cfg.maxEaseItems();
        return switch (method) {
            case "popularity" -> List.of(new PopularityRecommender());
            case "demographic-popularity" -> List.of(DemographicPopularityRecommender.defaults(),
                    DemographicPopularityRecommender.of(0, 50), DemographicPopularityRecommender.of(1, 10),
                    DemographicPopularityRecommender.of(1, 50), DemographicPopularityRecommender.of(1, 200),
                    DemographicPopularityRecommender.of(2, 10), DemographicPopularityRecommender.of(2, 200));
            case "attribute-ridge" -> {
                List<Recommender> g = new ArrayList<>();
                g.add(AttributeRidgeRecommender.defaults());
                for (double lambda : new double[] {10, 100, 1000}) {
                    for (double rowNorm : new double[] {0, 0.5}) {
                        for (boolean pairs : new boolean[] {false, true}) {
                            g.add(AttributeRidgeRecommender.of(lambda, rowNorm, pairs));
                        }
                    }
                }
                yield g;
            }
            case "itemknn" -> List.of(ItemKnnRecommender.defaults(), new ItemKnnRecommender(100, 0),
                    new ItemKnnRecommender(30, 10), new ItemKnnRecommender(300, 10), new ItemKnnRecommender(1000, 10));
            case "ease" -> List.of(new EaseRecommender(400, cap), new EaseRecommender(100, cap),
                    new EaseRecommender(1600, cap), new EaseRecommender(25, cap));
            // Rendle et al. 2022 tune regularisation and the observed-entry weight jointly over orders of magnitude
            // first, then widen the embedding: the first stage here, refinements() the second.
            case "ials" -> {
                List<Recommender> g = new ArrayList<>();
                g.add(new IalsRecommender(64, 1, 10, 10, 3));
                for (double lambda : new double[] {0.1, 1, 10, 50}) {
                    for (double alpha : new double[] {1, 5, 20}) {
                        g.add(new IalsRecommender(64, lambda, alpha, 10, 3));
                    }
                }
                yield g;
            }
            case "rp3beta" -> List.of(Rp3betaRecommender.defaults(), new Rp3betaRecommender(100, 0.5, 0.3),
                    new Rp3betaRecommender(100, 1, 0.1), new Rp3betaRecommender(100, 1, 0.5),
                    new Rp3betaRecommender(30, 1, 0.3), new Rp3betaRecommender(300, 1, 0.3),
                    new Rp3betaRecommender(100, 0.7, 0.2));
            case "puresvd" -> List.of(PureSvdRecommender.defaults(), new PureSvdRecommender(20),
                    new PureSvdRecommender(100), new PureSvdRecommender(200));
            case "content" -> List.of(new ContentRecommender());
            case "segment-popularity" -> List.of(SegmentPopularityRecommender.defaults(),
                    new SegmentPopularityRecommender(50, 0.5), new SegmentPopularityRecommender(10, 0),
                    new SegmentPopularityRecommender(200, 0));
            default -> throw new IllegalArgumentException("unknown method '" + method + "'");
        };
    }

    /** Second-stage candidates around a first-stage winner (empty when a method has none). */
    static List<Recommender> refinements(Recommender best) {
        if (best instanceof IalsRecommender i) {
            return List.of(new IalsRecommender(128, i.lambda(), i.alpha(), 15, 3),
                    new IalsRecommender(64, i.lambda(), i.alpha(), 20, 3));
        }
        return List.of();
    }

    /** A recommender whose fit on one training set is already known (saves refitting EASE inside the hybrid). */
    private record Prefitted(Recommender inner, TrainingData data, RecommenderModel model) implements Recommender {
        @Override
        public String name() {
            return inner.name();
        }

        @Override
        public String describe() {
            return inner.describe();
        }

        @Override
        public RecommenderModel fit(TrainingData d) {
            return d == data ? model : inner.fit(d);
        }
    }

    /** A validation split carved from training: warm users with part of their training items hidden. */
    private record Validation(TrainingData inner, List<EvalCase> cases) {
        double ndcg(RecommenderModel model, int threads) {
            CaseResult[] r = evaluate(model, inner, cases, null, threads);
            double s = 0;
            for (CaseResult c : r) {
                s += c.metrics()[0];
            }
            return r.length == 0 ? 0 : s / r.length;
        }
    }

    /**
     * For the {@code temporal} run: the same protocol inside training — a global cut at the 80% quantile of the
     * training entries' times; up to {@code maxUsers} users with entries after it (seeded) are validated on those.
     */
    private static Validation temporalValidation(TrainingData td, long[] times, int maxUsers, long seed) {
        Split inner = Splits.temporal(td.matrix(), times, 0.2);
        if (inner == null) {
            return validation(td, maxUsers, seed);
        }
        List<EvalCase> all = inner.cases();
        int[] pick = io.cohortlm.stats.SeededSample.indices(all.size(), Math.min(maxUsers, all.size()),
                seed * 31 + 7);
        Arrays.sort(pick);
        List<EvalCase> cases = new ArrayList<>();
        for (int i : pick) {
            cases.add(all.get(i));
        }
        UserItemMatrix m = td.matrix().select(p -> inner.train()[p]);
        long[] innerTimes = new long[m.nonZeros()];
        int o = 0;
        for (int p = 0; p < times.length; p++) {
            if (inner.train()[p]) {
                innerTimes[o++] = times[p];
            }
        }
        return new Validation(td.withMatrix(m, innerTimes), cases);
    }

    private static Validation validation(TrainingData td, int maxUsers, long seed) {
        UserItemMatrix x = td.matrix();
        List<Integer> eligible = new ArrayList<>();
        for (int u = 0; u < x.rows(); u++) {
            if (x.rowLength(u) >= 3) {
                eligible.add(u);
            }
        }
        int[] order = eligible.stream().mapToInt(Integer::intValue).toArray();
        SplittableRandom rnd = new SplittableRandom(seed * 31 + 7);
        for (int i = order.length - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int nv = Math.min(maxUsers, Math.max(1, order.length / 5));
        int[] users = Arrays.copyOf(order, Math.min(nv, order.length));
        Arrays.sort(users);
        boolean[] keep = new boolean[x.nonZeros()];
        Arrays.fill(keep, true);
        List<EvalCase> cases = new ArrayList<>();
        for (int u : users) {
            int a = x.rowStart(u);
            int len = x.rowLength(u);
            int hold = Math.min(len - 1, Math.max(1, (int) Math.round(0.2 * len)));
            SplittableRandom ur = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + 31L * u + 1);
            int[] pos = new int[len];
            for (int i = 0; i < len; i++) {
                pos[i] = a + i;
            }
            for (int i = 0; i < hold; i++) {
                int j = i + ur.nextInt(len - i);
                int t = pos[i];
                pos[i] = pos[j];
                pos[j] = t;
                keep[pos[i]] = false;
            }
            int[] items = new int[len - hold];
            float[] w = new float[len - hold];
            int[] test = new int[hold];
            int ti = 0;
            int xi = 0;
            for (int p = a; p < a + len; p++) {
                if (keep[p]) {
                    items[ti] = x.col(p);
                    w[ti++] = x.value(p);
                } else {
                    test[xi++] = x.col(p);
                }
            }
            cases.add(new EvalCase("validation", u, items, w, test, false, -1));
        }
        return new Validation(td.keeping(keep), cases);
    }

    /**
     * The encoded stated interests of the split's {@code text} cases (aligned with its cases, null elsewhere), or
     * null when it has none or nothing can encode them.
     */
    private static float[][] statedTexts(Split split, EvaluationInputs inputs) {
        if (inputs.interests() == null || inputs.itemVectors() == null) {
            return null;
        }
        List<int[]> sets = new ArrayList<>();
        for (EvalCase c : split.cases()) {
            if (c.stated().length > 0) {
                sets.add(c.stated());
            }
        }
        if (sets.isEmpty()) {
            return null;
        }
        float[][] v = inputs.interests().vectors(sets);
        float[][] out = new float[split.cases().size()][];
        int o = 0;
        for (int i = 0; i < out.length; i++) {
            if (split.cases().get(i).stated().length > 0) {
                out[i] = v[o++];
            }
        }
        return out;
    }

    private static CaseResult[] evaluate(RecommenderModel model, TrainingData td, List<EvalCase> cases,
            float[][] stated, int threads) {
        CaseResult[] out = new CaseResult[cases.size()];
        int m = td.itemCount();
        ThreadLocal<float[]> buf = ThreadLocal.withInitial(() -> new float[m]);
        Workers.forEach(threads, cases.size(), 8, i -> {
            EvalCase c = cases.get(i);
            UserQuery q = new UserQuery(c.user(), c.items(), c.weights(), td.userSegment()[c.user()],
                    td.userVectors() == null ? null : td.userVectors()[c.user()], !c.heldOut(),
                    stated == null ? null : stated[i]);
            float[] s = buf.get();
            model.score(q, s);
            int[] top = TopK.select(s, TOP, c.items());
            out[i] = new CaseResult(RankingMetrics.compute(top, c.test()), Arrays.copyOf(top, Math.min(10,
                    top.length)), td.segmentOf(q));
        });
        return out;
    }

}
