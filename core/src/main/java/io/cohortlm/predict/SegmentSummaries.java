package io.cohortlm.predict;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * Scores every user with history once and folds the predictions into per-segment means in the same pass, then
 * applies {@link PhraseRules}. Cost: one prediction per user per model, independent of the number of segments.
 */
final class SegmentSummaries {
    private SegmentSummaries() {
    }

    /** Per-user scores, the population summary and one summary per segment id (ascending). */
    record Scored(PropensityResult.UserScores scores, SegmentPropensity population, List<SegmentPropensity> segments) {
    }

    static Scored score(UserFeatures now, int[] segments, PropensityResult.BinaryTarget active,
            PropensityResult.BinaryTarget purchase, PropensityResult.CategoryTarget category, PhraseRules rules) {
        int n = segments.length;
        int[] ids = new TreeSet<>(Arrays.stream(segments).boxed().toList()).stream().mapToInt(Integer::intValue).toArray();
        int k = category == null ? 0 : category.classCodes().length;
        int groups = ids.length + 1; // last = population
        long[] count = new long[groups];
        double[] sumA = new double[groups];
        double[] sumP = new double[groups];
        double[][] sumC = new double[groups][k];
        double[] pa = new double[n];
        double[] pp = new double[n];
        int[] top = new int[n];
        Arrays.fill(pa, Double.NaN);
        Arrays.fill(pp, Double.NaN);
        Arrays.fill(top, -1);
        for (int u = 0; u < n; u++) {
            if (!now.hasHistory()[u]) {
                continue;
            }
            double[] row = now.x()[u];
            pa[u] = active.model().predict(row)[1];
            if (purchase != null) {
                pp[u] = purchase.model().predict(row)[1];
            }
            double[] dist = category == null ? null : category.model().predict(row);
            if (dist != null) {
                top[u] = argmax(dist);
            }
            for (int g : new int[] {Arrays.binarySearch(ids, segments[u]), groups - 1}) {
                count[g]++;
                sumA[g] += pa[u];
                sumP[g] += pp[u];
                for (int c = 0; c < k; c++) {
                    sumC[g][c] += dist[c];
                }
            }
        }
        int pop = groups - 1;
        SegmentPropensity population = summary(Integer.MIN_VALUE, count[pop], sumA[pop], sumP[pop], sumC[pop], null,
                category, rules);
        List<SegmentPropensity> out = new ArrayList<>(ids.length);
        for (int g = 0; g < ids.length; g++) {
            out.add(summary(ids[g], count[g], sumA[g], sumP[g], sumC[g], new double[][] {sumC[pop], {count[pop]}},
                    population, category, rules));
        }
        return new Scored(new PropensityResult.UserScores(pa, pp, top), population, out);
    }

    private static SegmentPropensity summary(int segment, long users, double sumA, double sumP, double[] sumC,
            SegmentPropensity population, PropensityResult.CategoryTarget category, PhraseRules rules) {
        return summary(segment, users, sumA, sumP, sumC, null, population, category, rules);
    }

    private static SegmentPropensity summary(int segment, long users, double sumA, double sumP, double[] sumC,
            double[][] popCategory, SegmentPropensity population, PropensityResult.CategoryTarget category,
            PhraseRules rules) {
        if (users == 0) {
            return new SegmentPropensity(segment, 0, Double.NaN, Double.NaN, null, Double.NaN, Double.NaN, List.of());
        }
        double a = sumA / users;
        double p = sumP / users;
        String topName = null;
        double topShare = Double.NaN;
        double lift = Double.NaN;
        if (category != null) {
            int best = argmax(sumC);
            topName = category.classNames().get(best);
            topShare = sumC[best] / users;
            lift = popCategory == null ? 1 : topShare / (popCategory[0][best] / popCategory[1][0]);
        }
        List<String> words = new ArrayList<>();
        if (population != null && users >= rules.minUsers()) {
            if (a <= rules.lowRatio() * population.active()) {
                words.add("likely to lapse");
            } else if (a >= rules.highRatio() * population.active() && population.active() < 0.95) {
                words.add("likely to stay active");
            }
            if (!Double.isNaN(p) && p <= rules.lowRatio() * population.purchase()) {
                words.add("unlikely to purchase");
            } else if (!Double.isNaN(p) && p >= rules.highRatio() * population.purchase() && population.purchase() < 0.95) {
                words.add("likely to purchase");
            }
            if (topName != null && lift >= rules.categoryLift()) {
                words.add("likely to buy " + topName);
            }
        }
        return new SegmentPropensity(segment, (int) users, a, p, topName, topShare, lift, words);
    }

    static int argmax(double[] v) {
        int b = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[b]) {
                b = i;
            }
        }
        return b;
    }
}
