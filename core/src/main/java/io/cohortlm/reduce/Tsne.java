package io.cohortlm.reduce;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * A 2-D map of users for people to look at: exact t-SNE (van der Maaten &amp; Hinton 2008) on a seeded sample of
 * at most {@code sampleSize} users, initialised from PCA so the layout is reproducible; every other user is
 * placed at the distance-weighted mean of its {@code neighbours} nearest sampled users. The per-iteration cost
 * is O(sample²), so the sample cap keeps the map at seconds for any n. Results do not depend on the thread
 * count: each row's gradient is computed independently and sums are reduced in row order.
 *
 * @param perplexity  effective neighbour count, in [2, 100]
 * @param iterations  gradient steps, ≥ 100
 * @param sampleSize  users laid out by t-SNE itself, ≥ 10
 * @param neighbours  sampled neighbours used to place the others, ≥ 1
 * @param seed        sample seed
 */
public record Tsne(double perplexity, int iterations, int sampleSize, int neighbours, long seed) {
    public Tsne {
        if (!(perplexity >= 2 && perplexity <= 100)) {
            throw new IllegalArgumentException("perplexity must be in [2, 100], was " + perplexity);
        }
        if (iterations < 100) {
            throw new IllegalArgumentException("iterations must be ≥ 100, was " + iterations);
        }
        if (sampleSize < 10) {
            throw new IllegalArgumentException("sampleSize must be ≥ 10, was " + sampleSize);
        }
        if (neighbours < 1) {
            throw new IllegalArgumentException("neighbours must be ≥ 1, was " + neighbours);
        }
    }

    /** Perplexity 30, 500 iterations, 1,500 sampled users, 5 neighbours. */
    public static Tsne defaults(long seed) {
        return new Tsne(30, 500, 1500, 5, seed);
    }

    /**
     * The map.
     *
     * @param xy      2-D position of every input row
     * @param sampled true for rows laid out by t-SNE itself
     */
    public record Layout(float[][] xy, boolean[] sampled) {
    }

    public Layout fit(float[][] x) {
        int n = x.length;
        int[] sample = sample(n);
        int m = sample.length;
        float[][] xs = new float[m][];
        for (int i = 0; i < m; i++) {
            xs[i] = x[sample[i]];
        }
        double[] y = m >= 3 ? embed(xs) : new double[2 * m];
        float[][] out = new float[n][2];
        boolean[] isSampled = new boolean[n];
        for (int i = 0; i < m; i++) {
            out[sample[i]][0] = (float) y[2 * i];
            out[sample[i]][1] = (float) y[2 * i + 1];
            isSampled[sample[i]] = true;
        }
        int k = Math.min(neighbours, m);
        IntStream.range(0, n).parallel().filter(i -> !isSampled[i]).forEach(i -> {
            int[] idx = new int[k];
            double[] dist = new double[k];
            Arrays.fill(dist, Double.POSITIVE_INFINITY);
            for (int j = 0; j < m; j++) {
                double d = sq(x[i], xs[j]);
                if (d < dist[k - 1]) {
                    int p = k - 1;
                    while (p > 0 && dist[p - 1] > d) {
                        dist[p] = dist[p - 1];
                        idx[p] = idx[p - 1];
                        p--;
                    }
                    dist[p] = d;
                    idx[p] = j;
                }
            }
            double wx = 0;
            double wy = 0;
            double ws = 0;
            for (int p = 0; p < k; p++) {
                double w = 1 / (Math.sqrt(dist[p]) + 1e-9);
                wx += w * y[2 * idx[p]];
                wy += w * y[2 * idx[p] + 1];
                ws += w;
            }
            out[i][0] = (float) (wx / ws);
            out[i][1] = (float) (wy / ws);
        });
        return new Layout(out, isSampled);
    }

    private int[] sample(int n) {
        return io.cohortlm.stats.SeededSample.indices(n, sampleSize, seed);
    }

    private double[] embed(float[][] x) {
        int n = x.length;
        double perp = Math.min(perplexity, (n - 1) / 3.0);
        double[] d2 = new double[n * n];
        IntStream.range(0, n).parallel().forEach(i -> {
            for (int j = 0; j < n; j++) {
                d2[i * n + j] = i == j ? 0 : sq(x[i], x[j]);
            }
        });
        double[] p = new double[n * n];
        IntStream.range(0, n).parallel().forEach(i -> conditional(d2, n, i, perp, p));
        double sum = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double s = p[i * n + j] + p[j * n + i];
                p[i * n + j] = s;
                p[j * n + i] = s;
                sum += 2 * s;
            }
        }
        for (int i = 0; i < p.length; i++) {
            p[i] = Math.max(p[i] / sum, 1e-12);
        }
        double[] y = pcaInit(x);
        double[] gains = new double[2 * n];
        Arrays.fill(gains, 1);
        double[] update = new double[2 * n];
        double[] grad = new double[2 * n];
        double[] rowZ = new double[n];
        double eta = Math.max(n / 12.0 / 4, 50);
        for (int it = 0; it < iterations; it++) {
            double exag = it < 250 ? 12 : 1;
            double momentum = it < 250 ? 0.5 : 0.8;
            final double[] yy = y;
            IntStream.range(0, n).parallel().forEach(i -> {
                double z = 0;
                for (int j = 0; j < n; j++) {
                    if (j != i) {
                        double dx = yy[2 * i] - yy[2 * j];
                        double dy = yy[2 * i + 1] - yy[2 * j + 1];
                        z += 1 / (1 + dx * dx + dy * dy);
                    }
                }
                rowZ[i] = z;
            });
            double zSum = 0;
            for (int i = 0; i < n; i++) {
                zSum += rowZ[i];
            }
            final double z = zSum;
            IntStream.range(0, n).parallel().forEach(i -> {
                double gx = 0;
                double gy = 0;
                for (int j = 0; j < n; j++) {
                    if (j == i) {
                        continue;
                    }
                    double dx = yy[2 * i] - yy[2 * j];
                    double dy = yy[2 * i + 1] - yy[2 * j + 1];
                    double q = 1 / (1 + dx * dx + dy * dy);
                    double mult = (exag * p[i * n + j] - q / z) * q;
                    gx += mult * dx;
                    gy += mult * dy;
                }
                grad[2 * i] = 4 * gx;
                grad[2 * i + 1] = 4 * gy;
            });
            for (int k = 0; k < 2 * n; k++) {
                gains[k] = Math.signum(grad[k]) != Math.signum(update[k]) ? gains[k] + 0.2 : Math.max(0.01, gains[k] * 0.8);
                update[k] = momentum * update[k] - eta * gains[k] * grad[k];
                y[k] += update[k];
            }
            double mx = 0;
            double my = 0;
            for (int i = 0; i < n; i++) {
                mx += y[2 * i];
                my += y[2 * i + 1];
            }
            for (int i = 0; i < n; i++) {
                y[2 * i] -= mx / n;
                y[2 * i + 1] -= my / n;
            }
        }
        return y;
    }

    private static void conditional(double[] d2, int n, int i, double perp, double[] p) {
        double target = Math.log(perp);
        double beta = 1;
        double lo = 0;
        double hi = Double.POSITIVE_INFINITY;
        double minD = Double.POSITIVE_INFINITY;
        for (int j = 0; j < n; j++) {
            if (j != i) {
                minD = Math.min(minD, d2[i * n + j]);
            }
        }
        for (int step = 0; step < 64; step++) {
            double s = 0;
            double hs = 0;
            for (int j = 0; j < n; j++) {
                if (j == i) {
                    continue;
                }
                double v = Math.exp(-(d2[i * n + j] - minD) * beta);
                s += v;
                hs += (d2[i * n + j] - minD) * v;
            }
            double h = Math.log(s) + beta * hs / s;
            if (Math.abs(h - target) < 1e-5) {
                break;
            }
            if (h > target) {
                lo = beta;
                beta = hi == Double.POSITIVE_INFINITY ? beta * 2 : (beta + hi) / 2;
            } else {
                hi = beta;
                beta = (beta + lo) / 2;
            }
        }
        double s = 0;
        for (int j = 0; j < n; j++) {
            double v = j == i ? 0 : Math.exp(-(d2[i * n + j] - minD) * beta);
            p[i * n + j] = v;
            s += v;
        }
        for (int j = 0; j < n; j++) {
            p[i * n + j] /= s;
        }
    }

    private double[] pcaInit(float[][] x) {
        int n = x.length;
        PcaModel pca = new Pca(PcaConfig.components(Math.min(2, x[0].length), seed)).fit(x);
        double[] y = new double[2 * n];
        double sd = 0;
        for (int i = 0; i < n; i++) {
            float[] t = pca.transform(x[i]);
            y[2 * i] = t[0];
            y[2 * i + 1] = t.length > 1 ? t[1] : 0;
            sd += y[2 * i] * y[2 * i];
        }
        sd = Math.sqrt(sd / n);
        double scale = sd > 0 ? 1e-4 / sd : 1;
        for (int k = 0; k < 2 * n; k++) {
            y[k] *= scale;
        }
        return y;
    }

    private static double sq(float[] a, float[] b) {
        double s = 0;
        for (int k = 0; k < a.length; k++) {
            double d = a[k] - b[k];
            s += d * d;
        }
        return s;
    }
}
