package io.cohortlm.predict;

import java.util.Arrays;

/**
 * Gradient-boosted decision stumps for a binary outcome (Friedman 2001, with second-order leaf values as in
 * XGBoost): each round fits one single-split tree to the log-loss gradient on features pre-binned at up to
 * {@code bins} quantile thresholds, and adds it with shrinkage {@code learningRate}. A sum of stumps is an
 * additive model, so each feature's effect can be non-linear but features do not interact. Deterministic: ties
 * go to the lower feature, then the lower threshold.
 *
 * @param rounds       stumps, ≥ 1
 * @param learningRate shrinkage in (0, 1]
 * @param bins         candidate thresholds per feature, in [2, 255]
 * @param l2           leaf-value ridge λ (in units of summed hessian), ≥ 0
 * @param minLeaf      minimum summed hessian in a leaf, ≥ 0
 */
public record BoostedStumps(int rounds, double learningRate, int bins, double l2, double minLeaf) {
    public BoostedStumps {
        if (rounds < 1) {
            throw new IllegalArgumentException("rounds must be ≥ 1, was " + rounds);
        }
        if (!(learningRate > 0 && learningRate <= 1)) {
            throw new IllegalArgumentException("learningRate must be in (0, 1], was " + learningRate);
        }
        if (bins < 2 || bins > 255) {
            throw new IllegalArgumentException("bins must be in [2, 255], was " + bins);
        }
        if (!(l2 >= 0)) {
            throw new IllegalArgumentException("l2 must be ≥ 0, was " + l2);
        }
        if (!(minLeaf >= 0)) {
            throw new IllegalArgumentException("minLeaf must be ≥ 0, was " + minLeaf);
        }
    }

    /** 300 rounds, learning rate 0.1, 32 bins, λ = 1, min leaf hessian 5. */
    public static BoostedStumps defaults() {
        return new BoostedStumps(300, 0.1, 32, 1, 5);
    }

    /** The fitted ensemble: P(y = 1 | x) = σ(bias + Σ stump(x)). Immutable and thread-safe. */
    public record Model(double bias, int[] feature, double[] threshold, double[] left, double[] right) {
        /** P(class 1) of a raw row; a value ≤ threshold goes left. */
        public double positiveProbability(double[] row) {
            double f = bias;
            for (int t = 0; t < feature.length; t++) {
                f += row[feature[t]] <= threshold[t] ? left[t] : right[t];
            }
            return f >= 0 ? 1 / (1 + Math.exp(-f)) : Math.exp(f) / (1 + Math.exp(f));
        }

        public double[] positiveProbability(double[][] x) {
            double[] p = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                p[i] = positiveProbability(x[i]);
            }
            return p;
        }
    }

    /** @param x n × d raw rows; @param y labels (true = positive), both classes present */
    public Model fit(double[][] x, boolean[] y) {
        int n = x.length;
        if (n == 0 || y.length != n) {
            throw new IllegalArgumentException("x and y must have the same positive length, were " + n + " and " + y.length);
        }
        int d = x[0].length;
        double[][] cuts = new double[d][];
        byte[][] bin = new byte[d][n];
        for (int j = 0; j < d; j++) {
            cuts[j] = thresholds(x, j);
            for (int i = 0; i < n; i++) {
                int b = Arrays.binarySearch(cuts[j], x[i][j]);
                bin[j][i] = (byte) (b >= 0 ? b : -b - 1); // bin b holds values in (cut[b-1], cut[b]]
            }
        }
        int pos = 0;
        for (boolean v : y) {
            pos += v ? 1 : 0;
        }
        double rate = Math.min(Math.max((double) pos / n, 1e-6), 1 - 1e-6);
        double bias = Math.log(rate / (1 - rate));
        double[] f = new double[n];
        Arrays.fill(f, bias);
        int[] feat = new int[rounds];
        double[] thr = new double[rounds];
        double[] lv = new double[rounds];
        double[] rv = new double[rounds];
        double[] g = new double[n];
        double[] h = new double[n];
        double[] hg = new double[256];
        double[] hh = new double[256];
        for (int t = 0; t < rounds; t++) {
            double gs = 0, hs = 0;
            for (int i = 0; i < n; i++) {
                double p = 1 / (1 + Math.exp(-f[i]));
                g[i] = p - (y[i] ? 1 : 0);
                h[i] = Math.max(p * (1 - p), 1e-12);
                gs += g[i];
                hs += h[i];
            }
            double best = 1e-12, bestL = 0, bestR = 0;
            int bj = -1, bb = -1;
            for (int j = 0; j < d; j++) {
                int nb = cuts[j].length + 1;
                Arrays.fill(hg, 0, nb, 0);
                Arrays.fill(hh, 0, nb, 0);
                byte[] bj2 = bin[j];
                for (int i = 0; i < n; i++) {
                    hg[bj2[i] & 0xFF] += g[i];
                    hh[bj2[i] & 0xFF] += h[i];
                }
                double gl = 0, hl = 0;
                for (int b = 0; b < nb - 1; b++) {
                    gl += hg[b];
                    hl += hh[b];
                    double gr = gs - gl, hr = hs - hl;
                    if (hl < minLeaf || hr < minLeaf) {
                        continue;
                    }
                    double gain = gl * gl / (hl + l2) + gr * gr / (hr + l2) - gs * gs / (hs + l2);
                    if (gain > best) {
                        best = gain;
                        bj = j;
                        bb = b;
                        bestL = -gl / (hl + l2);
                        bestR = -gr / (hr + l2);
                    }
                }
            }
            if (bj < 0) {
                // No split improves the loss: the ensemble is complete.
                return new Model(bias, Arrays.copyOf(feat, t), Arrays.copyOf(thr, t), Arrays.copyOf(lv, t), Arrays.copyOf(rv, t));
            }
            feat[t] = bj;
            thr[t] = cuts[bj][bb];
            lv[t] = learningRate * bestL;
            rv[t] = learningRate * bestR;
            for (int i = 0; i < n; i++) {
                f[i] += (bin[bj][i] & 0xFF) <= bb ? lv[t] : rv[t];
            }
        }
        return new Model(bias, feat, thr, lv, rv);
    }

    /** Up to bins − 1 distinct quantile cut points of column j, ascending. */
    private double[] thresholds(double[][] x, int j) {
        double[] v = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            v[i] = x[i][j];
        }
        Arrays.sort(v);
        double[] c = new double[bins - 1];
        int k = 0;
        for (int q = 1; q < bins; q++) {
            double cut = v[Math.min(v.length - 1, (int) ((long) q * v.length / bins))];
            if (cut < v[v.length - 1] && (k == 0 || cut > c[k - 1])) {
                c[k++] = cut;
            }
        }
        return Arrays.copyOf(c, k);
    }
}
