package io.cohortlm.predict;

/**
 * A fitted {@link LogisticRegression}: standardiser plus weights. Immutable and thread-safe.
 *
 * @see LogisticRegression#fit
 */
public final class LogisticModel {
    private final Standardizer standardizer;
    private final int classes;
    private final double[] weights;
    private final int iterations;
    private final boolean converged;
    private final double objective;

    LogisticModel(Standardizer standardizer, int classes, double[] weights, int iterations, boolean converged,
            double objective) {
        this.standardizer = standardizer;
        this.classes = classes;
        this.weights = weights;
        this.iterations = iterations;
        this.converged = converged;
        this.objective = objective;
    }

    /**
     * Everything needed to rebuild the model, as plain JSON-friendly data.
     *
     * @param classes number of classes (2 = binary)
     * @param mean    standardiser column means
     * @param sd      standardiser column standard deviations
     * @param weights row-major weights, (classes == 2 ? 1 : classes) rows of (d + 1) values, intercept last
     */
    public record State(int classes, double[] mean, double[] sd, double[] weights) {
        public State {
            int rows = classes == 2 ? 1 : classes;
            if (classes < 2) {
                throw new IllegalArgumentException("classes must be ≥ 2, was " + classes);
            }
            if (weights.length != rows * (mean.length + 1)) {
                throw new IllegalArgumentException("weights length must be " + rows * (mean.length + 1) + ", was " + weights.length);
            }
        }
    }

    /** The model's state, for saving. */
    public State state() {
        return new State(classes, standardizer.mean(), standardizer.sd(), weights.clone());
    }

    /** Rebuilds a saved model; predictions are identical to the original's. */
    public static LogisticModel of(State s) {
        return new LogisticModel(Standardizer.of(s.mean(), s.sd()), s.classes(), s.weights().clone(), 0, true, Double.NaN);
    }

    public int classes() {
        return classes;
    }

    public int dimension() {
        return standardizer.dimension();
    }

    /** L-BFGS iterations run. */
    public int iterations() {
        return iterations;
    }

    /** Whether the gradient tolerance was reached. */
    public boolean converged() {
        return converged;
    }

    /** Final regularised mean training loss. */
    public double objective() {
        return objective;
    }

    /** Class probabilities of one raw row (length {@link #classes()}, sums to 1). */
    public double[] predict(double[] row) {
        double[] p = new double[classes];
        probabilities(weights, classes == 2 ? 1 : classes, dimension() + 1, standardizer.apply(row), p);
        return p;
    }

    /** P(class 1) of each raw row; for binary models. */
    public double[] positiveProbability(double[][] x) {
        if (classes != 2) {
            throw new IllegalStateException("positiveProbability needs a binary model, this one has " + classes + " classes");
        }
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = predict(x[i])[1];
        }
        return out;
    }

    /** Class probabilities of each raw row. */
    public double[][] predict(double[][] x) {
        double[][] out = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            out[i] = predict(x[i]);
        }
        return out;
    }

    static void probabilities(double[] w, int rows, int stride, double[] z, double[] p) {
        int d = stride - 1;
        if (rows == 1) {
            double s = w[d];
            for (int j = 0; j < d; j++) {
                s += w[j] * z[j];
            }
            double p1 = s >= 0 ? 1 / (1 + Math.exp(-s)) : Math.exp(s) / (1 + Math.exp(s));
            p[0] = 1 - p1;
            p[1] = p1;
            return;
        }
        double max = Double.NEGATIVE_INFINITY;
        for (int r = 0; r < rows; r++) {
            int o = r * stride;
            double s = w[o + d];
            for (int j = 0; j < d; j++) {
                s += w[o + j] * z[j];
            }
            p[r] = s;
            max = Math.max(max, s);
        }
        double sum = 0;
        for (int r = 0; r < rows; r++) {
            p[r] = Math.exp(p[r] - max);
            sum += p[r];
        }
        for (int r = 0; r < rows; r++) {
            p[r] /= sum;
        }
    }
}
