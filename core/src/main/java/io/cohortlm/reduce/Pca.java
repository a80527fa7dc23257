package io.cohortlm.reduce;

/**
 * Principal component analysis by randomized SVD of the centred data (never forms the covariance, so n can be
 * millions). A configured object: {@link #fit} returns an immutable {@link PcaModel}.
 */
public final class Pca {
    private final PcaConfig config;

    public Pca(PcaConfig config) {
        this.config = config;
    }

    public PcaModel fit(float[][] x) {
        if (x.length < 2) {
            throw new IllegalArgumentException("PCA needs at least 2 rows, was " + x.length);
        }
        int d = x[0].length;
        int n = x.length;
        double[] mean = new double[d];
        for (float[] row : x) {
            if (row.length != d) {
                throw new IllegalArgumentException("all rows must have dimension " + d + ", one had " + row.length);
            }
            for (int k = 0; k < d; k++) {
                mean[k] += row[k];
            }
        }
        for (int k = 0; k < d; k++) {
            mean[k] /= n;
        }
        double total = 0;
        for (float[] row : x) {
            for (int k = 0; k < d; k++) {
                double c = row[k] - mean[k];
                total += c * c;
            }
        }
        total /= (n - 1);
        int rank = config.components() > 0 ? config.components() : config.maxComponents();
        rank = Math.min(rank, Math.min(d, n - 1));
        TruncatedSvd.Result svd = new TruncatedSvd(rank, 10, 4, config.seed()).fit(new CenteredDenseOperator(x, mean));
        int keep = svd.r();
        double[] explained = new double[svd.r()];
        for (int j = 0; j < svd.r(); j++) {
            explained[j] = svd.s()[j] * svd.s()[j] / (n - 1);
        }
        if (config.components() == 0) {
            double acc = 0;
            keep = svd.r();
            for (int j = 0; j < svd.r(); j++) {
                acc += explained[j];
                if (acc >= config.varianceShare() * total) {
                    keep = j + 1;
                    break;
                }
            }
        }
        double[] components = new double[keep * d];
        for (int j = 0; j < keep; j++) {
            for (int k = 0; k < d; k++) {
                components[j * d + k] = svd.v()[k * svd.r() + j];
            }
        }
        double[] kept = java.util.Arrays.copyOf(explained, keep);
        return new PcaModel(d, keep, mean, components, kept, total);
    }
}
