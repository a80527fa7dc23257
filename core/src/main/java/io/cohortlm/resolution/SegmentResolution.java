package io.cohortlm.resolution;

import io.cohortlm.recommend.RecommenderModel;
import io.cohortlm.recommend.SegmentPopularityRecommender;
import io.cohortlm.recommend.TopK;
import io.cohortlm.recommend.TrainingData;
import io.cohortlm.recommend.UserQuery;
import io.cohortlm.recommend.Workers;
import io.cohortlm.represent.UserItemMatrix;
import io.cohortlm.segment.KMeansClusterer;
import io.cohortlm.segment.KMeansConfig;
import io.cohortlm.segment.Matrix;
import io.cohortlm.segment.SegmentModel;
import io.cohortlm.stats.SeededSample;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses fine segments by what they predict. A validation split is carved from the training matrix (up to
 * {@code maxValidationUsers} users with ≥ 3 items, 20% of each one's items hidden); the views are fitted on the
 * rest. Stage 1 tries every view weighting on a {0, 1, 3} grid (per view; scale duplicates dropped) at
 * {@code probeK} segments; stage 2 tries every k of {@code kGrid} (capped so a segment averages ≥
 * {@code minSegmentSize} users) with the best weighting. Each candidate is scored by the NDCG@10 of segment
 * popularity (smoothing {@code smoothing}) on the hidden items; the chosen k is the fewest segments within one standard error of the best
 * (so a finer cut has to predict clearly better to be worth its smaller segments). The winner is refitted on the whole training matrix (k-means with 3 starts).
 * <p>Deterministic for a seed, whatever the thread count.
 *
 * @param kGrid              candidate numbers of segments, each ≥ 2
 * @param probeK             k at which view weightings are compared, ≥ 2
 * @param behaviourRank      dimension of the behaviour view, ≥ 2
 * @param maxValidationUsers validation users, ≥ 10
 * @param minSegmentSize     fewest users per segment on average, ≥ 1
 * @param smoothing          segment-popularity smoothing used to score candidates, ≥ 0
 * @param seed               the one seed
 * @param threads            worker threads, ≥ 1
 */
public record SegmentResolution(List<Integer> kGrid, int probeK, int behaviourRank, int maxValidationUsers,
        int minSegmentSize, double smoothing, long seed, int threads) {
    private static final Logger LOG = LoggerFactory.getLogger(SegmentResolution.class);
    private static final double[] GRID = {0, 1, 3};

    public SegmentResolution {
        kGrid = List.copyOf(Objects.requireNonNull(kGrid, "kGrid"));
        if (kGrid.isEmpty() || kGrid.stream().anyMatch(k -> k < 2)) {
            throw new IllegalArgumentException("kGrid must be non-empty with every k ≥ 2, was " + kGrid);
        }
        if (probeK < 2) {
            throw new IllegalArgumentException("probeK must be ≥ 2, was " + probeK);
        }
        if (behaviourRank < 2) {
            throw new IllegalArgumentException("behaviourRank must be ≥ 2, was " + behaviourRank);
        }
        if (maxValidationUsers < 10) {
            throw new IllegalArgumentException("maxValidationUsers must be ≥ 10, was " + maxValidationUsers);
        }
        if (minSegmentSize < 1) {
            throw new IllegalArgumentException("minSegmentSize must be ≥ 1, was " + minSegmentSize);
        }
        if (!(smoothing >= 0)) {
            throw new IllegalArgumentException("smoothing must be ≥ 0, was " + smoothing);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be ≥ 1, was " + threads);
        }
    }

    /** k ∈ {8, 16, 32, 64, 128, 256}, weights probed at k = 32, behaviour rank 32, 1,000 validation users, ≥ 15 users a segment. */
    public static SegmentResolution defaults(long seed, int threads) {
        return new SegmentResolution(List.of(8, 16, 32, 64, 128, 256), 32, 32, 1000, 15, 50, seed, threads);
    }

    /**
     * Fits fine segments on a training matrix.
     *
     * @param train      users × items training weights (users without events get attribute-only placement)
     * @param itemText   item-text vectors (one row per item), or null without the language-model view
     * @param attributes attribute vectors (one row per user), or null
     */
    public FineSegments fit(UserItemMatrix train, float[][] itemText, float[][] attributes) {
        return fit(train, itemText, attributes, null);
    }

    /**
     * As {@link #fit(UserItemMatrix, float[][], float[][])} with only the views in {@code allowed} (behaviour,
     * items, attributes) given weight; null = all (an ablation uses this to segment on one view).
     */
    public FineSegments fit(UserItemMatrix train, float[][] itemText, float[][] attributes, boolean[] allowed) {
        long t0 = System.nanoTime();
        Holdout h = holdout(train);
        ViewSpace inner = ViewSpace.fit(h.inner, itemText, attributes, behaviourRank, seed);
        boolean[] present = inner.present();
        if (allowed != null) {
            for (int v = 0; v < present.length; v++) {
                present[v] &= allowed[v];
            }
            if (!present[0] && !present[1] && !present[2]) {
                throw new IllegalArgumentException("allowed leaves no view to segment on");
            }
        }
        int active = activeUsers(train);
        int kCap = Math.max(2, active / minSegmentSize);
        List<FineSegments.Candidate> sweep = new ArrayList<>();
        double[] bestW = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        Scored bestScored = null;
        int probe = Math.min(probeK, kCap);
        for (double[] w : weightings(present)) {
            Scored s = score(inner, h, w, probe);
            sweep.add(new FineSegments.Candidate("weights", probe, FineSegments.text(present, w), s.ndcg, s.smallest));
            if (s.ndcg > bestScore + 1e-9) {
                bestScore = s.ndcg;
                bestW = w;
                bestScored = s;
            }
        }
        // Every k with the chosen weights; the fewest segments within one standard error of the best (the
        // one-standard-error rule: a finer cut must predict clearly better to be worth its smaller segments).
        List<Integer> ks = new ArrayList<>();
        List<Scored> scores = new ArrayList<>();
        for (int k : new LinkedHashSet<>(kGrid.stream().map(k -> Math.min(k, kCap)).sorted().toList())) {
            Scored s = k == probe ? bestScored : score(inner, h, bestW, k);
            if (k != probe) {
                sweep.add(new FineSegments.Candidate("k", k, FineSegments.text(present, bestW), s.ndcg, s.smallest));
            }
            ks.add(k);
            scores.add(s);
        }
        if (!ks.contains(probe)) {
            ks.add(probe);
            scores.add(bestScored);
        }
        int top = 0;
        for (int i = 1; i < ks.size(); i++) {
            if (scores.get(i).ndcg > scores.get(top).ndcg + 1e-12) {
                top = i;
            }
        }
        double bar = scores.get(top).ndcg - scores.get(top).se;
        int bestK = ks.get(top);
        for (int i = 0; i < ks.size(); i++) {
            if (scores.get(i).ndcg >= bar && ks.get(i) < bestK) {
                bestK = ks.get(i);
                bestScore = scores.get(i).ndcg;
            }
        }
        if (bestK == ks.get(top)) {
            bestScore = scores.get(top).ndcg;
        }
        double topScore = scores.get(top).ndcg;
        int topK = ks.get(top);
        ViewSpace full = ViewSpace.fit(train, itemText, attributes, behaviourRank, seed);
        Fitted f = cluster(full, train, bestW, bestK, 3);
        String reason = bestK == topK
                ? String.format(Locale.ROOT, "k=%d with view weights %s has the best validation NDCG@10 of segment "
                        + "popularity (%.4f) among %d candidates (%d validation users, hidden items never seen while "
                        + "choosing)", bestK, FineSegments.text(present, bestW), bestScore, sweep.size(), h.users.length)
                : String.format(Locale.ROOT, "k=%d with view weights %s: the fewest segments whose validation NDCG@10 "
                        + "of segment popularity (%.4f) is within one standard error of the best (k=%d, %.4f) among %d "
                        + "candidates (%d validation users, hidden items never seen while choosing)", bestK,
                        FineSegments.text(present, bestW), bestScore, topK, topScore, sweep.size(), h.users.length);
        LOG.debug("resolution: {} in {} s", reason, String.format(Locale.ROOT, "%.1f", (System.nanoTime() - t0) / 1e9));
        return new FineSegments(full, bestW, bestK, f.centroids, f.labels, f.vectors, List.copyOf(sweep), reason);
    }

    /** View weightings on the grid, for the views present, without all-zero or scale duplicates. */
    static List<double[]> weightings(boolean[] present) {
        List<double[]> out = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        int views = present.length;
        int combos = (int) Math.pow(GRID.length, views);
        for (int c = combos - 1; c >= 0; c--) {
            double[] w = new double[views];
            int r = c;
            boolean any = false;
            boolean valid = true;
            for (int v = 0; v < views; v++) {
                w[v] = GRID[r % GRID.length];
                r /= GRID.length;
                if (!present[v] && w[v] > 0) {
                    valid = false;
                }
                any |= w[v] > 0;
            }
            if (!valid || !any) {
                continue;
            }
            double max = Arrays.stream(w).max().orElse(1);
            StringBuilder key = new StringBuilder();
            for (double x : w) {
                key.append(String.format(Locale.ROOT, "%.4f,", x / max));
            }
            if (!seen.contains(key.toString())) {
                seen.add(key.toString());
                out.add(w);
            }
        }
        // Equal weights first: the natural default, kept on ties.
        out.sort((a, b) -> Boolean.compare(!allEqual(a, present), !allEqual(b, present)));
        return out;
    }

    private static boolean allEqual(double[] w, boolean[] present) {
        double first = -1;
        for (int v = 0; v < w.length; v++) {
            if (present[v]) {
                if (first < 0) {
                    first = w[v];
                } else if (w[v] != first) {
                    return false;
                }
            }
        }
        return first > 0;
    }

    private record Holdout(UserItemMatrix inner, int[] users, int[][] visible, float[][] visibleWeights,
            int[][] hidden) {
    }

    private Holdout holdout(UserItemMatrix x) {
        List<Integer> eligible = new ArrayList<>();
        for (int u = 0; u < x.rows(); u++) {
            if (x.rowLength(u) >= 3) {
                eligible.add(u);
            }
        }
        int[] pick = SeededSample.indices(eligible.size(), Math.min(maxValidationUsers,
                Math.max(1, eligible.size() / 5)), seed * 0x9E3779B97F4A7C15L + 101);
        int[] users = new int[pick.length];
        for (int i = 0; i < pick.length; i++) {
            users[i] = eligible.get(pick[i]);
        }
        Arrays.sort(users);
        boolean[] keep = new boolean[x.nonZeros()];
        Arrays.fill(keep, true);
        int[][] visible = new int[users.length][];
        float[][] vw = new float[users.length][];
        int[][] hidden = new int[users.length][];
        for (int t = 0; t < users.length; t++) {
            int u = users[t];
            int a = x.rowStart(u);
            int len = x.rowLength(u);
            int hold = Math.min(len - 1, Math.max(1, (int) Math.round(0.2 * len)));
            SplittableRandom r = new SplittableRandom(seed * 0x2545F4914F6CDD1DL + 977L * u + 3);
            int[] pos = new int[len];
            for (int i = 0; i < len; i++) {
                pos[i] = a + i;
            }
            for (int i = 0; i < hold; i++) {
                int j = i + r.nextInt(len - i);
                int tmp = pos[i];
                pos[i] = pos[j];
                pos[j] = tmp;
                keep[pos[i]] = false;
            }
            int[] vis = new int[len - hold];
            float[] w = new float[len - hold];
            int[] hid = new int[hold];
            int vi = 0;
            int hi = 0;
            for (int p = a; p < a + len; p++) {
                if (keep[p]) {
                    vis[vi] = x.col(p);
                    w[vi++] = x.value(p);
                } else {
                    hid[hi++] = x.col(p);
                }
            }
            Arrays.sort(hid);
            visible[t] = vis;
            vw[t] = w;
            hidden[t] = hid;
        }
        return new Holdout(x.select(p -> keep[p]), users, visible, vw, hidden);
    }

    private record Scored(double ndcg, double se, int smallest) {
    }

    private Scored score(ViewSpace space, Holdout h, double[] w, int k) {
        Fitted f = cluster(space, h.inner, w, k, 3);
        TrainingData td = TrainingData.of(h.inner).withSegments(f.labels, k).withExecution(threads, seed);
        RecommenderModel seg = new SegmentPopularityRecommender(smoothing, 0).fit(td);
        int m = h.inner.cols();
        double[] nd = new double[h.users.length];
        ThreadLocal<float[]> buf = ThreadLocal.withInitial(() -> new float[m]);
        Workers.forEach(threads, h.users.length, 16, t -> {
            int u = h.users[t];
            float[] s = buf.get();
            seg.score(new UserQuery(u, h.visible[t], h.visibleWeights[t], f.labels[u], null, true), s);
            nd[t] = TopK.ndcg(TopK.select(s, 10, h.visible[t]), h.hidden[t], 10);
        });
        double sum = 0;
        double sq = 0;
        for (double v : nd) {
            sum += v;
            sq += v * v;
        }
        int n = nd.length;
        double mean = n == 0 ? 0 : sum / n;
        double se = n < 2 ? 0 : Math.sqrt(Math.max(0, (sq - n * mean * mean) / (n - 1)) / n);
        int smallest = Integer.MAX_VALUE;
        int[] sizes = new int[k];
        for (int l : f.labels) {
            if (l >= 0) {
                sizes[l]++;
            }
        }
        for (int s : sizes) {
            smallest = Math.min(smallest, s);
        }
        return new Scored(mean, se, smallest);
    }

    private record Fitted(float[] centroids, int[] labels, float[][] vectors) {
    }

    /** k-means on the users with events; users without events are placed from their attributes. */
    private Fitted cluster(ViewSpace space, UserItemMatrix x, double[] w, int k, int starts) {
        int n = x.rows();
        int dim = space.dimension();
        float[][] vectors = new float[n][];
        List<Integer> rows = new ArrayList<>();
        for (int u = 0; u < n; u++) {
            vectors[u] = new float[dim];
            if (x.rowLength(u) > 0) {
                space.embed(ViewSpace.rowItems(x, u), ViewSpace.rowWeights(x, u), u, w, vectors[u]);
                rows.add(u);
            }
        }
        float[] data = new float[rows.size() * dim];
        for (int r = 0; r < rows.size(); r++) {
            System.arraycopy(vectors[rows.get(r)], 0, data, r * dim, dim);
        }
        int kk = Math.max(2, Math.min(k, rows.size()));
        SegmentModel model = new KMeansClusterer(KMeansConfig.defaults(kk).withSeed(seed).withThreads(threads)
                .withNInit(starts)).fit(new Matrix(data, rows.size(), dim));
        int[] labels = new int[n];
        Arrays.fill(labels, -1);
        int[] tl = model.trainingLabels();
        for (int r = 0; r < rows.size(); r++) {
            labels[rows.get(r)] = tl[r];
        }
        float[] centroids = model.centroids().data().clone();
        FineSegments probe = new FineSegments(space, w, kk, centroids, labels, vectors, List.of(), "");
        for (int u = 0; u < n; u++) {
            if (labels[u] < 0) {
                float[] v = new float[dim];
                boolean[] known = space.embed(new int[0], new float[0], u, w, v);
                labels[u] = probe.nearest(v, known);
            }
        }
        return new Fitted(centroids, labels, vectors);
    }

    private static int activeUsers(UserItemMatrix x) {
        int a = 0;
        for (int u = 0; u < x.rows(); u++) {
            if (x.rowLength(u) > 0) {
                a++;
            }
        }
        return a;
    }
}
