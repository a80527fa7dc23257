package io.cohortlm.evaluate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of {@link Evaluator#run}: one row per (method, protocol, cohort), the significance of
 * segment-hybrid against the best baseline per protocol, the hyper-parameters tuning chose, timings and notes.
 *
 * @param dataset      dataset name
 * @param users        users in the dataset
 * @param items        catalogue size
 * @param entries      distinct user–item pairs with positive weight
 * @param config       the configuration, rendered
 * @param results      rows; cohort {@code all} is always present per (method, protocol)
 * @param significance paired tests per protocol
 * @param tuning       chosen hyper-parameters per (protocol run, method)
 * @param timings      seconds per phase
 * @param notes        caveats a reader must know (skipped protocols, caps, compromises)
 * @param audience     audience targeting of new items per method ({@code cold-items}); empty without it
 */
public record EvaluationReport(String dataset, int users, int items, long entries, Map<String, Object> config,
        List<Result> results, List<Significance> significance, List<Tuning> tuning, Map<String, Double> timings,
        List<String> notes, List<Audience> audience) {
    public EvaluationReport {
        audience = List.copyOf(audience);
        config = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(config));
        results = List.copyOf(results);
        significance = List.copyOf(significance);
        tuning = List.copyOf(tuning);
        timings = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(timings));
        notes = List.copyOf(notes);
    }

    /** A report without audience rows. */
    public EvaluationReport(String dataset, int users, int items, long entries, Map<String, Object> config,
            List<Result> results, List<Significance> significance, List<Tuning> tuning, Map<String, Double> timings,
            List<String> notes) {
        this(dataset, users, items, entries, config, results, significance, tuning, timings, notes, List.of());
    }

    /**
     * How well one method ranks users for new items ("who should see this new product?").
     *
     * @param protocol protocol ({@code cold-items})
     * @param method   method
     * @param items    new items with at least one user who holds them out (and one who does not)
     * @param users    users ranked for each item
     * @param auc      ROC AUC of those users against the rest, mean over items (0.5 = no better than chance)
     */
    public record Audience(String protocol, String method, int items, int users, double auc) {
    }

    /**
     * One row.
     *
     * @param method   method name
     * @param protocol protocol name ({@code random} is the mean over seeds; {@code random-seedN} one seed)
     * @param cohort   {@code all}, {@code segment:S}, {@code segment:none}, {@code activity:L}, {@code shots:N}
     * @param users    evaluated users (for {@code random}, the mean over seeds, rounded)
     * @param metrics  {@link #METRICS} → value
     */
    public record Result(String method, String protocol, String cohort, int users, Map<String, Double> metrics) {
        public Result {
            metrics = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        }
    }

    /**
     * A paired per-user comparison on {@code metric}.
     *
     * @param protocol       protocol
     * @param metric         compared metric
     * @param method         the method tested (segment-hybrid)
     * @param baseline       the best other method on cohort {@code all}
     * @param users          paired users
     * @param methodMean     mean of the method
     * @param baselineMean   mean of the baseline
     * @param tStatistic     paired t
     * @param tPValue        two-sided p of the t-test
     * @param wilcoxonZ      Wilcoxon signed-rank z
     * @param wilcoxonPValue two-sided p of Wilcoxon
     */
    public record Significance(String protocol, String metric, String method, String baseline, int users,
            double methodMean, double baselineMean, double tStatistic, double tPValue, double wilcoxonZ,
            double wilcoxonPValue) {
    }

    /**
     * Tuning outcome.
     *
     * @param run            split name
     * @param method         method
     * @param chosen         chosen hyper-parameters
     * @param validationNdcg NDCG@10 of the choice on the validation users (NaN if not tuned)
     * @param candidates     candidates tried
     * @param diagnostics    the fitted model's diagnostics
     */
    public record Tuning(String run, String method, String chosen, double validationNdcg, int candidates,
            Map<String, Object> diagnostics) {
    }

    /** Metric keys of every row, in order. */
    public static final List<String> METRICS = List.of("ndcg@10", "recall@10", "hit@10", "mrr@10", "ndcg@20",
            "recall@20", "hit@20", "mrr@20", "coverage@10", "novelty@10");

    /** Rows of one protocol and cohort. */
    public List<Result> rows(String protocol, String cohort) {
        List<Result> out = new ArrayList<>();
        for (Result r : results) {
            if (r.protocol.equals(protocol) && r.cohort.equals(cohort)) {
                out.add(r);
            }
        }
        return out;
    }

    /** The report as a JSON tree of maps and lists (the documented shape). */
    public Map<String, Object> toTree() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("dataset", dataset);
        root.put("users", users);
        root.put("items", items);
        root.put("entries", entries);
        root.put("config", config);
        List<Object> rs = new ArrayList<>();
        for (Result r : results) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("method", r.method);
            m.put("protocol", r.protocol);
            m.put("cohort", r.cohort);
            m.put("users", r.users);
            Map<String, Object> mm = new LinkedHashMap<>();
            for (String k : METRICS) {
                mm.put(k, finite(r.metrics.get(k)));
            }
            m.put("metrics", mm);
            rs.add(m);
        }
        root.put("results", rs);
        List<Object> sig = new ArrayList<>();
        for (Significance s : significance) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("protocol", s.protocol);
            m.put("metric", s.metric);
            m.put("method", s.method);
            m.put("baseline", s.baseline);
            m.put("users", s.users);
            m.put("methodMean", finite(s.methodMean));
            m.put("baselineMean", finite(s.baselineMean));
            m.put("pairedT", pair("t", s.tStatistic, "p", s.tPValue));
            m.put("wilcoxon", pair("z", s.wilcoxonZ, "p", s.wilcoxonPValue));
            sig.add(m);
        }
        root.put("significance", sig);
        List<Object> tu = new ArrayList<>();
        for (Tuning t : tuning) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("run", t.run);
            m.put("method", t.method);
            m.put("chosen", t.chosen);
            m.put("validationNdcg@10", finite(t.validationNdcg));
            m.put("candidates", t.candidates);
            m.put("diagnostics", t.diagnostics);
            tu.add(m);
        }
        root.put("tuning", tu);
        root.put("timings", timings);
        root.put("notes", notes);
        if (!audience.isEmpty()) {
            List<Object> au = new ArrayList<>();
            for (Audience a : audience) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("protocol", a.protocol);
                m.put("method", a.method);
                m.put("items", a.items);
                m.put("users", a.users);
                m.put("auc", finite(a.auc));
                au.add(m);
            }
            root.put("audience", au);
        }
        return root;
    }

    private static Map<String, Object> pair(String k1, double v1, String k2, double v2) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(k1, finite(v1));
        m.put(k2, finite(v2));
        return m;
    }

    private static Double finite(Double v) {
        return v == null || !Double.isFinite(v) ? null : v;
    }

    /** Pretty-printed JSON. */
    public String toJson() {
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(toTree());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("report could not be serialised", e);
        }
    }
}
