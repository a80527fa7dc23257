package io.cohortlm.evaluate;

import io.cohortlm.evaluate.Evaluator.CaseResult;
import io.cohortlm.evaluate.Evaluator.RunOutcome;
import io.cohortlm.recommend.ActivityLevel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns per-case outcomes into report rows (mean metrics per method, protocol and cohort; {@code random} as the
 * mean over seeds) and the paired significance tests of segment-hybrid against the best baseline.
 */
final class Aggregation {
    private Aggregation() {
    }

    /** Accumulates one (method, protocol, cohort) row. */
    private static final class Acc {
        final double[] sum = new double[RankingMetrics.NAMES.size()];
        final List<int[]> tops = new ArrayList<>();
        int users;

        void add(CaseResult r) {
            for (int k = 0; k < sum.length; k++) {
                sum[k] += r.metrics()[k];
            }
            tops.add(r.top10());
            users++;
        }

        Map<String, Double> metrics(int catalogue, int[] itemUsers, int trainUsers) {
            Map<String, Double> mm = new LinkedHashMap<>();
            for (int k = 0; k < sum.length; k++) {
                mm.put(RankingMetrics.NAMES.get(k), sum[k] / users);
            }
            mm.put("coverage@10", RankingMetrics.coverage(tops, catalogue));
            mm.put("novelty@10", RankingMetrics.novelty(tops, itemUsers, trainUsers));
            return mm;
        }
    }

    private static List<String> cohorts(EvalCase c, CaseResult r) {
        List<String> k = new ArrayList<>(4);
        k.add("all");
        k.add(r.segment() < 0 ? "segment:none" : "segment:" + r.segment());
        k.add("activity:" + ActivityLevel.of(c.items().length).label());
        if (c.shots() > 0) {
            k.add("shots:" + c.shots());
        }
        return k;
    }

    static List<EvaluationReport.Result> aggregate(List<RunOutcome> runs, EvaluationConfig config, int m) {
        // protocol -> method -> cohort -> row
        Map<String, Map<String, Map<String, EvaluationReport.Result>>> rows = new LinkedHashMap<>();
        for (RunOutcome run : runs) {
            for (Map.Entry<String, CaseResult[]> e : run.byMethod().entrySet()) {
                Map<String, Map<String, Acc>> acc = new LinkedHashMap<>();
                List<EvalCase> cases = run.split().cases();
                for (int i = 0; i < cases.size(); i++) {
                    EvalCase c = cases.get(i);
                    for (String k : cohorts(c, e.getValue()[i])) {
                        acc.computeIfAbsent(c.protocol(), x -> new TreeMap<>(Aggregation::cohortOrder))
                                .computeIfAbsent(k, x -> new Acc()).add(e.getValue()[i]);
                    }
                }
                for (var pe : acc.entrySet()) {
                    for (var ce : pe.getValue().entrySet()) {
                        Acc a = ce.getValue();
                        rows.computeIfAbsent(pe.getKey(), x -> new LinkedHashMap<>())
                                .computeIfAbsent(e.getKey(), x -> new LinkedHashMap<>())
                                .put(ce.getKey(), new EvaluationReport.Result(e.getKey(), pe.getKey(), ce.getKey(),
                                        a.users, a.metrics(m, run.itemUsers(), run.trainUsers())));
                    }
                }
            }
        }
        List<EvaluationReport.Result> out = new ArrayList<>();
        List<String> seedProtocols = rows.keySet().stream().filter(p -> p.startsWith(Splits.RANDOM_PREFIX)).toList();
        if (!seedProtocols.isEmpty()) {
            for (String method : config.methods()) {
                Map<String, List<EvaluationReport.Result>> byCohort = new TreeMap<>(Aggregation::cohortOrder);
                for (String p : seedProtocols) {
                    rows.get(p).getOrDefault(method, Map.of()).forEach((c, r) ->
                            byCohort.computeIfAbsent(c, x -> new ArrayList<>()).add(r));
                }
                byCohort.forEach((c, list) -> {
                    Map<String, Double> mean = new LinkedHashMap<>();
                    for (String k : EvaluationReport.METRICS) {
                        mean.put(k, list.stream().mapToDouble(r -> r.metrics().get(k)).average().orElse(Double.NaN));
                    }
                    int users = (int) Math.round(list.stream().mapToInt(EvaluationReport.Result::users).average()
                            .orElse(0));
                    out.add(new EvaluationReport.Result(method, "random", c, users, mean));
                });
            }
            for (String p : seedProtocols) {
                for (String method : config.methods()) {
                    EvaluationReport.Result r = rows.get(p).getOrDefault(method, Map.of()).get("all");
                    if (r != null) {
                        out.add(r);
                    }
                }
            }
        }
        for (var pe : rows.entrySet()) {
            if (pe.getKey().startsWith(Splits.RANDOM_PREFIX)) {
                continue;
            }
            for (String method : config.methods()) {
                out.addAll(pe.getValue().getOrDefault(method, Map.of()).values());
            }
        }
        return out;
    }

    /** all, then segments (numeric), activity levels (in level order), shots (numeric). */
    private static int cohortOrder(String a, String b) {
        return rank(a).compareTo(rank(b));
    }

    private static String rank(String c) {
        if (c.equals("all")) {
            return "0";
        }
        int colon = c.indexOf(':');
        String kind = c.substring(0, colon);
        String v = c.substring(colon + 1);
        String group = switch (kind) {
            case "segment" -> "1";
            case "activity" -> "2";
            default -> "3";
        };
        if (kind.equals("activity")) {
            for (ActivityLevel l : ActivityLevel.values()) {
                if (l.label().equals(v)) {
                    return group + l.ordinal();
                }
            }
        }
        if (v.equals("none")) {
            return group + "~";
        }
        try {
            return group + String.format("%08d", Integer.parseInt(v));
        } catch (NumberFormatException e) {
            return group + v;
        }
    }

    static List<EvaluationReport.Significance> significance(List<RunOutcome> runs, EvaluationConfig config,
            List<EvaluationReport.Result> results) {
        List<EvaluationReport.Significance> out = new ArrayList<>();
        String hybrid = "segment-hybrid";
        if (!config.methods().contains(hybrid) || config.methods().size() < 2) {
            return out;
        }
        for (String protocol : EvaluationConfig.PROTOCOLS) {
            String best = null;
            double bestV = Double.NEGATIVE_INFINITY;
            for (EvaluationReport.Result r : results) {
                if (r.protocol().equals(protocol) && r.cohort().equals("all") && !r.method().equals(hybrid)
                        && r.metrics().get("ndcg@10") > bestV) {
                    bestV = r.metrics().get("ndcg@10");
                    best = r.method();
                }
            }
            if (best == null) {
                continue;
            }
            // Key → per-method sum and count (random: a user's mean over seeds).
            Map<Long, double[]> pairs = new TreeMap<>();
            for (RunOutcome run : runs) {
                List<EvalCase> cases = run.split().cases();
                CaseResult[] h = run.byMethod().get(hybrid);
                CaseResult[] b = run.byMethod().get(best);
                for (int i = 0; i < cases.size(); i++) {
                    EvalCase c = cases.get(i);
                    String p = c.protocol().startsWith(Splits.RANDOM_PREFIX) ? "random" : c.protocol();
                    if (!p.equals(protocol)) {
                        continue;
                    }
                    long key = p.equals("random") ? c.user() : (long) c.user() * 64 + Math.max(0, c.shots());
                    double[] v = pairs.computeIfAbsent(key, k -> new double[3]);
                    v[0] += h[i].metrics()[0];
                    v[1] += b[i].metrics()[0];
                    v[2]++;
                }
            }
            double[] a = new double[pairs.size()];
            double[] bb = new double[pairs.size()];
            int i = 0;
            for (double[] v : pairs.values()) {
                a[i] = v[0] / v[2];
                bb[i++] = v[1] / v[2];
            }
            PairedTests.Outcome t = PairedTests.pairedT(a, bb);
            PairedTests.Outcome w = PairedTests.wilcoxon(a, bb);
            out.add(new EvaluationReport.Significance(protocol, "ndcg@10", hybrid, best, a.length,
                    Arrays.stream(a).average().orElse(Double.NaN), Arrays.stream(bb).average().orElse(Double.NaN),
                    t.statistic(), t.pValue(), w.statistic(), w.pValue()));
        }
        return out;
    }
}
