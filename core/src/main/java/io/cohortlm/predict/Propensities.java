package io.cohortlm.predict;

import io.cohortlm.data.Dataset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Propensity models on a temporal split: features ({@link UserFeatures}) from events before the cut, labels
 * ({@link Outcomes}) from the period after it. Users with history are split (seeded) into train and test;
 * three {@link LogisticRegression} models are trained — P(active), P(purchase), next category — and evaluated on
 * the test users overall and per segment, with permutation importance per feature group. Finally every user is
 * scored as of the end of the label period (features from all events before it) and segments are summarised
 * into {@link SegmentPropensity} phrases. Deterministic for a given seed.
 *
 * @param horizonDays        label period length in days (the last {@code horizonDays} of data), &gt; 0
 * @param testShare          share of users with history held out for evaluation, in (0, 1)
 * @param learner            the logistic regression configuration
 * @param maxCategories      most frequent next categories modelled as classes, ≥ 2
 * @param importance         permutation importance settings
 * @param calibrationBins    reliability bins, ≥ 2
 * @param phrases            phrase thresholds
 * @param seed               user split seed
 */
public record Propensities(double horizonDays, double testShare, LogisticRegression learner, int maxCategories,
        PermutationImportance importance, int calibrationBins, PhraseRules phrases, long seed) {
    public Propensities {
        if (!(horizonDays > 0) || Double.isInfinite(horizonDays)) {
            throw new IllegalArgumentException("horizonDays must be a finite number > 0, was " + horizonDays);
        }
        if (!(testShare > 0 && testShare < 1)) {
            throw new IllegalArgumentException("testShare must be in (0, 1), was " + testShare);
        }
        java.util.Objects.requireNonNull(learner, "learner");
        if (maxCategories < 2) {
            throw new IllegalArgumentException("maxCategories must be ≥ 2, was " + maxCategories);
        }
        java.util.Objects.requireNonNull(importance, "importance");
        if (calibrationBins < 2) {
            throw new IllegalArgumentException("calibrationBins must be ≥ 2, was " + calibrationBins);
        }
        java.util.Objects.requireNonNull(phrases, "phrases");
    }

    /** 30-day horizon, 30% test users, default learner, 50 categories, 3 permutation repeats, 10 bins. */
    public static Propensities defaults(long seed) {
        return new Propensities(30, 0.3, LogisticRegression.defaults(), 50, new PermutationImportance(3, seed), 10,
                PhraseRules.defaults(), seed);
    }

    /** Fits on the split whose label period is the last {@code horizonDays} of the data. */
    public PropensityResult fit(Dataset data, float[][] vectors, int[] segments) {
        return fit(data, vectors, segments, TemporalSplit.lastPeriod(data.events(), horizonDays));
    }

    /**
     * @param vectors  user vectors (n rows) or null for RFM only; built from events before the cut to avoid leakage
     *                 (the same vectors are reused when scoring as of the end of the label period)
     * @param segments segment id of each user, -1 for outliers
     * @param split    the cut and horizon
     * @throws io.cohortlm.CohortException when fewer than 10 users have events before the cut, or activity after it
     *                                     does not vary among training users
     */
    public PropensityResult fit(Dataset data, float[][] vectors, int[] segments, TemporalSplit split) {
        long t0 = System.nanoTime();
        int n = data.users().size();
        if (segments.length != n) {
            throw new IllegalArgumentException("segments must have one entry per user (" + n + "), had " + segments.length);
        }
        UserFeatures f = UserFeatures.at(data.events(), n, vectors, split.cut());
        Outcomes o = Outcomes.of(data.events(), data.items(), n, split);
        int[] eligible = java.util.stream.IntStream.range(0, n).filter(u -> f.hasHistory()[u]).toArray();
        if (eligible.length < 10) {
            throw new io.cohortlm.CohortException("users with events before the cut " + java.time.Instant.ofEpochSecond(split.cut())
                    + " must be ≥ 10, were " + eligible.length + " (use a shorter horizon)");
        }
        int[] shuffled = eligible.clone();
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int i = shuffled.length - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = shuffled[i];
            shuffled[i] = shuffled[j];
            shuffled[j] = t;
        }
        int nTest = Math.max(1, (int) Math.round(shuffled.length * testShare));
        int[] test = Arrays.copyOfRange(shuffled, 0, nTest);
        int[] train = Arrays.copyOfRange(shuffled, nTest, shuffled.length);
        Arrays.sort(test);
        Arrays.sort(train);

        PropensityResult.BinaryTarget active = binary("active", o.active(), f, train, test, segments);
        if (active == null) {
            throw new io.cohortlm.CohortException("activity after the cut " + java.time.Instant.ofEpochSecond(split.cut())
                    + " must vary among training users, but all " + train.length + " were "
                    + (o.active()[train[0]] ? "active" : "inactive") + " (choose another horizon)");
        }
        PropensityResult.BinaryTarget purchase = o.hasPurchaseType() ? binary("purchase", o.purchased(), f, train, test, segments) : null;
        PropensityResult.CategoryTarget category = category(data, o.nextCategory(), f, train, test, segments);

        // Score "now": features from everything before the end of the label period.
        UserFeatures now = UserFeatures.at(data.events(), n, vectors, split.end());
        SegmentSummaries.Scored scored = SegmentSummaries.score(now, segments, active, purchase, category, phrases);
        return new PropensityResult(split, split.end(), train.length, test.length, n - eligible.length, active, purchase,
                category, scored.segments(), scored.population(), scored.scores(), (System.nanoTime() - t0) / 1e9);
    }

    private PropensityResult.BinaryTarget binary(String name, boolean[] label, UserFeatures f, int[] train, int[] test,
            int[] segments) {
        int[] y = new int[train.length];
        int pos = 0;
        for (int i = 0; i < train.length; i++) {
            y[i] = label[train[i]] ? 1 : 0;
            pos += y[i];
        }
        if (pos == 0 || pos == train.length) {
            return null;
        }
        LogisticModel model = learner.fit(f.rows(train), y, 2);
        double[][] xt = f.rows(test);
        boolean[] yt = new boolean[test.length];
        for (int i = 0; i < test.length; i++) {
            yt[i] = label[test[i]];
        }
        double[] p = model.positiveProbability(xt);
        BinaryMetrics overall = BinaryMetrics.of(p, yt, 0.5, calibrationBins);
        Map<Integer, BinaryMetrics> bySegment = new TreeMap<>();
        for (Map.Entry<Integer, int[]> e : bySegment(test, segments).entrySet()) {
            int[] rows = e.getValue();
            double[] ps = new double[rows.length];
            boolean[] ys = new boolean[rows.length];
            for (int i = 0; i < rows.length; i++) {
                ps[i] = p[rows[i]];
                ys[i] = yt[rows[i]];
            }
            bySegment.put(e.getKey(), BinaryMetrics.of(ps, ys, 0.5, calibrationBins));
        }
        var imp = importance.of(xt, f.groups(), x -> BinaryMetrics.of(model.positiveProbability(x), yt, 0.5, 1).logLoss());
        return new PropensityResult.BinaryTarget(name, (double) pos / train.length, overall, bySegment, imp, model);
    }

    private PropensityResult.CategoryTarget category(Dataset data, int[] next, UserFeatures f, int[] train, int[] test,
            int[] segments) {
        int cats = data.items().categoryCount();
        if (cats < 2) {
            return null;
        }
        int[] freq = new int[cats];
        for (int u : train) {
            if (next[u] >= 0) {
                freq[next[u]]++;
            }
        }
        Integer[] order = java.util.stream.IntStream.range(0, cats).boxed().filter(c -> freq[c] > 0)
                .sorted((a, b) -> freq[a] != freq[b] ? Integer.compare(freq[b], freq[a]) : Integer.compare(a, b))
                .limit(maxCategories).toArray(Integer[]::new);
        if (order.length < 2) {
            return null;
        }
        int[] codes = Arrays.stream(order).mapToInt(Integer::intValue).toArray();
        int[] classOf = new int[cats];
        Arrays.fill(classOf, -1);
        for (int k = 0; k < codes.length; k++) {
            classOf[codes[k]] = k;
        }
        int[] dropped = new int[1];
        int[] trainRows = labelled(train, next, classOf, dropped);
        int[] testRows = labelled(test, next, classOf, dropped);
        int[] y = Arrays.stream(trainRows).map(u -> classOf[next[u]]).toArray();
        LogisticModel model = learner.fit(f.rows(trainRows), y, codes.length);
        double[][] xt = f.rows(testRows);
        int[] yt = Arrays.stream(testRows).map(u -> classOf[next[u]]).toArray();
        double[][] p = model.predict(xt);
        Map<Integer, MulticlassMetrics> bySegment = new TreeMap<>();
        for (Map.Entry<Integer, int[]> e : bySegment(testRows, segments).entrySet()) {
            int[] rows = e.getValue();
            bySegment.put(e.getKey(), MulticlassMetrics.of(Arrays.stream(rows).mapToObj(i -> p[i]).toArray(double[][]::new),
                    Arrays.stream(rows).map(i -> yt[i]).toArray()));
        }
        var imp = xt.length == 0 ? List.<PermutationImportance.FeatureImportance>of()
                : importance.of(xt, f.groups(), x -> MulticlassMetrics.of(model.predict(x), yt).logLoss());
        List<String> names = Arrays.stream(codes).mapToObj(c -> data.items().categoryName(c)).toList();
        return new PropensityResult.CategoryTarget(names, codes, MulticlassMetrics.of(p, yt), bySegment, imp,
                dropped[0], model);
    }

    private static int[] labelled(int[] users, int[] next, int[] classOf, int[] dropped) {
        return Arrays.stream(users).filter(u -> {
            if (next[u] < 0) {
                return false;
            }
            if (classOf[next[u]] < 0) {
                dropped[0]++;
                return false;
            }
            return true;
        }).toArray();
    }

    /** Positions in {@code users} grouped by segment id, ascending. */
    private static Map<Integer, int[]> bySegment(int[] users, int[] segments) {
        Map<Integer, List<Integer>> m = new TreeMap<>();
        for (int i = 0; i < users.length; i++) {
            m.computeIfAbsent(segments[users[i]], k -> new ArrayList<>()).add(i);
        }
        Map<Integer, int[]> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, v.stream().mapToInt(Integer::intValue).toArray()));
        return out;
    }
}
