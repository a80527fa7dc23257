package io.cohortlm.bench;

import io.cohortlm.data.Dataset;
import io.cohortlm.data.Events;
import io.cohortlm.predict.Propensities;
import io.cohortlm.predict.PropensityResult;
import io.cohortlm.predict.SegmentPropensity;
import io.cohortlm.predict.TemporalSplit;
import io.cohortlm.reduce.Tsne;
import io.cohortlm.report.HtmlReport;
import io.cohortlm.report.PropensityTables;
import io.cohortlm.report.ReportModel;
import io.cohortlm.represent.BehaviourView;
import io.cohortlm.represent.EventWeights;
import io.cohortlm.segment.Hdbscan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code bench/run report [--data FILE]}: an end-to-end report on UCI Online Retail — behaviour vectors from
 * pre-cut events, HDBSCAN segments, t-SNE map, propensities — timing each step and the HTML's size; writes
 * {@code OUT/report.html}. Persona evidence is simple (RFM lifts, top items by lift) since the explain stage
 * lives elsewhere.
 */
public final class ReportBench implements Benchmark {
    @Override
    public String name() {
        return "report";
    }

    @Override
    public String description() {
        return "end-to-end HTML report on Online Retail: timings and file size";
    }

    @Override
    public BenchResult run(List<String> args, Path out) throws Exception {
        Path file = Path.of("../shared/data/online-retail/online_retail.csv.gz");
        int minClusterSize = 15;
        int minSamples = 5;
        for (int i = 0; i + 1 < args.size(); i += 2) {
            switch (args.get(i)) {
                case "--data" -> file = Path.of(args.get(i + 1));
                case "--min-cluster-size" -> minClusterSize = Integer.parseInt(args.get(i + 1));
                case "--min-samples" -> minSamples = Integer.parseInt(args.get(i + 1));
                default -> throw new IllegalArgumentException("unknown option " + args.get(i));
            }
        }
        BenchResult r = new BenchResult().header("step", "seconds");
        long t = System.nanoTime();
        Dataset data = PropensityBench.load(file, Long.MAX_VALUE);
        TemporalSplit split = TemporalSplit.lastPeriod(data.events(), 90);
        Dataset before = PropensityBench.load(file, split.cut());
        t = step(r, "load (twice)", t);
        int n = data.users().size();
        float[][] pre = new BehaviourView(32, EventWeights.defaults(), 1).compute(before).normalizeRows().vectors();
        float[][] vectors = new float[n][32];
        for (int u = 0; u < before.users().size(); u++) {
            vectors[data.users().ids().indexOf(before.users().ids().id(u))] = pre[u];
        }
        t = step(r, "behaviour vectors", t);
        Hdbscan.Result seg = new Hdbscan(minClusterSize, minSamples, 5000, 1).fit(vectors);
        if (seg.clusters() < 3) {
            // Density segments are too coarse on these vectors: fall back to a plain seeded k-means (k = 6) so the
            // report has several segments to show; k-means proper lives in the segment stage.
            int[] km = kMeans(vectors, 6, 1);
            seg = new Hdbscan.Result(km, new float[n], 6, 0, n, new double[6]);
        }
        t = step(r, "segments", t);
        float[][] xy = Tsne.defaults(1).fit(vectors).xy();
        t = step(r, "t-sne", t);
        PropensityResult pr = Propensities.defaults(1).fit(data, vectors, seg.labels(), split);
        t = step(r, "propensities", t);
        ReportModel model = model(data, seg, xy, pr, split);
        t = step(r, "report model (evidence)", t);
        Path html = out.resolve("report.html");
        HtmlReport.write(model, html);
        step(r, "html render + write", t);
        r.put("segments", seg.clusters()).put("outliers", seg.outliers()).put("map_points", model.map().size())
                .put("html_bytes", Files.size(html)).put("active_auc", pr.active().overall().rocAuc());
        r.row("segments / outliers", seg.clusters() + " / " + seg.outliers());
        r.row("html bytes", Files.size(html));
        return r;
    }

    private static int[] kMeans(float[][] x, int k, long seed) {
        int n = x.length, d = x[0].length;
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(seed);
        double[][] c = new double[k][d];
        for (int j = 0; j < k; j++) {
            float[] p = x[rnd.nextInt(n)];
            for (int q = 0; q < d; q++) {
                c[j][q] = p[q];
            }
        }
        int[] a = new int[n];
        for (int it = 0; it < 50; it++) {
            for (int i = 0; i < n; i++) {
                double best = Double.MAX_VALUE;
                for (int j = 0; j < k; j++) {
                    double s = 0;
                    for (int q = 0; q < d; q++) {
                        double v = x[i][q] - c[j][q];
                        s += v * v;
                    }
                    if (s < best) {
                        best = s;
                        a[i] = j;
                    }
                }
            }
            double[][] sum = new double[k][d];
            int[] cnt = new int[k];
            for (int i = 0; i < n; i++) {
                cnt[a[i]]++;
                for (int q = 0; q < d; q++) {
                    sum[a[i]][q] += x[i][q];
                }
            }
            for (int j = 0; j < k; j++) {
                for (int q = 0; q < d && cnt[j] > 0; q++) {
                    c[j][q] = sum[j][q] / cnt[j];
                }
            }
        }
        return a;
    }

    private static long step(BenchResult r, String name, long t0) {
        long now = System.nanoTime();
        r.row(name, (now - t0) / 1e9);
        r.put(name.replace(' ', '_') + "_seconds", (now - t0) / 1e9);
        return now;
    }

    private static ReportModel model(Dataset data, Hdbscan.Result seg, float[][] xy, PropensityResult pr,
            TemporalSplit split) {
        int n = data.users().size();
        int[] labels = seg.labels();
        Events ev = data.events();
        // Per-user RFM as of the end, and per-segment item user counts, for simple evidence.
        double[] spend = new double[n];
        int[] count = new int[n];
        Map<Integer, Map<Integer, Integer>> itemUsers = new LinkedHashMap<>();
        Map<Integer, Integer> allItemUsers = new java.util.HashMap<>();
        java.util.Set<Long> seen = new java.util.HashSet<>();
        for (int e = 0; e < ev.size(); e++) {
            int u = ev.user(e);
            spend[u] += ev.value(e) * ev.price(e);
            count[u]++;
            if (seen.add(((long) u << 32) | ev.item(e))) {
                itemUsers.computeIfAbsent(labels[u], k -> new java.util.HashMap<>()).merge(ev.item(e), 1, Integer::sum);
                allItemUsers.merge(ev.item(e), 1, Integer::sum);
            }
        }
        double allSpend = Arrays.stream(spend).sum() / n;
        double allCount = Arrays.stream(count).sum() / (double) n;
        Map<Integer, String> names = new LinkedHashMap<>();
        List<ReportModel.Segment> segments = new ArrayList<>();
        double horizon = split.horizonSeconds() / 86_400.0;
        for (SegmentPropensity sp : pr.segments()) {
            int id = sp.segment();
            int[] members = java.util.stream.IntStream.range(0, n).filter(u -> labels[u] == id).toArray();
            double segSpend = Arrays.stream(members).mapToDouble(u -> spend[u]).sum() / members.length;
            double segCount = Arrays.stream(members).mapToDouble(u -> count[u]).sum() / members.length;
            Map<Integer, Integer> iu = itemUsers.getOrDefault(id, Map.of());
            List<ReportModel.Item> top = iu.entrySet().stream().filter(e -> e.getValue() >= Math.max(3, members.length / 20))
                    .sorted((a, b) -> Double.compare(lift(b, members.length, allItemUsers, n), lift(a, members.length, allItemUsers, n)))
                    .limit(5).map(e -> new ReportModel.Item(data.items().title(e.getKey()), (double) e.getValue() / members.length))
                    .toList();
            String name = id < 0 ? "Outliers" : "Segment " + id;
            names.put(id, name);
            segments.add(new ReportModel.Segment(id, name, "", members.length, (double) members.length / n,
                    List.of(new ReportModel.Feature("mean spend (£)", String.format("%.0f", segSpend), segSpend / allSpend),
                            new ReportModel.Feature("mean purchase lines", String.format("%.0f", segCount), segCount / allCount)),
                    List.of(), top, List.of(), PropensityTables.propensities(sp, pr.population(), horizon), sp.phrases()));
        }
        segments.sort((a, b) -> a.id() < 0 ? 1 : b.id() < 0 ? -1 : Long.compare(b.size(), a.size()));
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("stage", "report");
        manifest.put("bench", "report");
        manifest.put("segmenter", "hdbscan");
        return new ReportModel("Online Retail — behaviour segments", "UCI Online Retail, customers with purchases",
                java.time.Instant.now().toString(), new ReportModel.DatasetSummary(data.name(), n, data.items().size(),
                        ev.size()), segments, ReportModel.MapData.sample(xy, labels, 5000, 1),
                PropensityTables.section(pr, names), manifest);
    }

    private static double lift(Map.Entry<Integer, Integer> e, int segSize, Map<Integer, Integer> all, int n) {
        return ((double) e.getValue() / segSize) / ((double) all.get(e.getKey()) / n);
    }
}
