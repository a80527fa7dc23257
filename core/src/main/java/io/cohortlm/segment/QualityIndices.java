package io.cohortlm.segment;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Internal quality of a partition of vectors (Euclidean): silhouette (on a seeded sample, so it scales),
 * Davies–Bouldin (lower is better) and Calinski–Harabasz (higher is better). Labels below 0 (outliers) are
 * ignored.
 *
 * @param silhouette        mean silhouette over the sample, in [-1, 1]
 * @param daviesBouldin     ≥ 0
 * @param calinskiHarabasz  ≥ 0
 * @param sampled           rows the silhouette used
 */
public record QualityIndices(double silhouette, double daviesBouldin, double calinskiHarabasz, int sampled) {

    /**
     * Computes the three indices.
     *
     * @param x            vectors
     * @param labels       segment per row in [0, k) or -1
     * @param k            number of segments
     * @param sampleSize   rows used for the silhouette (each costs O(n·d))
     * @param seed         sample seed
     */
    public static QualityIndices of(float[][] x, int[] labels, int k, int sampleSize, long seed) {
        int n = x.length;
        int d = n == 0 ? 0 : x[0].length;
        double[][] centroid = new double[k][d];
        int[] size = new int[k];
        double[] global = new double[d];
        int counted = 0;
        for (int i = 0; i < n; i++) {
            int l = labels[i];
            if (l < 0) {
                continue;
            }
            size[l]++;
            counted++;
            for (int j = 0; j < d; j++) {
                centroid[l][j] += x[i][j];
                global[j] += x[i][j];
            }
        }
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < d; j++) {
                centroid[c][j] = size[c] > 0 ? centroid[c][j] / size[c] : 0;
            }
        }
        for (int j = 0; j < d; j++) {
            global[j] = counted > 0 ? global[j] / counted : 0;
        }
        // Calinski–Harabasz and Davies–Bouldin.
        double within = 0;
        double[] scatter = new double[k];
        for (int i = 0; i < n; i++) {
            int l = labels[i];
            if (l < 0) {
                continue;
            }
            double s = 0;
            for (int j = 0; j < d; j++) {
                double t = x[i][j] - centroid[l][j];
                s += t * t;
            }
            within += s;
            scatter[l] += Math.sqrt(s);
        }
        double between = 0;
        int used = 0;
        for (int c = 0; c < k; c++) {
            if (size[c] == 0) {
                continue;
            }
            used++;
            scatter[c] /= size[c];
            double s = 0;
            for (int j = 0; j < d; j++) {
                double t = centroid[c][j] - global[j];
                s += t * t;
            }
            between += size[c] * s;
        }
        double ch = used > 1 && within > 0 ? (between / (used - 1)) / (within / Math.max(1, counted - used)) : 0;
        double db = 0;
        for (int a = 0; a < k; a++) {
            if (size[a] == 0) {
                continue;
            }
            double worst = 0;
            for (int b = 0; b < k; b++) {
                if (b == a || size[b] == 0) {
                    continue;
                }
                double s = 0;
                for (int j = 0; j < d; j++) {
                    double t = centroid[a][j] - centroid[b][j];
                    s += t * t;
                }
                double sep = Math.sqrt(s);
                worst = Math.max(worst, sep > 0 ? (scatter[a] + scatter[b]) / sep : Double.POSITIVE_INFINITY);
            }
            db += worst;
        }
        db = used > 1 ? db / used : 0;
        // Silhouette on a sample, distances to every row.
        int[] candidates = IntStream.range(0, n).filter(i -> labels[i] >= 0).toArray();
        int[] sample = candidates;
        if (candidates.length > sampleSize) {
            SplittableRandom rnd = new SplittableRandom(seed);
            sample = candidates.clone();
            for (int i = 0; i < sampleSize; i++) {
                int j = i + rnd.nextInt(sample.length - i);
                int t = sample[i];
                sample[i] = sample[j];
                sample[j] = t;
            }
            sample = Arrays.copyOf(sample, sampleSize);
        }
        final int[] rows = sample;
        double[] sil = new double[rows.length];
        IntStream.range(0, rows.length).parallel().forEach(r -> {
            int i = rows[r];
            double[] sum = new double[k];
            for (int j = 0; j < n; j++) {
                if (labels[j] < 0 || j == i) {
                    continue;
                }
                sum[labels[j]] += Math.sqrt(Hdbscan.sq(x[i], x[j]));
            }
            int own = labels[i];
            if (size[own] <= 1) {
                sil[r] = 0;
                return;
            }
            double a = sum[own] / (size[own] - 1);
            double b = Double.POSITIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                if (c != own && size[c] > 0) {
                    b = Math.min(b, sum[c] / size[c]);
                }
            }
            sil[r] = b == Double.POSITIVE_INFINITY ? 0 : (b - a) / Math.max(a, b);
        });
        double silhouette = 0;
        for (double s : sil) {
            silhouette += s;
        }
        silhouette = rows.length > 0 ? silhouette / rows.length : 0;
        return new QualityIndices(silhouette, db, ch, rows.length);
    }
}
