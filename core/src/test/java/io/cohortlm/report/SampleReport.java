package io.cohortlm.report;

import io.cohortlm.predict.PlantedPropensityData;
import io.cohortlm.predict.Propensities;
import io.cohortlm.predict.PropensityResult;
import io.cohortlm.predict.SegmentPropensity;
import io.cohortlm.reduce.Tsne;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A report model built from synthetic data the way the lead will build it: planted users (4 segments, every 17th marked
 * as an outlier), real propensity models, a real t-SNE map, and hand-written persona evidence standing in for the
 * explain stage. One segment name is Chinese and one tries to inject markup.
 */
final class SampleReport {
    static final String INJECTION = "Lapsing toy buyers </script><b id=\"injected\">x</b>";
    static final String CHINESE = "园艺爱好者 · garden lovers";

    private SampleReport() {
    }

    static ReportModel build(int users, int maxPoints) {
        PlantedPropensityData d = new PlantedPropensityData(users, 11);
        int[] seg = d.segments.clone();
        for (int u = 0; u < users; u += 17) {
            seg[u] = -1;
        }
        PropensityResult pr = Propensities.defaults(5).fit(d.data, d.vectors, seg, PlantedPropensityData.SPLIT);
        float[][] xy = new Tsne(30, 400, Math.min(users, 400), 5, 3).fit(d.vectors).xy();
        Map<Integer, String> names = new LinkedHashMap<>();
        names.put(0, "Kitchen enthusiasts");
        names.put(1, CHINESE);
        names.put(2, INJECTION);
        names.put(3, "Book readers & collectors");
        names.put(-1, "Outliers");
        String[] desc = {
            "Frequent buyers of cookware and utensils; recent, high-value baskets.",
            "偏好园艺用品的用户，购买频率中等。Prefer garden tools and seeds; moderate frequency.",
            "Used to buy toys but have gone quiet: long time since the last visit.",
            "Steady readers who buy books in small, regular baskets.",
            "Users that fit no segment well."};
        double horizon = PlantedPropensityData.SPLIT.horizonSeconds() / 86_400.0;
        List<ReportModel.Segment> segments = new ArrayList<>();
        long total = users;
        for (SegmentPropensity sp : pr.segments()) {
            int id = sp.segment();
            long size = java.util.Arrays.stream(seg).filter(s -> s == id).count();
            String cat = id < 0 ? null : PlantedPropensityData.CATEGORIES.get(id);
            List<ReportModel.Feature> features = id < 0 ? List.of() : List.of(
                    new ReportModel.Feature("buys: " + cat, "68%", 2.6),
                    new ReportModel.Feature("recency ≤ 14 days", id == 2 ? "9%" : "41%", id == 2 ? 0.3 : 1.3),
                    new ReportModel.Feature("basket value > £40", "27%", 1.2));
            List<String> keywords = id < 0 ? List.of() : List.of(cat, "gift", id == 1 ? "种子" : "set", "premium");
            List<ReportModel.Item> items = id < 0 ? List.of() : List.of(
                    new ReportModel.Item(cat + " starter set", 0.31), new ReportModel.Item("deluxe " + cat, 0.22),
                    new ReportModel.Item(cat + " gift card <limited>", 0.12));
            List<String> rules = id < 0 ? List.of() : List.of("share(" + cat + ") > 0.42 AND recency_days ≤ 20",
                    "vector.v" + id + " > 1.1");
            segments.add(new ReportModel.Segment(id, names.get(id), desc[id < 0 ? 4 : id], size, (double) size / total,
                    features, keywords, items, rules, PropensityTables.propensities(sp, pr.population(), horizon),
                    sp.phrases()));
        }
        // Outliers last, as the lead is expected to order them.
        segments.sort((a, b) -> a.id() < 0 ? 1 : b.id() < 0 ? -1 : Integer.compare(a.id(), b.id()));
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("stage", "report");
        manifest.put("seed", 5);
        manifest.put("config", Map.of("horizon_days", horizon, "segments", 4));
        return new ReportModel("CohortLM segments — planted demo", "synthetic planted data, " + users + " users",
                "2026-11-28T05:00:00Z", new ReportModel.DatasetSummary("planted", users, d.data.items().size(),
                        d.data.events().size()), segments, ReportModel.MapData.sample(xy, seg, maxPoints, 7),
                PropensityTables.section(pr, names), manifest);
    }
}
