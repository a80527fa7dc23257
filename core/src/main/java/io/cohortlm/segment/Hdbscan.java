package io.cohortlm.segment;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Density-based segmentation that needs no k and names outliers: HDBSCAN (Campello, Moulavi &amp; Sander 2013;
 * McInnes &amp; Healy 2017) with excess-of-mass cluster selection. Mutual-reachability MST by Prim's algorithm
 * with distances computed on the fly (O(m) memory, O(m²·d) time), so the exact algorithm runs on a seeded
 * sample of at most {@code maxSample} users; the rest are assigned through their nearest sampled neighbour.
 * Deterministic for a seed and independent of the thread count.
 *
 * @param minClusterSize smallest group that counts as a segment, ≥ 2
 * @param minSamples     neighbours defining a point's core distance (the point itself included), ≥ 1
 * @param maxSample      most points clustered exactly, ≥ 100
 * @param seed           sample seed
 */
public record Hdbscan(int minClusterSize, int minSamples, int maxSample, long seed) {
    public Hdbscan {
        if (minClusterSize < 2) {
            throw new IllegalArgumentException("minClusterSize must be ≥ 2, was " + minClusterSize);
        }
        if (minSamples < 1) {
            throw new IllegalArgumentException("minSamples must be ≥ 1, was " + minSamples);
        }
        if (maxSample < 100) {
            throw new IllegalArgumentException("maxSample must be ≥ 100, was " + maxSample);
        }
    }

    /**
     * Result of a density segmentation.
     *
     * @param labels      segment per input row, -1 = outlier
     * @param strength    membership strength in [0, 1] (0 for outliers)
     * @param clusters    number of segments found
     * @param outliers    rows labelled -1
     * @param sampled     rows clustered exactly (the others were assigned via neighbours)
     * @param stability   stability of each selected segment (excess of mass)
     */
    public record Result(int[] labels, float[] strength, int clusters, int outliers, int sampled,
            double[] stability) {
    }

    public Result fit(float[][] x) {
        int n = x.length;
        if (n < minClusterSize) {
            throw new IllegalArgumentException("need at least minClusterSize=" + minClusterSize + " rows, had " + n);
        }
        int[] sample = sample(n);
        int m = sample.length;
        float[][] xs = new float[m][];
        for (int i = 0; i < m; i++) {
            xs[i] = x[sample[i]];
        }
        int k = Math.min(minSamples, m);
        double[] core = coreDistances(xs, k);
        // Prim's MST over mutual reachability distances.
        int[] from = new int[m - 1];
        int[] to = new int[m - 1];
        double[] w = new double[m - 1];
        boolean[] in = new boolean[m];
        double[] best = new double[m];
        int[] bestFrom = new int[m];
        Arrays.fill(best, Double.POSITIVE_INFINITY);
        int cur = 0;
        in[0] = true;
        for (int e = 0; e < m - 1; e++) {
            final int c = cur;
            IntStream.range(0, m).parallel().forEach(j -> {
                if (!in[j]) {
                    double d = Math.max(Math.sqrt(sq(xs[c], xs[j])), Math.max(core[c], core[j]));
                    if (d < best[j]) {
                        best[j] = d;
                        bestFrom[j] = c;
                    }
                }
            });
            int next = -1;
            double nd = Double.POSITIVE_INFINITY;
            for (int j = 0; j < m; j++) {
                if (!in[j] && best[j] < nd) {
                    nd = best[j];
                    next = j;
                }
            }
            from[e] = bestFrom[next];
            to[e] = next;
            w[e] = nd;
            in[next] = true;
            cur = next;
        }
        SampleLabels sl = condenseAndSelect(m, from, to, w);
        int[] labels = new int[n];
        float[] strength = new float[n];
        Arrays.fill(labels, -1);
        boolean[] isSampled = new boolean[n];
        for (int i = 0; i < m; i++) {
            labels[sample[i]] = sl.labels[i];
            strength[sample[i]] = sl.strength[i];
            isSampled[sample[i]] = true;
        }
        IntStream.range(0, n).parallel().filter(i -> !isSampled[i]).forEach(i -> {
            int nn = -1;
            double nd = Double.POSITIVE_INFINITY;
            for (int j = 0; j < m; j++) {
                double d = sq(x[i], xs[j]);
                if (d < nd) {
                    nd = d;
                    nn = j;
                }
            }
            double dist = Math.sqrt(nd);
            // Within the neighbour's core distance the point is as dense as the neighbour: inherit its segment.
            if (sl.labels[nn] >= 0 && dist <= 2 * core[nn]) {
                labels[i] = sl.labels[nn];
                strength[i] = (float) (sl.strength[nn] * Math.min(1, core[nn] / Math.max(dist, 1e-12)));
            }
        });
        int outliers = 0;
        for (int l : labels) {
            outliers += l < 0 ? 1 : 0;
        }
        return new Result(labels, strength, sl.clusters, outliers, m, sl.stability);
    }

    private int[] sample(int n) {
        return io.cohortlm.stats.SeededSample.indices(n, maxSample, seed);
    }

    /** Distance to the k-th nearest point, the point itself counting as the first. */
    static double[] coreDistances(float[][] x, int k) {
        int m = x.length;
        double[] core = new double[m];
        IntStream.range(0, m).parallel().forEach(i -> {
            if (k <= 1) {
                core[i] = 0;
                return;
            }
            double[] top = new double[k - 1];
            Arrays.fill(top, Double.POSITIVE_INFINITY);
            for (int j = 0; j < m; j++) {
                if (j == i) {
                    continue;
                }
                double d = sq(x[i], x[j]);
                if (d < top[k - 2]) {
                    int p = k - 2;
                    while (p > 0 && top[p - 1] > d) {
                        top[p] = top[p - 1];
                        p--;
                    }
                    top[p] = d;
                }
            }
            core[i] = Math.sqrt(top[k - 2]);
        });
        return core;
    }

    private record SampleLabels(int[] labels, float[] strength, int clusters, double[] stability) {
    }

    /** Single-linkage tree → condensed tree → excess-of-mass selection → labels and strengths. */
    private SampleLabels condenseAndSelect(int m, int[] from, int[] to, double[] w) {
        Integer[] order = new Integer[m - 1];
        for (int i = 0; i < m - 1; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> w[a] != w[b] ? Double.compare(w[a], w[b]) : Integer.compare(a, b));
        int nodes = 2 * m - 1;
        int[] left = new int[nodes];
        int[] right = new int[nodes];
        double[] dist = new double[nodes];
        int[] size = new int[nodes];
        Arrays.fill(size, 0, m, 1);
        int[] parent = new int[nodes];
        for (int i = 0; i < nodes; i++) {
            parent[i] = i;
        }
        int next = m;
        for (int idx : order) {
            int a = find(parent, from[idx]);
            int b = find(parent, to[idx]);
            left[next] = a;
            right[next] = b;
            dist[next] = w[idx];
            size[next] = size[a] + size[b];
            parent[a] = next;
            parent[b] = next;
            next++;
        }
        int root = nodes - 1;
        // Condensed tree: clusters numbered from 0 (root); each point records the cluster it falls out of and λ.
        List<Integer> clusterParent = new ArrayList<>();
        List<Double> clusterBirth = new ArrayList<>();
        List<Integer> clusterSize = new ArrayList<>();
        int[] pointCluster = new int[m];
        double[] pointLambda = new double[m];
        clusterParent.add(-1);
        clusterBirth.add(0.0);
        clusterSize.add(m);
        ArrayDeque<int[]> stack = new ArrayDeque<>();
        stack.push(new int[] {root, 0});
        while (!stack.isEmpty()) {
            int[] top = stack.pop();
            int node = top[0];
            int cl = top[1];
            if (node < m) {
                pointCluster[node] = cl;
                pointLambda[node] = clusterBirth.get(cl);
                continue;
            }
            double lambda = dist[node] > 0 ? 1 / dist[node] : 1e12;
            int a = left[node];
            int b = right[node];
            boolean bigA = size[a] >= minClusterSize;
            boolean bigB = size[b] >= minClusterSize;
            if (bigA && bigB) {
                for (int child : new int[] {a, b}) {
                    clusterParent.add(cl);
                    clusterBirth.add(lambda);
                    clusterSize.add(size[child]);
                    stack.push(new int[] {child, clusterParent.size() - 1});
                }
            } else {
                for (int child : new int[] {a, b}) {
                    if (size[child] >= minClusterSize) {
                        stack.push(new int[] {child, cl});
                    } else {
                        fallOut(child, cl, lambda, left, right, m, pointCluster, pointLambda);
                    }
                }
            }
        }
        int c = clusterParent.size();
        // Stability: Σ over points and child clusters leaving c of (λ_leave − λ_birth(c)) × size.
        double[] stability = new double[c];
        for (int p = 0; p < m; p++) {
            int cl = pointCluster[p];
            stability[cl] += pointLambda[p] - clusterBirth.get(cl);
        }
        for (int ch = 1; ch < c; ch++) {
            int par = clusterParent.get(ch);
            stability[par] += (clusterBirth.get(ch) - clusterBirth.get(par)) * clusterSize.get(ch);
        }
        boolean[] selected = new boolean[c];
        double[] subtree = new double[c];
        List<List<Integer>> children = new ArrayList<>();
        for (int i = 0; i < c; i++) {
            children.add(new ArrayList<>());
        }
        for (int ch = 1; ch < c; ch++) {
            children.get(clusterParent.get(ch)).add(ch);
        }
        // Children always have larger numbers than their parent: a reverse sweep is bottom-up.
        for (int cl = c - 1; cl >= 1; cl--) {
            double childSum = 0;
            for (int ch : children.get(cl)) {
                childSum += subtree[ch];
            }
            if (children.get(cl).isEmpty() || stability[cl] >= childSum) {
                selected[cl] = true;
                subtree[cl] = stability[cl];
                deselectBelow(cl, children, selected);
            } else {
                subtree[cl] = childSum;
            }
        }
        int[] label = new int[c];
        Arrays.fill(label, -1);
        int clusters = 0;
        List<Double> selStability = new ArrayList<>();
        for (int cl = 1; cl < c; cl++) {
            if (selected[cl]) {
                label[cl] = clusters++;
                selStability.add(stability[cl]);
            }
        }
        // Propagate: a cluster below a selected one belongs to it.
        int[] owner = new int[c];
        Arrays.fill(owner, -1);
        for (int cl = 1; cl < c; cl++) {
            owner[cl] = label[cl] >= 0 ? label[cl] : owner[clusterParent.get(cl)];
        }
        int[] labels = new int[m];
        float[] strength = new float[m];
        double[] maxLambda = new double[clusters];
        for (int p = 0; p < m; p++) {
            labels[p] = owner[pointCluster[p]];
            if (labels[p] >= 0) {
                maxLambda[labels[p]] = Math.max(maxLambda[labels[p]], pointLambda[p]);
            }
        }
        for (int p = 0; p < m; p++) {
            int l = labels[p];
            strength[p] = l < 0 ? 0f : (float) (maxLambda[l] > 0 ? Math.min(1, pointLambda[p] / maxLambda[l]) : 1);
        }
        return new SampleLabels(labels, strength, clusters,
                selStability.stream().mapToDouble(Double::doubleValue).toArray());
    }

    private static void deselectBelow(int cl, List<List<Integer>> children, boolean[] selected) {
        ArrayDeque<Integer> q = new ArrayDeque<>(children.get(cl));
        while (!q.isEmpty()) {
            int ch = q.pop();
            selected[ch] = false;
            q.addAll(children.get(ch));
        }
    }

    private static void fallOut(int node, int cl, double lambda, int[] left, int[] right, int m, int[] pointCluster,
            double[] pointLambda) {
        ArrayDeque<Integer> q = new ArrayDeque<>();
        q.push(node);
        while (!q.isEmpty()) {
            int v = q.pop();
            if (v < m) {
                pointCluster[v] = cl;
                pointLambda[v] = lambda;
            } else {
                q.push(left[v]);
                q.push(right[v]);
            }
        }
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    static double sq(float[] a, float[] b) {
        double s = 0;
        for (int k = 0; k < a.length; k++) {
            double d = a[k] - b[k];
            s += d * d;
        }
        return s;
    }
}
