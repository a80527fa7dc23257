package io.cohortlm.report;

import io.cohortlm.predict.BinaryMetrics;
import io.cohortlm.predict.Calibration;
import io.cohortlm.predict.MulticlassMetrics;
import io.cohortlm.predict.PermutationImportance;
import io.cohortlm.predict.PropensityResult;
import io.cohortlm.predict.SegmentPropensity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Turns {@link PropensityResult} into the report's plain rows. */
public final class PropensityTables {
    private PropensityTables() {
    }

    /**
     * The metrics section: overall rows, then one row per segment and target.
     *
     * @param names display name of each segment id (missing ids show as "segment N")
     */
    public static ReportModel.PropensitySection section(PropensityResult r, Map<Integer, String> names) {
        List<ReportModel.MetricRow> rows = new ArrayList<>();
        List<ReportModel.Importance> importance = new ArrayList<>();
        List<ReportModel.Reliability> calibration = new ArrayList<>();
        List<PropensityResult.BinaryTarget> binaries = new ArrayList<>();
        binaries.add(r.active());
        if (r.purchase() != null) {
            binaries.add(r.purchase());
        }
        for (PropensityResult.BinaryTarget t : binaries) {
            rows.add(binaryRow(label(t.name()), "all users", t.overall()));
        }
        if (r.nextCategory() != null) {
            rows.add(categoryRow("next category", "all users", r.nextCategory().overall()));
        }
        for (PropensityResult.BinaryTarget t : binaries) {
            t.bySegment().forEach((s, m) -> rows.add(binaryRow(label(t.name()), name(names, s), m)));
            importance.add(new ReportModel.Importance(label(t.name()), entries(t.importance())));
            calibration.add(reliability(label(t.name()), t.overall().calibration()));
        }
        if (r.nextCategory() != null) {
            r.nextCategory().bySegment().forEach((s, m) -> rows.add(categoryRow("next category", name(names, s), m)));
            importance.add(new ReportModel.Importance("next category", entries(r.nextCategory().importance())));
        }
        double days = r.split().horizonSeconds() / 86_400.0;
        List<String> notes = List.of(
                String.format(java.util.Locale.ROOT, "Features from events before %s; labels from the next %s days.",
                        java.time.Instant.ofEpochSecond(r.split().cut()), trim(days)),
                String.format(java.util.Locale.ROOT,
                        "Trained on %,d users, evaluated on %,d held-out users; %,d users had no history before the cut.",
                        r.trainUsers(), r.testUsers(), r.coldUsers()),
                "Importance: increase in held-out log loss when a feature group is shuffled.");
        return new ReportModel.PropensitySection(days, rows, importance, calibration, notes);
    }

    /** A segment's propensities against the population, for its card. */
    public static List<ReportModel.Propensity> propensities(SegmentPropensity s, SegmentPropensity population,
            double horizonDays) {
        List<ReportModel.Propensity> out = new ArrayList<>();
        String h = " in " + trim(horizonDays) + " days)";
        out.add(new ReportModel.Propensity("P(active" + h, finite(s.active()), finite(population.active())));
        if (!Double.isNaN(s.purchase())) {
            out.add(new ReportModel.Propensity("P(purchase" + h, finite(s.purchase()), finite(population.purchase())));
        }
        if (s.topCategory() != null) {
            out.add(new ReportModel.Propensity("P(next: " + s.topCategory() + ")", finite(s.topCategoryShare()),
                    finite(s.topCategoryShare() / s.topCategoryLift())));
        }
        return out;
    }

    private static ReportModel.MetricRow binaryRow(String target, String scope, BinaryMetrics m) {
        return new ReportModel.MetricRow(target, scope, m.n(), finite(m.n() == 0 ? Double.NaN : (double) m.positives() / m.n()),
                finite(m.rocAuc()), finite(m.accuracy()), finite(m.precision()), finite(m.recall()), finite(m.f1()),
                finite(m.logLoss()), finite(m.brier()), finite(m.calibration().ece()), null, null);
    }

    private static ReportModel.MetricRow categoryRow(String target, String scope, MulticlassMetrics m) {
        return new ReportModel.MetricRow(target, scope, m.n(), null, null, null, null, null, null, finite(m.logLoss()),
                null, null, finite(m.top1()), finite(m.top3()));
    }

    private static List<ReportModel.ImportanceEntry> entries(List<PermutationImportance.FeatureImportance> imp) {
        return imp.stream().map(i -> new ReportModel.ImportanceEntry(i.group(), i.lossIncrease(), i.sd())).toList();
    }

    private static ReportModel.Reliability reliability(String target, Calibration c) {
        return new ReportModel.Reliability(target, c.ece(), c.bins().stream().map(b -> new ReportModel.ReliabilityBin(
                b.lower(), b.upper(), b.count(), finite(b.meanPredicted()), finite(b.observedRate()))).toList());
    }

    private static String label(String target) {
        return "P(" + target + ")";
    }

    private static String name(Map<Integer, String> names, int s) {
        return names.getOrDefault(s, s < 0 ? "outliers" : "segment " + s);
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
