package io.cohortlm.predict;

/**
 * Quality of a predicted class distribution. Ties in the ranking are broken by lower class index.
 *
 * @param n       rows scored
 * @param classes number of classes
 * @param top1    share of rows whose true class has the highest probability
 * @param top3    share of rows whose true class is among the three most probable
 * @param logLoss mean −ln p(true class), probabilities clipped at 1e-15 (nats)
 * @param baselineTop1 top-1 accuracy of always predicting the most frequent class of the scored rows (context)
 */
public record MulticlassMetrics(int n, int classes, double top1, double top3, double logLoss, double baselineTop1) {

    public static MulticlassMetrics of(double[][] p, int[] y) {
        if (p.length != y.length) {
            throw new IllegalArgumentException("y length must equal p rows " + p.length + ", was " + y.length);
        }
        int n = p.length;
        int k = n == 0 ? 0 : p[0].length;
        int hit1 = 0, hit3 = 0;
        double ll = 0;
        int[] freq = new int[Math.max(k, 1)];
        for (int i = 0; i < n; i++) {
            double py = p[i][y[i]];
            int better = 0;
            for (int c = 0; c < k; c++) {
                if (p[i][c] > py || (p[i][c] == py && c < y[i])) {
                    better++;
                }
            }
            hit1 += better == 0 ? 1 : 0;
            hit3 += better < 3 ? 1 : 0;
            ll -= Math.log(Math.max(py, 1e-15));
            freq[y[i]]++;
        }
        int most = 0;
        for (int f : freq) {
            most = Math.max(most, f);
        }
        return n == 0 ? new MulticlassMetrics(0, k, Double.NaN, Double.NaN, Double.NaN, Double.NaN)
                : new MulticlassMetrics(n, k, (double) hit1 / n, (double) hit3 / n, ll / n, (double) most / n);
    }
}
