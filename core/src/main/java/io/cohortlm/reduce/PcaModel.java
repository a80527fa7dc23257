package io.cohortlm.reduce;

/**
 * A fitted PCA: projects d-dimensional vectors onto the top components.
 *
 * @param inputDim           d
 * @param components         number of kept components
 * @param mean               column means (length d)
 * @param axes               component axes, row-major components × d, unit length
 * @param explainedVariance  variance along each kept axis, descending
 * @param totalVariance      total variance of the input (sum of column variances)
 */
public record PcaModel(int inputDim, int components, double[] mean, double[] axes, double[] explainedVariance,
        double totalVariance) {

    /** Share of the total variance the kept components explain, in [0, 1]. */
    public double explainedShare() {
        double s = 0;
        for (double v : explainedVariance) {
            s += v;
        }
        return totalVariance > 0 ? Math.min(1, s / totalVariance) : 0;
    }

    /** Projects one vector. */
    public float[] transform(float[] x) {
        if (x.length != inputDim) {
            throw new IllegalArgumentException("vector dimension must be " + inputDim + ", was " + x.length);
        }
        float[] out = new float[components];
        for (int j = 0; j < components; j++) {
            double s = 0;
            int off = j * inputDim;
            for (int k = 0; k < inputDim; k++) {
                s += (x[k] - mean[k]) * axes[off + k];
            }
            out[j] = (float) s;
        }
        return out;
    }

    /** Projects many vectors. */
    public float[][] transform(float[][] x) {
        float[][] out = new float[x.length][];
        for (int i = 0; i < x.length; i++) {
            out[i] = transform(x[i]);
        }
        return out;
    }
}
