package io.cohortlm.bench.kmeans;

import io.cohortlm.bench.BenchResult;
import io.cohortlm.bench.Benchmark;
import io.cohortlm.segment.FitDiagnostics;
import io.cohortlm.segment.GaussianBlobs;
import io.cohortlm.segment.Init;
import io.cohortlm.segment.KMeansClusterer;
import io.cohortlm.segment.KMeansConfig;
import io.cohortlm.segment.Matrix;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * {@code bench/run kmeans}: seconds per Lloyd iteration of CohortLM and the peers a user would otherwise pick
 * (Spark MLlib local, Smile, Commons Math, scikit-learn), in one run on the same seeded Gaussian blobs, plus the
 * machine's FP32 matrix-multiply rate (numpy/OpenBLAS) as the ceiling: {@code 2·n·k·d} flops per iteration.
 * <p>Options: {@code --sizes 1000000x64x50,200000x64x50} (n×d×k), {@code --iters 10} (CohortLM and scikit-learn
 * iteration cap), {@code --peer-iters 3} (timed iterations of the Java peers), {@code --threads N},
 * {@code --seed S}, {@code --skip spark,smile,commons_math,sklearn} or {@code --no-slow-peers} (all four Java /
 * Python peers), {@code --python /usr/bin/python3}.
 */
public final class KMeansBenchmark implements Benchmark {
    @Override
    public String name() {
        return "kmeans";
    }

    @Override
    public String description() {
        return "s/iteration of k-means: CohortLM vs Spark MLlib, Smile, Commons Math, scikit-learn, vs GEMM rate";
    }

    private record Size(int n, int d, int k) {
        String label() {
            return "n=" + n + ",d=" + d + ",k=" + k;
        }

        double flops() {
            return 2.0 * n * k * d;
        }
    }

    @Override
    public BenchResult run(List<String> args, Path out) throws Exception {
        List<Size> sizes = new ArrayList<>(List.of(new Size(1_000_000, 64, 50), new Size(200_000, 64, 50)));
        int iters = 10;
        int peerIters = 3;
        int threads = Runtime.getRuntime().availableProcessors();
        long seed = 42;
        String python = "/usr/bin/python3";
        Set<String> skip = new LinkedHashSet<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--sizes" -> {
                    sizes.clear();
                    for (String s : args.get(++i).split(",")) {
                        String[] p = s.toLowerCase(Locale.ROOT).split("x");
                        sizes.add(new Size(Integer.parseInt(p[0]), Integer.parseInt(p[1]), Integer.parseInt(p[2])));
                    }
                }
                case "--iters" -> iters = Integer.parseInt(args.get(++i));
                case "--peer-iters" -> peerIters = Integer.parseInt(args.get(++i));
                case "--threads" -> threads = Integer.parseInt(args.get(++i));
                case "--seed" -> seed = Long.parseLong(args.get(++i));
                case "--python" -> python = args.get(++i);
                case "--skip" -> skip.addAll(Arrays.asList(args.get(++i).split(",")));
                case "--no-slow-peers" -> skip.addAll(List.of("spark_mllib", "spark", "smile", "commons_math"));
                default -> throw new IllegalArgumentException("kmeans: unknown option " + a);
            }
        }
        if (skip.contains("spark")) {
            skip.add("spark_mllib");
        }
        Path scratch = Files.createDirectories(out.resolve("kmeans-scratch"));
        PythonPeer py = new PythonPeer(python, scratch);
        BenchResult r = new BenchResult();
        r.header("size", "implementation", "s/iteration", "vs CohortLM", "GFLOP/s", "init");

        Double gemm = null;
        String gemmNote = null;
        if (!skip.contains("gemm")) {
            System.err.println("kmeans: measuring the FP32 GEMM rate with numpy …");
            PythonPeer.Outcome g = py.gemm();
            if (g.ok()) {
                gemm = g.json().get("gemm_gflops").asDouble();
            } else {
                gemmNote = g.error();
                System.err.println("kmeans: no GEMM rate: " + g.error());
            }
        }

        Map<String, Object> perIteration = new LinkedHashMap<>();
        Map<String, Object> vsPeer = new LinkedHashMap<>();
        Map<String, Object> vsSklearn = new LinkedHashMap<>();
        Map<String, Object> ofGemm = new LinkedHashMap<>();
        Map<String, Object> details = new LinkedHashMap<>();
        String kernel = null;
        for (Size size : sizes) {
            System.err.println("kmeans: " + size.label() + ": generating blobs …");
            Matrix data = new GaussianBlobs(size.n, size.d, size.k, 1.0, 1.5, seed).generate().data();
            Matrix init = randomRows(data, size.k, seed);
            Map<String, Double> secs = new LinkedHashMap<>();
            Map<String, Object> det = new LinkedHashMap<>();
            Map<String, String> inits = new LinkedHashMap<>();

            // CohortLM: a warm-up fit, then a timed fit from the shared start; mean of its iteration times
            KMeansConfig cfg = KMeansConfig.defaults(size.k).withThreads(threads).withSeed(seed).withTolerance(0)
                    .withInit(Init.RANDOM_ROWS);
            new KMeansClusterer(cfg.withMaxIterations(3)).fitFrom(data, init);
            FitDiagnostics fd = new KMeansClusterer(cfg.withMaxIterations(iters)).fitFrom(data, init).diagnostics();
            double[] its = fd.iterationSeconds();
            // a converged run's last iteration only assigned (no update): leave it out
            double[] timed = fd.converged() && its.length > 1 ? Arrays.copyOf(its, its.length - 1) : its;
            double cohort = Arrays.stream(timed).average().orElse(Double.NaN);
            kernel = fd.kernel();
            secs.put("cohortlm", cohort);
            inits.put("cohortlm", "start centroids: " + size.k + " seeded random rows");
            det.put("cohortlm_iteration_seconds", its);
            det.put("cohortlm_iterations", fd.iterations());
            det.put("cohortlm_inertia", fd.inertia());
            System.err.printf(Locale.ROOT, "kmeans: %s: cohortlm %.4f s/iteration (%s)%n", size.label(), cohort, kernel);

            List<Supplier<Peer>> peers = List.of(SparkPeer::new, SmilePeer::new, CommonsMathPeer::new);
            for (Supplier<Peer> make : peers) {
                Peer p = make.get();
                if (skip.contains(p.name())) {
                    continue;
                }
                inits.put(p.name(), p.init());
                try (p) {
                    System.err.println("kmeans: " + size.label() + ": " + p.name() + " …");
                    p.load(data, init, threads, seed);
                    p.run(1, true);
                    double one = p.run(1, false);
                    double more = p.run(1 + peerIters, false);
                    double s = Math.max(0, more - one) / peerIters;
                    secs.put(p.name(), s);
                    det.put(p.name() + "_run_seconds", Map.of("iterations_1", one, "iterations_" + (1 + peerIters), more));
                    System.err.printf(Locale.ROOT, "kmeans: %s: %s %.4f s/iteration%n", size.label(), p.name(), s);
                } catch (Throwable e) {
                    secs.put(p.name(), null);
                    det.put(p.name() + "_error", e.toString());
                    System.err.println("kmeans: " + p.name() + " failed: " + e);
                }
                System.gc();
            }

            Double sk = null;
            if (!skip.contains("sklearn")) {
                inits.put("sklearn", "same start centroids (init=array, n_init=1, algorithm=lloyd, tol=0)");
                Path xf = scratch.resolve("x.npy");
                Path cf = scratch.resolve("init.npy");
                Npy.write(data, xf);
                Npy.write(init, cf);
                System.err.println("kmeans: " + size.label() + ": scikit-learn …");
                PythonPeer.Outcome o = py.kmeans(xf, cf, iters);
                if (o.ok()) {
                    sk = o.json().get("seconds_per_iteration").asDouble();
                    det.put("sklearn", o.json());
                } else {
                    det.put("sklearn_error", o.error());
                    System.err.println("kmeans: scikit-learn unavailable: " + o.error());
                }
                Files.deleteIfExists(xf);
                Files.deleteIfExists(cf);
                secs.put("sklearn", sk);
            }

            Double fastestJava = null;
            String fastestName = null;
            for (String name : List.of("spark_mllib", "smile", "commons_math")) {
                Double s = secs.get(name);
                if (s != null && s > 0 && (fastestJava == null || s < fastestJava)) {
                    fastestJava = s;
                    fastestName = name;
                }
            }
            perIteration.put(size.label(), secs);
            vsPeer.put(size.label(), fastestJava == null ? null : fastestJava / cohort);
            vsSklearn.put(size.label(), sk == null ? null : sk / cohort);
            double gflops = size.flops() / cohort / 1e9;
            ofGemm.put(size.label(), gemm == null ? null : gflops / gemm);
            det.put("fastest_java_peer", fastestName);
            det.put("cohortlm_gflops", gflops);
            det.put("init", inits);
            details.put(size.label(), det);
            for (Map.Entry<String, Double> e : secs.entrySet()) {
                Double s = e.getValue();
                r.row(size.label(), e.getKey(), s == null ? "n/a" : s, s == null ? "n/a" : s / cohort,
                        s == null || s == 0 ? "n/a" : size.flops() / s / 1e9, inits.getOrDefault(e.getKey(), ""));
            }
        }
        if (!skip.contains("gemm")) {
            // measured again at the end: on a shared machine the ceiling is the better of the two
            PythonPeer.Outcome g = py.gemm();
            if (g.ok()) {
                double end = g.json().get("gemm_gflops").asDouble();
                r.put("gemm_gflops_start_end", new Double[] {gemm, end});
                if (gemm == null || end > gemm) {
                    gemm = end;
                    for (Size size : sizes) {
                        Object secs = ((Map<?, ?>) perIteration.get(size.label())).get("cohortlm");
                        ofGemm.put(size.label(), size.flops() / (Double) secs / 1e9 / gemm);
                    }
                }
            }
        }
        r.put("seconds_per_iteration", perIteration);
        r.put("speedup_vs_fastest_peer", vsPeer);
        r.put("speedup_vs_sklearn", vsSklearn);
        r.put("fraction_of_gemm", ofGemm);
        r.put("gemm_gflops", gemm);
        r.put("openblas_coretype", py.coreType());
        if (gemmNote != null) {
            r.put("gemm_error", gemmNote);
        }
        r.put("threads", threads);
        r.put("kernel", kernel);
        r.put("iterations", Map.of("cohortlm_and_sklearn_cap", iters, "java_peers_timed", peerIters));
        r.put("data", "GaussianBlobs(n, d, k, spread=1.0, noise=1.5, seed=" + seed + "), float32");
        r.put("goals", Map.of("speedup_vs_fastest_peer", ">= 10", "speedup_vs_sklearn", ">= 2",
                "fraction_of_gemm", ">= 0.5"));
        r.put("details", details);
        return r;
    }

    /** k distinct rows drawn with a seeded generator: the common start for implementations that accept one. */
    static Matrix randomRows(Matrix data, int k, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed ^ 0x5DEECE66DL);
        Set<Integer> picked = new LinkedHashSet<>();
        while (picked.size() < k) {
            picked.add(rnd.nextInt(data.rows()));
        }
        float[] c = new float[k * data.cols()];
        int m = 0;
        for (int i : picked) {
            System.arraycopy(data.data(), i * data.cols(), c, m++ * data.cols(), data.cols());
        }
        return new Matrix(c, k, data.cols());
    }
}
