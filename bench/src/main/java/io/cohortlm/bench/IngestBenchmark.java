package io.cohortlm.bench;

import io.cohortlm.data.Dataset;
import io.cohortlm.data.Events;
import io.cohortlm.ingest.DatasetStore;
import io.cohortlm.ingest.IngestOptions;
import io.cohortlm.ingest.IngestResult;
import io.cohortlm.ingest.OnlineRetailReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * {@code bench/run ingest [--file PATH] [--warmup N] [--runs N]}: rows/s reading the full Online Retail file
 * (gunzip included) with the fast parser, best and median of several runs after warm-up; the Commons CSV path
 * timed in the same run as the peer and checked to give the identical dataset; gunzip alone as the floor;
 * writing and reading the normalised store (binary events vs gzip CSV events, measured).
 */
final class IngestBenchmark implements Benchmark {
    private static final List<String> CANDIDATES = List.of("../shared/data/online-retail/online_retail.csv.gz",
            "shared/data/online-retail/online_retail.csv.gz", "/work/shared/data/online-retail/online_retail.csv.gz");

    @Override
    public String name() {
        return "ingest";
    }

    @Override
    public String description() {
        return "rows/s ingesting the full Online Retail file (fast parser vs Commons CSV), store write/read";
    }

    @Override
    public BenchResult run(List<String> args, Path out) throws Exception {
        Path file = null;
        int warmup = 3;
        int runs = 7;
        for (int i = 0; i < args.size(); i++) {
            switch (args.get(i)) {
                case "--file" -> file = Path.of(args.get(++i));
                case "--warmup" -> warmup = Integer.parseInt(args.get(++i));
                case "--runs" -> runs = Integer.parseInt(args.get(++i));
                default -> throw new IllegalArgumentException("unknown option " + args.get(i)
                        + " (known: --file PATH, --warmup N, --runs N)");
            }
        }
        if (file == null) {
            file = CANDIDATES.stream().map(Path::of).filter(Files::exists).findFirst().orElseThrow(
                    () -> new IllegalArgumentException("Online Retail file not found at " + CANDIDATES
                            + "; pass --file PATH"));
        }
        String load = loadAverage();
        IngestOptions options = IngestOptions.defaults();
        OnlineRetailReader fast = new OnlineRetailReader(file, OnlineRetailReader.Parser.FAST);
        OnlineRetailReader ref = new OnlineRetailReader(file, OnlineRetailReader.Parser.COMMONS_CSV);

        for (int i = 0; i < warmup; i++) {
            fast.read(options);
            gunzipOnly(file);
        }
        double[] fastS = new double[runs];
        double[] fastCpu = new double[runs];
        double[] gunzipS = new double[runs];
        double[] parseCpu = new double[runs];
        double[] gunzipCpu = new double[runs];
        java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        IngestResult fastResult = null;
        for (int i = 0; i < runs; i++) {
            long c0 = processCpu();
            long m0 = mx.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            fastResult = fast.read(options);
            fastS[i] = (System.nanoTime() - t0) / 1e9;
            parseCpu[i] = (mx.getCurrentThreadCpuTime() - m0) / 1e9;
            fastCpu[i] = (processCpu() - c0) / 1e9;
            long g0 = mx.getCurrentThreadCpuTime();
            long t1 = System.nanoTime();
            gunzipOnly(file);
            gunzipS[i] = (System.nanoTime() - t1) / 1e9;
            gunzipCpu[i] = (mx.getCurrentThreadCpuTime() - g0) / 1e9;
        }
        long rows = fastResult.summary().rowsRead();
        ref.read(options);
        int refRuns = Math.max(1, runs / 3);
        double[] refS = new double[refRuns];
        IngestResult refResult = null;
        for (int i = 0; i < refRuns; i++) {
            long t0 = System.nanoTime();
            refResult = ref.read(options);
            refS[i] = (System.nanoTime() - t0) / 1e9;
        }
        String parity = compare(fastResult, refResult);

        Path store = out.resolve("ingest-store");
        double[] write = new double[3];
        double[] read = new double[3];
        for (int i = 0; i < 3; i++) {
            long t0 = System.nanoTime();
            DatasetStore.write(fastResult.dataset(), store);
            write[i] = (System.nanoTime() - t0) / 1e9;
            long t1 = System.nanoTime();
            DatasetStore.read(store);
            read[i] = (System.nanoTime() - t1) / 1e9;
        }
        long binBytes = Files.size(store.resolve("events.bin"));
        Path csvGz = out.resolve("ingest-events.csv.gz");
        double[] gzWrite = new double[2];
        double[] gzRead = new double[2];
        for (int i = 0; i < 2; i++) {
            long t0 = System.nanoTime();
            writeEventsCsvGz(fastResult.dataset().events(), csvGz);
            gzWrite[i] = (System.nanoTime() - t0) / 1e9;
            long t1 = System.nanoTime();
            readEventsCsvGz(csvGz);
            gzRead[i] = (System.nanoTime() - t1) / 1e9;
        }
        long gzBytes = Files.size(csvGz);

        BenchResult r = new BenchResult();
        r.put("file", file.toString()).put("rows", rows).put("load_average_at_start", load)
                .put("warmup_runs", warmup).put("runs", runs)
                .put("rows_per_s", Math.round(rows / min(fastS))).put("rows_per_s_median", Math.round(rows / median(fastS)))
                .put("seconds_best", min(fastS)).put("seconds_median", median(fastS))
                .put("process_cpu_seconds_median", median(fastCpu))
                .put("parse_thread_cpu_seconds_median", median(parseCpu))
                .put("gunzip_thread_cpu_seconds_median", median(gunzipCpu))
                .put("cpu_bound_rows_per_s_estimate", Math.round(rows / Math.max(median(parseCpu), median(gunzipCpu))))
                .put("gunzip_only_seconds_best", min(gunzipS))
                .put("commons_csv_rows_per_s", Math.round(rows / min(refS)))
                .put("commons_csv_seconds_best", min(refS))
                .put("fast_vs_commons_csv_speedup", min(refS) / min(fastS))
                .put("parity_with_commons_csv", parity)
                .put("store_write_seconds_best", min(write)).put("store_read_seconds_best", min(read))
                .put("events_bin_bytes", binBytes)
                .put("events_csv_gz_bytes", gzBytes).put("events_csv_gz_write_seconds_best", min(gzWrite))
                .put("events_csv_gz_read_seconds_best", min(gzRead));
        r.header("measure", "best", "median", "note");
        r.row("fast parser rows/s", String.format(Locale.ROOT, "%,d", Math.round(rows / min(fastS))),
                String.format(Locale.ROOT, "%,d", Math.round(rows / median(fastS))),
                runs + " runs after " + warmup + " warm-up; gunzip on a 2nd thread");
        r.row("fast parser s", min(fastS), median(fastS), "process CPU median " + fmt(median(fastCpu)) + " s");
        r.row("gunzip only s", min(gunzipS), median(gunzipS), "one thread, the floor");
        r.row("parse thread CPU s", min(parseCpu), median(parseCpu), "thread CPU time of the parsing thread");
        r.row("gunzip thread CPU s", min(gunzipCpu), median(gunzipCpu), "thread CPU time of gunzip alone");
        r.row("CPU-bound rows/s", String.format(Locale.ROOT, "%,d", Math.round(rows / Math.max(median(parseCpu),
                median(gunzipCpu)))), "", "estimate for 2 idle cores: rows / max(parse, gunzip) thread CPU");
        r.row("Commons CSV rows/s", String.format(Locale.ROOT, "%,d", Math.round(rows / min(refS))),
                String.format(Locale.ROOT, "%,d", Math.round(rows / median(refS))), "peer, same data, " + refRuns + " runs");
        r.row("parity", parity, "", "fast vs Commons CSV: summary and every event");
        r.row("store write s", min(write), median(write), "users.csv + items.csv + events.bin + dataset.json");
        r.row("store read s", min(read), median(read), "");
        r.row("events.bin MB", binBytes / 1e6, "", "vs gzip CSV " + fmt(gzBytes / 1e6) + " MB, write "
                + fmt(min(gzWrite)) + " s, read " + fmt(min(gzRead)) + " s");
        r.row("load average", load, "", "machine shared; timings are noisy when it is high");
        return r;
    }

    private static String compare(IngestResult a, IngestResult b) {
        if (!a.summary().equals(b.summary())) {
            return "DIFFERENT summary";
        }
        Dataset x = a.dataset();
        Dataset y = b.dataset();
        if (!x.users().ids().ids().equals(y.users().ids().ids()) || !x.items().ids().ids().equals(y.items().ids().ids())) {
            return "DIFFERENT ids";
        }
        Events e = x.events();
        Events f = y.events();
        for (int i = 0; i < e.size(); i++) {
            if (e.user(i) != f.user(i) || e.item(i) != f.item(i) || e.type(i) != f.type(i)
                    || Float.compare(e.value(i), f.value(i)) != 0 || Float.compare(e.price(i), f.price(i)) != 0
                    || e.time(i) != f.time(i)) {
                return "DIFFERENT event " + i;
            }
        }
        for (int i = 0; i < x.items().size(); i++) {
            if (!java.util.Objects.equals(x.items().title(i), y.items().title(i))) {
                return "DIFFERENT title of item " + i;
            }
        }
        return "identical";
    }

    private static void gunzipOnly(Path file) throws IOException {
        byte[] buf = new byte[1 << 16];
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file), 1 << 16)) {
            while (in.read(buf) >= 0) {
                // drain
            }
        }
    }

    private static void writeEventsCsvGz(Events e, Path file) throws IOException {
        try (BufferedWriter w = new BufferedWriter(new OutputStreamWriter(new GZIPOutputStream(
                Files.newOutputStream(file), 1 << 16), StandardCharsets.UTF_8), 1 << 16)) {
            w.write("user,item,type,value,price,time\n");
            for (int i = 0; i < e.size(); i++) {
                w.write(e.user(i) + "," + e.item(i) + "," + e.type(i) + "," + e.value(i) + "," + e.price(i) + ","
                        + e.time(i) + "\n");
            }
        }
    }

    private static long readEventsCsvGz(Path file) throws IOException {
        long sum = 0;
        try (java.io.BufferedReader r = new java.io.BufferedReader(new java.io.InputStreamReader(
                new GZIPInputStream(Files.newInputStream(file), 1 << 16), StandardCharsets.UTF_8), 1 << 16)) {
            r.readLine();
            for (String l = r.readLine(); l != null; l = r.readLine()) {
                String[] f = l.split(",");
                sum += Integer.parseInt(f[0]) + Integer.parseInt(f[1]) + Byte.parseByte(f[2])
                        + (long) Float.parseFloat(f[3]) + (long) Float.parseFloat(f[4]) + Long.parseLong(f[5]);
            }
        }
        return sum;
    }

    private static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static double min(double[] a) {
        return Arrays.stream(a).min().orElse(Double.NaN);
    }

    private static double median(double[] a) {
        double[] s = a.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static String fmt(double d) {
        return String.format(Locale.ROOT, "%.3g", d);
    }

}
