package io.cohortlm.cli;

import io.cohortlm.CohortException;
import io.cohortlm.data.Dataset;
import io.cohortlm.manifest.DatasetFingerprint;
import io.cohortlm.manifest.RunManifest;
import io.cohortlm.represent.UserVectors;
import io.cohortlm.resolution.SegmentLevels;
import io.cohortlm.segment.FineLevel;
import io.cohortlm.segment.KAdvisor;
import io.cohortlm.segment.Matrix;
import io.cohortlm.segment.Metric;
import io.cohortlm.segment.SegmentBundle;
import io.cohortlm.segment.Segmentation;
import io.cohortlm.segment.Segmenter;
import io.cohortlm.segment.SegmenterConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cohortlm segment}: fit segments on user vectors and write a model bundle. With {@code --data} and
 * {@code --k auto}, two levels ({@link SegmentLevels}): fine segments chosen by held-out predictive lift and coarse
 * segments for people to read, each a union of fine ones.
 */
@Command(name = "segment", mixinStandardHelpOptions = true,
        description = "Segment users (two levels with --data: fine by predictive lift, coarse by a stable Ward cut; "
                + "else k-means with a k advisor, or HDBSCAN) and write a model bundle.")
final class SegmentCommand implements Callable<Integer> {
    @Option(names = "--vectors", required = true, paramLabel = "DIR", description = "Vectors written by 'cohortlm embed'.")
    Path vectors;

    @Option(names = "--out", required = true, paramLabel = "MODEL_DIR", description = "Model bundle folder.")
    Path out;

    @Option(names = "--method", defaultValue = "kmeans", description = "kmeans (default) or hdbscan.")
    String method;

    @Option(names = "--k", defaultValue = "auto", description = "Number of segments, or auto (default) to let the "
            + "k advisor choose.")
    String k;

    @Option(names = "--k-range", defaultValue = "3-8", paramLabel = "MIN-MAX", description = "Numbers of readable "
            + "(coarse) segments tried (default ${DEFAULT-VALUE}).")
    String kRange;

    @Option(names = "--min-size", defaultValue = "20", paramLabel = "N", description = "Smallest acceptable segment "
            + "(default ${DEFAULT-VALUE}).")
    int minSize;

    @Option(names = "--metric", defaultValue = "euclidean", description = "euclidean (default) or cosine.")
    String metric;

    @Option(names = "--previous", paramLabel = "MODEL_DIR", description = "Previous bundle: keep its segment ids "
            + "stable and write the diff.")
    Path previous;

    @Option(names = "--data", paramLabel = "FORMAT:PATH", description = "The dataset the vectors were built from "
            + "(enables predictive lift in the k advisor).")
    String data;

    @Option(names = "--truth", paramLabel = "FILE", description = "Planted segments (truth.csv from a synthetic "
            + "ingest; needs --data): reports the adjusted Rand index of the segments against them.")
    Path truth;

    @Option(names = "--seed", defaultValue = "42", description = "The one seed of every random choice.")
    long seed;

    @Option(names = "--threads", description = "Worker threads (default: all cores; results do not depend on it).")
    Integer threads;

    @Option(names = "--force", description = "Replace an existing bundle.")
    boolean force;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        SegmenterConfig config = config();
        UserVectors v = UserVectors.read(vectors);
        Dataset dataset = null;
        if (data != null) {
            DataInput in = new DataInput();
            in.data = data;
            dataset = in.load().dataset();
            String fp = DatasetFingerprint.of(dataset);
            if (!fp.equals(v.manifest().inputFingerprint())) {
                throw new CohortException("--data " + data + " is not the dataset the vectors in " + vectors
                        + " were built from (fingerprint " + fp.substring(0, 12) + " vs "
                        + v.manifest().inputFingerprint().substring(0, Math.min(12, v.manifest().inputFingerprint().length())) + ")");
            }
        }
        SegmentBundle prev = previous == null ? null : SegmentBundle.read(previous);
        if (prev != null && !java.util.Objects.equals(prev.encoder(), v.encoder())) {
            throw new CohortException("the previous model was built with encoder " + prev.encoder()
                    + " but these vectors with " + v.encoder() + "; vectors of two encoders cannot be mixed");
        }
        long t0 = System.nanoTime();
        Segmenter.Previous before = prev == null ? null : prev.asPrevious();
        Segmentation s = dataset != null && config.k() == 0 && config.method().equals("kmeans")
                ? SegmentLevels.defaults(config).run(Matrix.of(v.vectors()), v.userIds(), dataset, before)
                : new Segmenter(config).run(Matrix.of(v.vectors()), v.userIds(), dataset, before);
        Map<String, Object> cfg = new LinkedHashMap<>();
        cfg.put("method", config.method());
        cfg.put("k", config.k() == 0 ? "auto" : config.k());
        cfg.put("k_range", config.kMin() + "-" + config.kMax());
        cfg.put("levels", s.fine() == null ? 1 : 2);
        cfg.put("min_size", config.minSize());
        cfg.put("metric", config.metric().name().toLowerCase(Locale.ROOT));
        cfg.put("vectors", vectors.toString());
        cfg.put("vectors_fingerprint", v.manifest().inputFingerprint());
        Map<String, Object> enc = v.manifest().encoder();
        RunManifest manifest = RunManifest.of("segment", cfg, seed, v.manifest().inputFingerprint(), enc);
        SegmentBundle.write(out, force, s, v.userIds(), v.encoder(), manifest);
        render(s, (System.nanoTime() - t0) / 1e9);
        if (truth != null) {
            if (dataset == null) {
                throw usage("--truth needs --data (the dataset the vectors were built from)");
            }
            io.cohortlm.synth.GroundTruth t = io.cohortlm.synth.GroundTruth.read(truth, dataset.users());
            int[] planted = new int[dataset.users().size()];
            for (int u = 0; u < planted.length; u++) {
                planted[u] = t.segment(u);
            }
            spec.commandLine().getOut().printf(Locale.ROOT, "  adjusted Rand index vs the %d planted segments: %.3f%n",
                    t.segmentCount(), io.cohortlm.evaluate.AdjustedRandIndex.score(planted, s.labels()));
            spec.commandLine().getOut().flush();
        }
        return Main.EXIT_OK;
    }

    private SegmenterConfig config() {
        int kk;
        if (k.equalsIgnoreCase("auto")) {
            kk = 0;
        } else {
            try {
                kk = Integer.parseInt(k);
            } catch (NumberFormatException e) {
                throw usage("--k must be auto or a number, was '" + k + "'");
            }
        }
        String[] r = kRange.split("-");
        int lo;
        int hi;
        try {
            lo = Integer.parseInt(r[0].strip());
            hi = Integer.parseInt(r[r.length - 1].strip());
        } catch (NumberFormatException e) {
            throw usage("--k-range must look like 2-12, was '" + kRange + "'");
        }
        Metric m = switch (metric.toLowerCase(Locale.ROOT)) {
            case "euclidean" -> Metric.EUCLIDEAN;
            case "cosine" -> Metric.COSINE;
            default -> throw usage("--metric must be euclidean or cosine, was '" + metric + "'");
        };
        try {
            return new SegmenterConfig(method, kk, lo, hi, minSize, m, seed,
                    threads == null ? Runtime.getRuntime().availableProcessors() : threads, 1500);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    private void render(Segmentation s, double seconds) {
        PrintWriter o = spec.commandLine().getOut();
        o.printf(Locale.ROOT, "%d segments (%s) in %.1f s -> %s%n", s.k(), method, seconds, out);
        if (s.advice() != null) {
            o.println("  k advisor: " + s.advice().reason());
            o.println("     k  silhouette  davies-bouldin  calinski-harabasz  stability  lift(nats)  smallest");
            for (KAdvisor.KScore sc : s.advice().scores()) {
                o.printf(Locale.ROOT, "  %s%3d  %10.3f  %14.3f  %17.1f  %9.3f  %10.3f  %8d%n",
                        sc.k() == s.k() ? "*" : " ", sc.k(), sc.silhouette(), sc.daviesBouldin(), sc.calinskiHarabasz(),
                        sc.stability(), sc.liftNats(), sc.smallestSegment());
            }
        }
        FineLevel f = s.fine();
        if (f != null) {
            o.println("  " + f.reason());
            o.println("     k  lift(nats)      ±se  smallest");
            for (FineLevel.Candidate c : f.sweep()) {
                o.printf(Locale.ROOT, "  %s%3d  %10.4f  %7.4f  %8d%n", c.k() == f.k() ? "*" : " ", c.k(), c.liftNats(),
                        c.standardError(), c.smallest());
            }
            o.println("  " + f.coarseReason());
            o.println("     k  stability  smallest");
            for (FineLevel.Cut c : f.cuts()) {
                o.printf(Locale.ROOT, "  %s%3d  %9.3f  %8d%n", c.k() == s.k() ? "*" : " ", c.k(), c.stability(),
                        c.smallest());
            }
        } else if (data == null && k.equalsIgnoreCase("auto") && method.equalsIgnoreCase("kmeans")) {
            o.println("  one level: without --data there are no held-out events to choose fine segments by what "
                    + "they predict");
        }
        int[] sizes = s.sizes();
        int[] fineCount = new int[s.k()];
        if (f != null) {
            for (int p : f.parent()) {
                fineCount[p]++;
            }
        }
        for (int i = 0; i < s.k(); i++) {
            o.printf(Locale.ROOT, "  segment %3d  %,8d users (%.1f%%)%s%n", s.stableIds()[i], sizes[i],
                    100.0 * sizes[i] / s.labels().length, f == null ? "" : "  = " + fineCount[i] + " fine segments");
        }
        if (s.outliers() > 0) {
            o.printf(Locale.ROOT, "  outliers     %,8d users%n", s.outliers());
        }
        o.printf(Locale.ROOT, "  quality: silhouette %.3f, Davies-Bouldin %.3f, Calinski-Harabasz %.1f%n",
                s.quality().silhouette(), s.quality().daviesBouldin(), s.quality().calinskiHarabasz());
        if (s.lift() != null) {
            o.printf(Locale.ROOT, "  predictive lift: %+.3f nats per held-out event (likelihood ratio %.2f vs global "
                    + "popularity)%n", s.lift().liftNats(), s.lift().likelihoodRatio());
        }
        if (s.diff() != null) {
            o.printf(Locale.ROOT, "  vs previous: kept %s, split %s, merged %s, new %s, retired %s, churn %.1f%%%n",
                    s.diff().kept(), s.diff().split(), s.diff().merged(), s.diff().created(), s.diff().retired(),
                    100 * s.diff().churn());
        }
        if (f != null && f.diff() != null) {
            o.printf(Locale.ROOT, "  fine level vs previous: %d kept, %d new, %d retired, churn %.1f%%%n",
                    f.diff().kept().size(), f.diff().created().size(), f.diff().retired().size(),
                    100 * f.diff().churn());
        }
        o.flush();
    }
}
