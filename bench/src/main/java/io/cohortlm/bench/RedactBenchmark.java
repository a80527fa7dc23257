package io.cohortlm.bench;

import io.cohortlm.privacy.Redaction;
import io.cohortlm.privacy.RedactionStats;
import io.cohortlm.privacy.Redactor;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * {@code bench/run redact [--data FILE] [--rows N]}: Redactor throughput and false positives on the Online
 * Retail rows rendered as short texts (they hold no personal data, so every redaction is a false positive),
 * then on the same texts with an e-mail or phone number planted in every 10th.
 */
final class RedactBenchmark implements Benchmark {
    private static final String[] PLANTED = {
        "contact jane.doe@example.com", "tel +44 20 7946 0958", "手机 138 1234 5678", "call (415) 555-2671",
        "ip 192.168.10.20"};

    @Override
    public String name() {
        return "redact";
    }

    @Override
    public String description() {
        return "Redactor texts/s and false positives on Online Retail rows rendered as texts";
    }

    @Override
    public BenchResult run(List<String> args, Path out) throws Exception {
        Path data = Path.of("../shared/data/online-retail/online_retail.csv.gz");
        int maxRows = Integer.MAX_VALUE;
        for (int i = 0; i + 1 < args.size(); i += 2) {
            switch (args.get(i)) {
                case "--data" -> data = Path.of(args.get(i + 1));
                case "--rows" -> maxRows = Integer.parseInt(args.get(i + 1));
                default -> throw new IllegalArgumentException("unknown option " + args.get(i));
            }
        }
        List<String> clean = load(data, maxRows);
        List<String> planted = new ArrayList<>(clean.size());
        for (int i = 0; i < clean.size(); i++) {
            planted.add(i % 10 == 0 ? clean.get(i) + ", " + PLANTED[(i / 10) % PLANTED.length] : clean.get(i));
        }
        long chars = clean.stream().mapToLong(String::length).sum();
        Redactor r = Redactor.standard();

        BenchResult res = new BenchResult().header("texts", "n", "avg chars", "texts/s wall (median of 3)",
                "texts per CPU-s", "changed",
                "counts");
        for (var e : Map.of("clean", clean, "planted 1 in 10", planted).entrySet().stream()
                .sorted(Map.Entry.comparingByKey()).toList()) {
            List<String> texts = e.getValue();
            RedactionStats stats = new RedactionStats();
            texts.forEach(t -> stats.add(r.redact(t))); // warm-up and counts
            double[] rates = new double[3];
            double[] cpuRates = new double[3];
            var mx = java.lang.management.ManagementFactory.getThreadMXBean();
            for (int k = 0; k < 3; k++) {
                long c0 = mx.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                long sink = 0;
                for (String t : texts) {
                    sink += r.redact(t).text().length();
                }
                rates[k] = texts.size() / ((System.nanoTime() - t0) / 1e9);
                cpuRates[k] = texts.size() / ((mx.getCurrentThreadCpuTime() - c0) / 1e9);
                if (sink == 42) {
                    System.out.print("");
                }
            }
            Arrays.sort(rates);
            Arrays.sort(cpuRates);
            res.row(e.getKey(), texts.size(), (double) chars / clean.size(), rates[1], cpuRates[1], stats.changedTexts(),
                    stats.counts().toString());
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("texts", texts.size());
            j.put("textsPerSecond", rates[1]);
            j.put("textsPerCpuSecond", cpuRates[1]);
            j.put("changedTexts", stats.changedTexts());
            j.put("counts", stats.counts().toString());
            res.put(e.getKey().replace(' ', '_'), j);
        }
        List<String> examples = new ArrayList<>();
        for (String t : clean) {
            Redaction x = r.redact(t);
            if (x.changed() && examples.size() < 10) {
                examples.add(t + "  ->  " + x.text());
            }
        }
        res.put("falsePositiveExamples", examples);
        examples.forEach(x -> System.out.println("false positive: " + x));
        return res;
    }

    private static List<String> load(Path data, int maxRows) throws Exception {
        List<String> out = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(data)), StandardCharsets.UTF_8))) {
            for (CSVRecord rec : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
                if (out.size() >= maxRows) {
                    break;
                }
                out.add("Customer " + rec.get("CustomerID") + " in " + rec.get("Country") + " bought "
                        + rec.get("Quantity") + " x " + rec.get("Description") + " at " + rec.get("UnitPrice")
                        + " on " + rec.get("InvoiceDate") + " (invoice " + rec.get("InvoiceNo") + ", item "
                        + rec.get("StockCode") + ")");
            }
        }
        return out;
    }
}
