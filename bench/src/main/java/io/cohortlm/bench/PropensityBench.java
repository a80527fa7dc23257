package io.cohortlm.bench;

import io.cohortlm.data.Dataset;
import io.cohortlm.data.Events;
import io.cohortlm.data.Items;
import io.cohortlm.data.Users;
import io.cohortlm.predict.BinaryMetrics;
import io.cohortlm.predict.BoostedStumps;
import io.cohortlm.predict.LogisticModel;
import io.cohortlm.predict.LogisticRegression;
import io.cohortlm.predict.Outcomes;
import io.cohortlm.predict.Propensities;
import io.cohortlm.predict.PropensityResult;
import io.cohortlm.predict.TemporalSplit;
import io.cohortlm.predict.UserFeatures;
import io.cohortlm.represent.BehaviourView;
import io.cohortlm.represent.EventWeights;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.zip.GZIPInputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * {@code bench/run propensity [--data FILE] [--horizon DAYS]}: P(active in the next DAYS) on UCI Online Retail
 * (customers' purchase lines; cancellations, non-positive prices and non-product codes dropped) with the last
 * DAYS as the label period. Compares RFM-only and RFM + behaviour vectors (computed from pre-cut events only)
 * against one-feature baselines, and the hand-written learner against scikit-learn's LogisticRegression on the
 * same standardised features and split (Debian {@code python3-sklearn} via /usr/bin/python3, skipped if absent).
 */
public final class PropensityBench implements Benchmark {
    @Override
    public String name() {
        return "propensity";
    }

    @Override
    public String description() {
        return "P(active next period) on Online Retail: RFM vs RFM+vectors vs baselines vs scikit-learn";
    }

    @Override
    public BenchResult run(List<String> args, Path out) throws Exception {
        Path file = Path.of("../shared/data/online-retail/online_retail.csv.gz");
        double horizon = 90;
        for (int i = 0; i + 1 < args.size(); i += 2) {
            switch (args.get(i)) {
                case "--data" -> file = Path.of(args.get(i + 1));
                case "--horizon" -> horizon = Double.parseDouble(args.get(i + 1));
                default -> throw new IllegalArgumentException("unknown option " + args.get(i));
            }
        }
        long t0 = System.nanoTime();
        Dataset data = load(file, Long.MAX_VALUE);
        double loadS = (System.nanoTime() - t0) / 1e9;
        TemporalSplit split = TemporalSplit.lastPeriod(data.events(), horizon);
        Dataset before = load(file, split.cut());
        float[][] vectors = new BehaviourView(32, EventWeights.defaults(), 1).compute(before).vectors();
        // Same users in the same order in both loads: rows come in file order and users are interned in it,
        // but a user whose first purchase is after the cut is absent from `before`.
        float[][] aligned = new float[data.users().size()][32];
        for (int u = 0; u < before.users().size(); u++) {
            aligned[data.users().ids().indexOf(before.users().ids().id(u))] = vectors[u];
        }
        int n = data.users().size();
        int[] noSegments = new int[n];
        BenchResult r = new BenchResult().header("variant", "auc", "log_loss", "brier", "ece", "f1", "seconds");
        r.put("users", n).put("events", data.events().size()).put("load_seconds", loadS)
                .put("cut", java.time.Instant.ofEpochSecond(split.cut()).toString()).put("horizon_days", horizon);
        for (String variant : List.of("rfm", "rfm+behaviour32")) {
            PropensityResult pr = Propensities.defaults(7).fit(data, variant.equals("rfm") ? null : aligned, noSegments, split);
            BinaryMetrics m = pr.active().overall();
            r.row(variant, m.rocAuc(), m.logLoss(), m.brier(), m.calibration().ece(), m.f1(), pr.seconds());
            r.put(variant, java.util.Map.of("auc", m.rocAuc(), "log_loss", m.logLoss(), "brier", m.brier(), "ece",
                    m.calibration().ece(), "test_users", pr.testUsers(), "base_rate", pr.active().baseRate(),
                    "importance", pr.active().importance().toString()));
        }
        // One-feature baselines and the scikit-learn peer on one explicit split of RFM features.
        UserFeatures f = UserFeatures.at(data.events(), n, null, split.cut());
        Outcomes o = Outcomes.of(data.events(), data.items(), n, split);
        int[] users = java.util.stream.IntStream.range(0, n).filter(u -> f.hasHistory()[u]).toArray();
        SplittableRandom rnd = new SplittableRandom(3);
        boolean[] isTest = new boolean[users.length];
        for (int i = 0; i < users.length; i++) {
            isTest[i] = rnd.nextDouble() < 0.3;
        }
        List<double[]> trX = new ArrayList<>(), teX = new ArrayList<>();
        List<Integer> trY = new ArrayList<>();
        List<Boolean> teY = new ArrayList<>();
        for (int i = 0; i < users.length; i++) {
            if (isTest[i]) {
                teX.add(f.x()[users[i]]);
                teY.add(o.active()[users[i]]);
            } else {
                trX.add(f.x()[users[i]]);
                trY.add(o.active()[users[i]] ? 1 : 0);
            }
        }
        double[][] xtr = trX.toArray(double[][]::new), xte = teX.toArray(double[][]::new);
        boolean[] yte = new boolean[teY.size()];
        for (int i = 0; i < yte.length; i++) {
            yte[i] = teY.get(i);
        }
        for (int col : new int[] {0, 2}) {
            double[] s = Arrays.stream(xte).mapToDouble(row -> col == 0 ? -row[col] : row[col]).toArray();
            r.row(col == 0 ? "baseline: -recency" : "baseline: event count", BinaryMetrics.rocAuc(s, yte), "", "", "", "", "");
            r.put(col == 0 ? "baseline_recency_auc" : "baseline_frequency_auc", BinaryMetrics.rocAuc(s, yte));
        }
        LogisticRegression lr = LogisticRegression.defaults();
        long t1 = System.nanoTime();
        LogisticModel m = lr.fit(xtr, trY.stream().mapToInt(Integer::intValue).toArray(), 2);
        double ours = (System.nanoTime() - t1) / 1e9;
        double[] p = m.positiveProbability(xte);
        BinaryMetrics bm = BinaryMetrics.of(p, yte);
        r.row("cohortlm logistic (rfm, split B)", bm.rocAuc(), bm.logLoss(), bm.brier(), bm.calibration().ece(), bm.f1(), ours);
        r.put("split_b", java.util.Map.of("auc", bm.rocAuc(), "log_loss", bm.logLoss(), "seconds", ours,
                "iterations", m.iterations(), "converged", m.converged()));
        boolean[] ytr = new boolean[trY.size()];
        for (int i = 0; i < ytr.length; i++) {
            ytr[i] = trY.get(i) == 1;
        }
        long t2 = System.nanoTime();
        BoostedStumps.Model gb = BoostedStumps.defaults().fit(xtr, ytr);
        double gbS = (System.nanoTime() - t2) / 1e9;
        BinaryMetrics gm = BinaryMetrics.of(gb.positiveProbability(xte), yte);
        r.row("boosted stumps 300 (rfm, split B)", gm.rocAuc(), gm.logLoss(), gm.brier(), gm.calibration().ece(), gm.f1(), gbS);
        r.put("split_b_stumps", java.util.Map.of("auc", gm.rocAuc(), "log_loss", gm.logLoss(), "seconds", gbS));
        peer(r, out, xtr, trY, xte, yte, p, lr.l2());
        return r;
    }

    /** scikit-learn LogisticRegression (lbfgs) with C = 1 / (l2 · n): the same objective as ours. */
    private static void peer(BenchResult r, Path out, double[][] xtr, List<Integer> ytr, double[][] xte, boolean[] yte,
            double[] ours, double l2) throws Exception {
        if (!Files.isExecutable(Path.of("/usr/bin/python3"))) {
            r.put("sklearn", "skipped: /usr/bin/python3 absent");
            return;
        }
        Path dir = Files.createDirectories(out.resolve("propensity-peer"));
        StringBuilder tr = new StringBuilder(), te = new StringBuilder();
        for (int i = 0; i < xtr.length; i++) {
            tr.append(ytr.get(i));
            for (double v : xtr[i]) {
                tr.append(',').append(v);
            }
            tr.append('\n');
        }
        for (int i = 0; i < xte.length; i++) {
            te.append(yte[i] ? 1 : 0);
            for (double v : xte[i]) {
                te.append(',').append(v);
            }
            te.append('\n');
        }
        Files.writeString(dir.resolve("train.csv"), tr);
        Files.writeString(dir.resolve("test.csv"), te);
        String py = String.join("\n",
                "import numpy as np, time, sys",
                "from sklearn.linear_model import LogisticRegression",
                "from sklearn.preprocessing import StandardScaler",
                "from sklearn.metrics import roc_auc_score, log_loss",
                "tr = np.loadtxt(sys.argv[1] + '/train.csv', delimiter=','); te = np.loadtxt(sys.argv[1] + '/test.csv', delimiter=',')",
                "sc = StandardScaler().fit(tr[:, 1:])",
                "C = 1.0 / (" + l2 + " * len(tr))",
                "t = time.time(); m = LogisticRegression(C=C, solver='lbfgs', max_iter=1000, tol=1e-10).fit(sc.transform(tr[:, 1:]), tr[:, 0]); t = time.time() - t",
                "p = m.predict_proba(sc.transform(te[:, 1:]))[:, 1]",
                "np.savetxt(sys.argv[1] + '/p.csv', p)",
                "print('%.6f %.6f %.4f' % (roc_auc_score(te[:, 0], p), log_loss(te[:, 0], p), t))");
        Files.writeString(dir.resolve("peer.py"), py);
        Process proc = new ProcessBuilder("/usr/bin/python3", dir.resolve("peer.py").toString(), dir.toString())
                .redirectErrorStream(true).start();
        String text = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (proc.waitFor() != 0) {
            r.put("sklearn", "failed: " + text);
            return;
        }
        String[] f = text.split("\\s+");
        double[] theirs = Files.readAllLines(dir.resolve("p.csv")).stream().mapToDouble(Double::parseDouble).toArray();
        double maxDiff = 0;
        for (int i = 0; i < theirs.length; i++) {
            maxDiff = Math.max(maxDiff, Math.abs(theirs[i] - ours[i]));
        }
        r.row("scikit-learn 1.x logistic (rfm, split B)", Double.parseDouble(f[0]), Double.parseDouble(f[1]), "", "", "",
                Double.parseDouble(f[2]));
        r.put("sklearn", java.util.Map.of("auc", Double.parseDouble(f[0]), "log_loss", Double.parseDouble(f[1]),
                "seconds", Double.parseDouble(f[2]), "max_abs_probability_difference", maxDiff));
        r.row("max |p_ours - p_sklearn|", maxDiff, "", "", "", "", "");
    }

    /** Customers' product purchase lines with InvoiceDate before {@code before} (epoch seconds). */
    static Dataset load(Path file, long before) throws Exception {
        Users users = new Users();
        Items items = new Items();
        Events ev = new Events(400_000);
        byte buy = ev.types().code("purchase");
        DateTimeFormatter fmt = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);
        try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(file)),
                StandardCharsets.UTF_8))) {
            for (CSVRecord rec : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(in)) {
                String customer = rec.get("CustomerID");
                String code = rec.get("StockCode");
                if (customer.isBlank() || rec.get("InvoiceNo").startsWith("C") || code.isEmpty()
                        || !Character.isDigit(code.charAt(0))) {
                    continue;
                }
                float qty = Float.parseFloat(rec.get("Quantity"));
                float price = Float.parseFloat(rec.get("UnitPrice"));
                long t = LocalDateTime.parse(rec.get("InvoiceDate"), fmt).toEpochSecond(ZoneOffset.UTC);
                if (qty <= 0 || price <= 0 || t >= before) {
                    continue;
                }
                int u = users.addRow(customer);
                int i = items.addRow(code);
                if (items.title(i) == null) {
                    items.setTitle(i, rec.get("Description"));
                }
                ev.add(u, i, buy, qty, price, t);
            }
        }
        users.seal();
        items.seal();
        ev.trim();
        return new Dataset("online-retail", users, items, ev);
    }
}
