package io.cohortlm.resolution;

import io.cohortlm.evaluate.AdjustedRandIndex;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Builds the coarse level over fine segments: Ward's agglomerative hierarchy on the fine centroids (each weighted
 * by its size), cut at a readable number of segments. Every cut from {@code minK} to {@code maxK} is scored by
 * <em>stability</em> (mean ARI of the users' coarse labels against hierarchies rebuilt from {@code resamples}
 * bootstrap resamples of each fine segment's members) and by the <em>merge-cost jump</em> (Ward cost of the next
 * merge over the cost of the last one: a large jump means the cut separates groups that are really apart). The
 * chosen cut is the largest jump among cuts that are stable (≥ {@code minStability}) and readable (smallest coarse
 * segment ≥ {@code minShare} of the users); if no cut qualifies, the most stable one. Deterministic for a seed.
 *
 * @param minK         fewest coarse segments, ≥ 2
 * @param maxK         most coarse segments, ≥ minK
 * @param resamples    bootstrap resamples for stability, ≥ 1
 * @param minStability least stability for a cut to qualify, in [0, 1]
 * @param minShare     least share of users in the smallest coarse segment, in [0, 0.5)
 * @param seed         the one seed
 */
public record SegmentHierarchy(int minK, int maxK, int resamples, double minStability, double minShare, long seed) {

    public SegmentHierarchy {
        if (minK < 2 || maxK < minK) {
            throw new IllegalArgumentException("need 2 ≤ minK ≤ maxK, was " + minK + ".." + maxK);
        }
        if (resamples < 1) {
            throw new IllegalArgumentException("resamples must be ≥ 1, was " + resamples);
        }
        if (!(minStability >= 0 && minStability <= 1)) {
            throw new IllegalArgumentException("minStability must be in [0, 1], was " + minStability);
        }
        if (!(minShare >= 0 && minShare < 0.5)) {
            throw new IllegalArgumentException("minShare must be in [0, 0.5), was " + minShare);
        }
    }

    /** 3 to 8 coarse segments, 20 resamples, stability ≥ 0.8, smallest ≥ 2% of users. */
    public static SegmentHierarchy defaults(long seed) {
        return new SegmentHierarchy(3, 8, 20, 0.8, 0.02, seed);
    }

    /** The coarse level over {@code fine}. */
    public CoarseSegments fit(FineSegments fine) {
        int k = fine.k();
        int dim = fine.space().dimension();
        float[][] centroids = new float[k][];
        for (int c = 0; c < k; c++) {
            centroids[c] = Arrays.copyOfRange(fine.centroids(), c * dim, (c + 1) * dim);
        }
        return fit(centroids, fine.sizes(), fine.labels(), fine.vectors());
    }

    /**
     * The coarse level over any fine segmentation.
     *
     * @param centroids fine centroids, k × d
     * @param sizes     users per fine segment
     * @param labels    fine segment per user (-1 = none)
     * @param vectors   per user, the vector the fine segments were fitted on (all-zero rows are left out of the
     *                  bootstrap)
     */
    public CoarseSegments fit(float[][] centroids, int[] sizes, int[] labels, float[][] vectors) {
        int k = centroids.length;
        int dim = k == 0 ? 0 : centroids[0].length;
        int hi = Math.min(maxK, k - 1);
        if (hi < minK) {
            int[] identity = new int[k];
            for (int c = 0; c < k; c++) {
                identity[c] = c;
            }
            return new CoarseSegments(k, identity, labels.clone(), List.of(), String.format(Locale.ROOT,
                    "the fine level has only %d segments, few enough to read: the coarse level is the fine level", k));
        }
        Merges full = ward(centroids, sizes);
        // Members with a behaviour vector, per fine segment, for the bootstrap.
        List<List<Integer>> members = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            members.add(new ArrayList<>());
        }
        for (int u = 0; u < labels.length; u++) {
            if (labels[u] >= 0 && nonZero(vectors[u])) {
                members.get(labels[u]).add(u);
            }
        }
        int[] users = java.util.stream.IntStream.range(0, labels.length).filter(u -> labels[u] >= 0).toArray();
        double[] stability = new double[hi + 1];
        int[][] fullCuts = new int[hi + 1][];
        for (int c = minK; c <= hi; c++) {
            fullCuts[c] = full.cut(c);
        }
        SplittableRandom rnd = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + 0x51);
        for (int b = 0; b < resamples; b++) {
            float[][] boot = new float[k][];
            for (int c = 0; c < k; c++) {
                List<Integer> m = members.get(c);
                if (m.isEmpty()) {
                    boot[c] = centroids[c];
                    continue;
                }
                double[] mean = new double[dim];
                for (int i = 0; i < m.size(); i++) {
                    float[] v = vectors[m.get(rnd.nextInt(m.size()))];
                    for (int j = 0; j < dim; j++) {
                        mean[j] += v[j];
                    }
                }
                boot[c] = new float[dim];
                for (int j = 0; j < dim; j++) {
                    boot[c][j] = (float) (mean[j] / m.size());
                }
            }
            Merges m = ward(boot, sizes);
            for (int c = minK; c <= hi; c++) {
                stability[c] += AdjustedRandIndex.score(userLabels(fullCuts[c], labels, users),
                        userLabels(m.cut(c), labels, users)) / resamples;
            }
        }
        int minSize = (int) Math.ceil(minShare * users.length);
        List<CoarseSegments.Candidate> sweep = new ArrayList<>();
        int best = -1;
        double bestJump = -1;
        int stablest = minK;
        for (int c = minK; c <= hi; c++) {
            int[] coarseSizes = new int[c];
            for (int f = 0; f < k; f++) {
                coarseSizes[fullCuts[c][f]] += sizes[f];
            }
            int smallest = Arrays.stream(coarseSizes).min().orElse(0);
            sweep.add(new CoarseSegments.Candidate(c, stability[c], smallest));
            if (stability[c] > stability[stablest] + 1e-9) {
                stablest = c;
            }
            double jump = full.jump(c);
            if (stability[c] >= minStability && smallest >= minSize && jump > bestJump + 1e-12) {
                bestJump = jump;
                best = c;
            }
        }
        String reason;
        if (best >= 0) {
            reason = String.format(Locale.ROOT, "k=%d: the largest jump in Ward merge cost (×%.2f) among cuts of %d–%d "
                    + "that are stable (bootstrap ARI %.2f ≥ %.2f) and readable (smallest ≥ %.0f%% of users)",
                    best, bestJump, minK, hi, stability[best], minStability, 100 * minShare);
        } else {
            best = stablest;
            reason = String.format(Locale.ROOT, "k=%d: no cut of %d–%d is both stable (ARI ≥ %.2f) and readable; this "
                    + "is the most stable (bootstrap ARI %.2f)", best, minK, hi, minStability, stability[best]);
        }
        int[] map = relabelBySize(fullCuts[best], sizes, best);
        int[] coarseLabels = new int[labels.length];
        for (int u = 0; u < labels.length; u++) {
            coarseLabels[u] = labels[u] < 0 ? -1 : map[labels[u]];
        }
        return new CoarseSegments(best, map, coarseLabels, List.copyOf(sweep), reason);
    }

    private static boolean nonZero(float[] v) {
        if (v == null) {
            return false;
        }
        for (float x : v) {
            if (x != 0) {
                return true;
            }
        }
        return false;
    }

    private static int[] userLabels(int[] fineToCoarse, int[] labels, int[] users) {
        int[] out = new int[users.length];
        for (int i = 0; i < users.length; i++) {
            out[i] = fineToCoarse[labels[users[i]]];
        }
        return out;
    }

    /** Coarse ids ordered by size, largest first (ties: lowest fine index). */
    private static int[] relabelBySize(int[] cut, int[] sizes, int k) {
        long[] size = new long[k];
        int[] firstFine = new int[k];
        Arrays.fill(firstFine, Integer.MAX_VALUE);
        for (int f = 0; f < cut.length; f++) {
            size[cut[f]] += sizes[f];
            firstFine[cut[f]] = Math.min(firstFine[cut[f]], f);
        }
        Integer[] order = new Integer[k];
        for (int c = 0; c < k; c++) {
            order[c] = c;
        }
        Arrays.sort(order, (a, b) -> size[a] != size[b] ? Long.compare(size[b], size[a])
                : Integer.compare(firstFine[a], firstFine[b]));
        int[] rank = new int[k];
        for (int r = 0; r < k; r++) {
            rank[order[r]] = r;
        }
        int[] out = new int[cut.length];
        for (int f = 0; f < cut.length; f++) {
            out[f] = rank[cut[f]];
        }
        return out;
    }

    /** The merge sequence of a Ward hierarchy over n leaves. */
    record Merges(int n, int[] a, int[] b, double[] cost) {
        /** Leaf → cluster index in [0, c) after merging down to c clusters. */
        int[] cut(int c) {
            int[] parent = new int[n];
            for (int i = 0; i < n; i++) {
                parent[i] = i;
            }
            for (int s = 0; s < n - c; s++) {
                union(parent, a[s], b[s]);
            }
            int[] id = new int[n];
            Arrays.fill(id, -1);
            int[] out = new int[n];
            int next = 0;
            for (int i = 0; i < n; i++) {
                int r = find(parent, i);
                if (id[r] < 0) {
                    id[r] = next++;
                }
                out[i] = id[r];
            }
            return out;
        }

        /** Cost of the merge that would go from c to c − 1 clusters over the cost of the merge that made c. */
        double jump(int c) {
            double next = cost[n - c];
            double last = cost[n - c - 1];
            return next / Math.max(last, 1e-12);
        }

        private static int find(int[] p, int i) {
            while (p[i] != i) {
                p[i] = p[p[i]];
                i = p[i];
            }
            return i;
        }

        private static void union(int[] p, int i, int j) {
            int ri = find(p, i);
            int rj = find(p, j);
            if (ri != rj) {
                p[Math.max(ri, rj)] = Math.min(ri, rj);
            }
        }
    }

    /**
     * Ward's method with the Lance–Williams update on merge costs Δ(i, j) = nᵢnⱼ/(nᵢ+nⱼ)·‖cᵢ − cⱼ‖²; ties go to
     * the lowest pair of indices, so the result is deterministic.
     */
    static Merges ward(float[][] centroids, int[] sizes) {
        int n = centroids.length;
        double[][] d = new double[n][n];
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = Math.max(1, sizes[i]);
        }
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double s = 0;
                float[] x = centroids[i];
                float[] y = centroids[j];
                for (int t = 0; t < x.length; t++) {
                    double e = x[t] - y[t];
                    s += e * e;
                }
                d[i][j] = d[j][i] = w[i] * w[j] / (w[i] + w[j]) * s;
            }
        }
        boolean[] alive = new boolean[n];
        Arrays.fill(alive, true);
        int[] ma = new int[n - 1];
        int[] mb = new int[n - 1];
        double[] cost = new double[n - 1];
        for (int s = 0; s < n - 1; s++) {
            int bi = -1;
            int bj = -1;
            double best = Double.POSITIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                if (!alive[i]) {
                    continue;
                }
                for (int j = i + 1; j < n; j++) {
                    if (alive[j] && d[i][j] < best) {
                        best = d[i][j];
                        bi = i;
                        bj = j;
                    }
                }
            }
            ma[s] = bi;
            mb[s] = bj;
            cost[s] = best;
            for (int t = 0; t < n; t++) {
                if (alive[t] && t != bi && t != bj) {
                    double v = ((w[t] + w[bi]) * d[t][bi] + (w[t] + w[bj]) * d[t][bj] - w[t] * best)
                            / (w[t] + w[bi] + w[bj]);
                    d[t][bi] = d[bi][t] = v;
                }
            }
            w[bi] += w[bj];
            alive[bj] = false;
        }
        return new Merges(n, ma, mb, cost);
    }
}
