package io.cohortlm.bench;

import io.cohortlm.data.AttributeColumn;
import io.cohortlm.data.AttributeKind;
import io.cohortlm.data.AttributeSpec;
import io.cohortlm.data.Dataset;
import io.cohortlm.data.Events;
import io.cohortlm.data.Items;
import io.cohortlm.data.Users;
import io.cohortlm.evaluate.EvaluationConfig;
import io.cohortlm.evaluate.EvaluationInputs;
import io.cohortlm.evaluate.EvaluationReport;
import io.cohortlm.evaluate.Evaluator;
import io.cohortlm.evaluate.ReportHtml;
import io.cohortlm.evaluate.SegmentEvaluation;
import io.cohortlm.embed.Encoder;
import io.cohortlm.embed.Encoders;
import io.cohortlm.recommend.SegmentAssigner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * {@code bench/run evaluate [--threads N] [--seeds N] [--users N] [--items N] [--no-tune] [--no-ablation]
 * [--planted-segments]}: wall time of the full evaluation as {@code cohortlm evaluate} runs it (all protocols, every
 * method, tuning on, the real encoder on item titles, fine segments chosen and refitted per run, ablation) on
 * MovieLens-1M-sized synthetic data — 6,040 users,
 * 3,706 items, ≈ 1M rating events — from a seeded generator with a Zipf-skewed item popularity, log-normal user
 * activity (each item rated at most once per user), 20 latent taste groups, titles naming a genre and ML-1M-like
 * demographics. With {@code --planted-segments} the evaluator gets the taste groups with 20% of users relabelled at
 * random instead (the evaluator alone, without segment fitting).
 */
public final class EvaluateBenchmark implements Benchmark {
    @Override
    public String name() {
        return "evaluate";
    }

    @Override
    public String description() {
        return "the evaluate command (4 protocols, every method tuned, segments refitted, ablation) on ML-1M-sized synthetic data";
    }

    private static final String[] GENRES = {"western", "romance", "horror", "documentary", "animation", "musical",
        "war drama", "science fiction", "crime thriller", "family comedy", "martial arts", "film noir", "sports",
        "biography", "fantasy adventure", "teen comedy", "space opera", "courtroom drama", "zombie", "heist"};

    /** The synthetic data set and the side information CohortLM would supply. */
    record Synthetic(Dataset data, int[] segments, int groups, float[][] userVectors, float[][] profileVectors,
            float[][] itemVectors, SegmentAssigner assigner) {
    }

    static Synthetic generate(int users, int items, int groups, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Users us = new Users();
        AttributeColumn gender = us.declare(new AttributeSpec("gender", AttributeKind.CATEGORICAL, true));
        AttributeColumn age = us.declare(new AttributeSpec("age", AttributeKind.CATEGORICAL, true));
        AttributeColumn occupation = us.declare(new AttributeSpec("occupation", AttributeKind.CATEGORICAL, false));
        Items it = new Items();
        // Item popularity: Zipf with exponent 0.9 over a random permutation; each item leans to one group.
        double[] pop = new double[items];
        int[] itemGroup = new int[items];
        int d = 64;
        float[][] itemVec = new float[items][d];
        float[][] groupDir = new float[groups][d];
        for (float[] g : groupDir) {
            for (int k = 0; k < d; k++) {
                g[k] = (float) rnd.nextGaussian();
            }
        }
        for (int i = 0; i < items; i++) {
            it.addRow("m" + i);
            int rank = rnd.nextInt(items);
            pop[i] = Math.pow(rank + 1, -0.9);
            itemGroup[i] = rnd.nextInt(groups);
            // Titles name the item's genre (most of the time), so the item-text view has something to find.
            String genre = GENRES[(rnd.nextDouble() < 0.7 ? itemGroup[i] : rnd.nextInt(groups)) % GENRES.length];
            it.setTitle(i, "Movie " + i + " (" + genre + ")");
            for (int k = 0; k < d; k++) {
                itemVec[i][k] = (float) (0.6 * groupDir[itemGroup[i]][k] + rnd.nextGaussian());
            }
        }
        double[] globalCdf = cdf(pop);
        double[][] groupCdf = new double[groups][];
        for (int g = 0; g < groups; g++) {
            double[] w = new double[items];
            for (int i = 0; i < items; i++) {
                w[i] = itemGroup[i] == g ? pop[i] : 0;
            }
            groupCdf[g] = cdf(w);
        }
        Events ev = new Events(1_100_000);
        byte rating = ev.types().code("rating");
        int[] truth = new int[users];
        int[] segments = new int[users];
        float[][] userVec = new float[users][groups];
        float[][] profileVec = new float[users][groups];
        long start = 956_703_932L; // MovieLens-1M's first rating
        long span = 3L * 365 * 86_400;
        for (int u = 0; u < users; u++) {
            us.addRow("u" + u);
            int g = rnd.nextInt(groups);
            truth[u] = g;
            gender.setLevel(u, (g % 3 == 0) == (rnd.nextDouble() < 0.8) ? "F" : "M");
            age.setLevel(u, "a" + Math.min(6, (g % 7 + (rnd.nextDouble() < 0.3 ? rnd.nextInt(7) : 0)) % 7));
            occupation.setLevel(u, "o" + rnd.nextInt(21));
            segments[u] = rnd.nextDouble() < 0.8 ? g : rnd.nextInt(groups);
            userVec[u][segments[u]] = 1;
            for (int k = 0; k < groups; k++) {
                userVec[u][k] += (float) (0.2 * rnd.nextGaussian());
                profileVec[u][k] = (float) (0.25 * rnd.nextGaussian());
            }
            // Profile vectors only know demographics: a weaker pull toward the true group.
            profileVec[u][g] += 0.5f;
            // Log-normal activity, at least 20 ratings (ML-1M: median ≈ 96, mean ≈ 165).
            int count = (int) Math.min(2000, Math.max(20, Math.exp(4.55 + 0.95 * rnd.nextGaussian())));
            long t = start + (long) (rnd.nextDouble() * span * 0.9);
            java.util.BitSet rated = new java.util.BitSet(items);
            for (int e = 0; e < count; e++) {
                // Like MovieLens, a user rates an item at most once: redraw (bounded) on repeats.
                int item = -1;
                for (int tries = 0; tries < 50 && (item < 0 || rated.get(item)); tries++) {
                    double[] c = rnd.nextDouble() < 0.55 ? groupCdf[g] : globalCdf;
                    item = draw(c, rnd.nextDouble());
                }
                if (rated.get(item)) {
                    continue;
                }
                rated.set(item);
                float r = (float) Math.min(5, Math.max(1, Math.round(3.6 + 1.1 * rnd.nextGaussian()
                        + (itemGroup[item] == g ? 0.6 : -0.2))));
                t += 60 + (long) (rnd.nextDouble() * 86_400 * (rnd.nextDouble() < 0.05 ? 30 : 0.2));
                ev.add(u, item, rating, r, Float.NaN, t);
            }
        }
        ev.trim();
        us.seal();
        SegmentAssigner assigner = v -> {
            int best = 0;
            for (int k = 1; k < v.length; k++) {
                if (v[k] > v[best]) {
                    best = k;
                }
            }
            return best;
        };
        return new Synthetic(new Dataset("synthetic-ml1m", us, it, ev), segments, groups, userVec, profileVec,
                itemVec, assigner);
    }

    private static double[] cdf(double[] w) {
        double[] c = new double[w.length];
        double s = 0;
        for (int i = 0; i < w.length; i++) {
            s += w[i];
            c[i] = s;
        }
        for (int i = 0; i < w.length; i++) {
            c[i] /= s;
        }
        return c;
    }

    private static int draw(double[] cdf, double x) {
        int i = java.util.Arrays.binarySearch(cdf, x);
        return Math.min(cdf.length - 1, i >= 0 ? i : -i - 1);
    }

    @Override
    public BenchResult run(List<String> args, Path out) throws Exception {
        int threads = 2;
        int seeds = 3;
        int users = 6040;
        int items = 3706;
        boolean tune = true;
        boolean planted = false;
        boolean ablation = true;
        for (int i = 0; i < args.size(); i++) {
            switch (args.get(i)) {
                case "--planted-segments" -> planted = true;
                case "--no-ablation" -> ablation = false;
                case "--threads" -> threads = Integer.parseInt(args.get(++i));
                case "--seeds" -> seeds = Integer.parseInt(args.get(++i));
                case "--users" -> users = Integer.parseInt(args.get(++i));
                case "--items" -> items = Integer.parseInt(args.get(++i));
                case "--no-tune" -> tune = false;
                default -> throw new IllegalArgumentException("evaluate: unknown option '" + args.get(i) + "'");
            }
        }
        long g0 = System.nanoTime();
        Synthetic s = generate(users, items, 20, 2026);
        double genSeconds = (System.nanoTime() - g0) / 1e9;
        List<Long> seedList = new java.util.ArrayList<>();
        for (long k = 0; k < seeds; k++) {
            seedList.add(k);
        }
        EvaluationConfig cfg = EvaluationConfig.defaults().withProtocols(EvaluationConfig.PROTOCOLS, seedList)
                .withMethods(EvaluationConfig.METHODS, tune).withThreads(threads);
        long t0 = System.nanoTime();
        EvaluationReport report;
        com.fasterxml.jackson.databind.node.ObjectNode pipelineJson = null;
        if (planted) {
            EvaluationInputs in = new EvaluationInputs(s.segments(), s.groups(), s.userVectors(), s.profileVectors(),
                    s.itemVectors(), s.assigner(), null);
            report = Evaluator.run(s.data(), in, cfg);
        } else {
            // What `cohortlm evaluate` runs: the real encoder on the titles, fine segments chosen and refitted per
            // run, the ablation and the language-model rows.
            try (Encoder encoder = Encoders.byName("minilm")) {
                SegmentEvaluation.Outcome o = new SegmentEvaluation(cfg, encoder, 0, 42, ablation).run(s.data());
                report = o.report();
                pipelineJson = o.json();
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (pipelineJson != null) {
            Files.writeString(out.resolve("evaluation.json"), pipelineJson.toPrettyString());
        }
        Files.writeString(out.resolve("evaluate-report.json"), report.toJson());
        Files.writeString(out.resolve("evaluate-report.html"), ReportHtml.render(report));
        BenchResult r = new BenchResult();
        r.put("users", users).put("items", items).put("events", s.data().events().size())
                .put("entries", report.entries()).put("threads", threads).put("seeds", seeds).put("tune", tune).put("path", planted
                        ? "Evaluator.run with planted segments" : "SegmentEvaluation (the evaluate command)")
                .put("generateSeconds", genSeconds).put("evaluateSeconds", seconds)
                .put("loadAverage", java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                        .getSystemLoadAverage())
                .put("timings", report.timings());
        Map<String, Object> ndcg = new LinkedHashMap<>();
        r.header("protocol", "method", "users", "ndcg@10", "recall@20", "coverage@10", "novelty@10");
        for (String p : EvaluationConfig.PROTOCOLS) {
            for (EvaluationReport.Result x : report.rows(p, "all")) {
                r.row(p, x.method(), x.users(), x.metrics().get("ndcg@10"), x.metrics().get("recall@20"),
                        x.metrics().get("coverage@10"), x.metrics().get("novelty@10"));
                ndcg.put(p + "/" + x.method(), x.metrics().get("ndcg@10"));
            }
        }
        r.row("total", "wall seconds", "", seconds, "", "", "");
        r.put("ndcg@10", ndcg);
        List<Map<String, Object>> sig = new java.util.ArrayList<>();
        for (EvaluationReport.Significance x : report.significance()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("protocol", x.protocol());
            m.put("baseline", x.baseline());
            m.put("hybrid", x.methodMean());
            m.put("baselineMean", x.baselineMean());
            m.put("tP", x.tPValue());
            m.put("wilcoxonP", x.wilcoxonPValue());
            sig.add(m);
        }
        r.put("significance", sig);
        return r;
    }
}
