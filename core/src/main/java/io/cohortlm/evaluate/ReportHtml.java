package io.cohortlm.evaluate;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Renders an {@link EvaluationReport} as one self-contained HTML page (inline CSS, no scripts, no network): per
 * protocol a table of methods × metrics for cohort {@code all} with the best value per column in bold, then
 * NDCG@10 per cohort, significance and notes.
 */
public final class ReportHtml {
    private ReportHtml() {
    }

    public static String render(EvaluationReport r) {
        StringBuilder sb = new StringBuilder();
        sb.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>CohortLM evaluation — ")
                .append(esc(r.dataset())).append("</title>\n<style>")
                .append("body{font:14px system-ui,sans-serif;margin:2em;color:#222}")
                .append("table{border-collapse:collapse;margin:0.5em 0 1.5em}")
                .append("th,td{border:1px solid #ccc;padding:3px 8px;text-align:right}")
                .append("th:first-child,td:first-child{text-align:left}th{background:#f3f3f3}")
                .append("tr.hybrid td{background:#eef6ff}b{color:#063}")
                .append("</style></head><body>\n");
        sb.append("<h1>CohortLM evaluation: ").append(esc(r.dataset())).append("</h1>\n<p>")
                .append(r.users()).append(" users, ").append(r.items()).append(" items, ").append(r.entries())
                .append(" user–item pairs. Full ranking over all items; seen items excluded.</p>\n");
        Set<String> protocols = new LinkedHashSet<>();
        for (EvaluationReport.Result x : r.results()) {
            protocols.add(x.protocol());
        }
        for (String p : protocols) {
            sb.append("<h2>").append(esc(p)).append("</h2>\n");
            table(sb, r.rows(p, "all"), EvaluationReport.METRICS);
            Set<String> cohorts = new LinkedHashSet<>();
            for (EvaluationReport.Result x : r.results()) {
                if (x.protocol().equals(p) && !x.cohort().equals("all")) {
                    cohorts.add(x.cohort());
                }
            }
            if (!cohorts.isEmpty()) {
                sb.append("<h3>NDCG@10 by cohort</h3>\n<table><tr><th>method</th>");
                for (String c : cohorts) {
                    sb.append("<th>").append(esc(c)).append("</th>");
                }
                sb.append("</tr>\n");
                for (EvaluationReport.Result a : r.rows(p, "all")) {
                    sb.append("<tr").append(a.method().equals("segment-hybrid") ? " class=\"hybrid\"" : "")
                            .append("><td>").append(esc(a.method())).append("</td>");
                    for (String c : cohorts) {
                        Double v = null;
                        int users = 0;
                        for (EvaluationReport.Result x : r.rows(p, c)) {
                            if (x.method().equals(a.method())) {
                                v = x.metrics().get("ndcg@10");
                                users = x.users();
                            }
                        }
                        sb.append("<td title=\"").append(users).append(" users\">").append(fmt(v)).append("</td>");
                    }
                    sb.append("</tr>\n");
                }
                sb.append("</table>\n");
            }
        }
        if (!r.significance().isEmpty()) {
            sb.append("<h2>Significance (paired, per user)</h2>\n<table><tr><th>protocol</th><th>metric</th>")
                    .append("<th>method</th><th>baseline</th><th>users</th><th>method mean</th>")
                    .append("<th>baseline mean</th><th>t</th><th>p (t)</th><th>Wilcoxon z</th><th>p (W)</th></tr>\n");
            for (EvaluationReport.Significance s : r.significance()) {
                sb.append("<tr><td>").append(esc(s.protocol())).append("</td><td>").append(esc(s.metric()))
                        .append("</td><td>").append(esc(s.method())).append("</td><td>").append(esc(s.baseline()))
                        .append("</td><td>").append(s.users()).append("</td><td>").append(fmt(s.methodMean()))
                        .append("</td><td>").append(fmt(s.baselineMean())).append("</td><td>")
                        .append(fmt(s.tStatistic())).append("</td><td>").append(p(s.tPValue())).append("</td><td>")
                        .append(fmt(s.wilcoxonZ())).append("</td><td>").append(p(s.wilcoxonPValue()))
                        .append("</td></tr>\n");
            }
            sb.append("</table>\n");
        }
        if (!r.notes().isEmpty()) {
            sb.append("<h2>Notes</h2>\n<ul>");
            for (String n : r.notes()) {
                sb.append("<li>").append(esc(n)).append("</li>");
            }
            sb.append("</ul>\n");
        }
        sb.append("</body></html>\n");
        return sb.toString();
    }

    private static void table(StringBuilder sb, List<EvaluationReport.Result> rows, List<String> metrics) {
        sb.append("<table><tr><th>method</th><th>users</th>");
        for (String m : metrics) {
            sb.append("<th>").append(esc(m)).append("</th>");
        }
        sb.append("</tr>\n");
        double[] best = new double[metrics.size()];
        java.util.Arrays.fill(best, Double.NEGATIVE_INFINITY);
        for (EvaluationReport.Result x : rows) {
            for (int k = 0; k < metrics.size(); k++) {
                Double v = x.metrics().get(metrics.get(k));
                if (v != null && v > best[k]) {
                    best[k] = v;
                }
            }
        }
        for (EvaluationReport.Result x : rows) {
            sb.append("<tr").append(x.method().equals("segment-hybrid") ? " class=\"hybrid\"" : "").append("><td>")
                    .append(esc(x.method())).append("</td><td>").append(x.users()).append("</td>");
            for (int k = 0; k < metrics.size(); k++) {
                Double v = x.metrics().get(metrics.get(k));
                boolean b = v != null && v == best[k];
                sb.append("<td>").append(b ? "<b>" : "").append(fmt(v)).append(b ? "</b>" : "").append("</td>");
            }
            sb.append("</tr>\n");
        }
        sb.append("</table>\n");
    }

    private static String fmt(Double v) {
        return v == null || !Double.isFinite(v) ? "–" : String.format(Locale.ROOT, "%.4f", v);
    }

    private static String p(double v) {
        return !Double.isFinite(v) ? "–" : v < 1e-4 ? String.format(Locale.ROOT, "%.1e", v)
                : String.format(Locale.ROOT, "%.4f", v);
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
