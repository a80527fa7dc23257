package io.cohortlm.reduce;

/** The operator of a dense float matrix with its column means subtracted (never materialised). */
final class CenteredDenseOperator implements LinearOperator {
    private final float[][] x;
    private final double[] mean;
    private final int d;

    CenteredDenseOperator(float[][] x, double[] mean) {
        this.x = x;
        this.mean = mean;
        this.d = mean.length;
    }

    @Override
    public int rows() {
        return x.length;
    }

    @Override
    public int cols() {
        return d;
    }

    @Override
    public void multiply(double[] in, int l, double[] out) {
        double[] mu = new double[l];
        for (int k = 0; k < d; k++) {
            for (int j = 0; j < l; j++) {
                mu[j] += mean[k] * in[k * l + j];
            }
        }
        for (int i = 0; i < x.length; i++) {
            float[] row = x[i];
            int o = i * l;
            for (int j = 0; j < l; j++) {
                out[o + j] = -mu[j];
            }
            for (int k = 0; k < d; k++) {
                double v = row[k];
                int ik = k * l;
                for (int j = 0; j < l; j++) {
                    out[o + j] += v * in[ik + j];
                }
            }
        }
    }

    @Override
    public void multiplyTransposed(double[] in, int l, double[] out) {
        java.util.Arrays.fill(out, 0, d * l, 0);
        double[] colSum = new double[l];
        for (int i = 0; i < x.length; i++) {
            float[] row = x[i];
            int o = i * l;
            for (int j = 0; j < l; j++) {
                colSum[j] += in[o + j];
            }
            for (int k = 0; k < d; k++) {
                double v = row[k];
                int ok = k * l;
                for (int j = 0; j < l; j++) {
                    out[ok + j] += v * in[o + j];
                }
            }
        }
        for (int k = 0; k < d; k++) {
            for (int j = 0; j < l; j++) {
                out[k * l + j] -= mean[k] * colSum[j];
            }
        }
    }
}
