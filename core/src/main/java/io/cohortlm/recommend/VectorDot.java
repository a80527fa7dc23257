package io.cohortlm.recommend;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Dot product on the Vector API (two FMA accumulators of the preferred width). Loaded only when the
 * {@code jdk.incubator.vector} module is present; see {@link SymmetricInverse#dot}.
 */
final class VectorDot {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;

    private VectorDot() {
    }

    static double dot(double[] x, int xo, double[] y, int yo, int len) {
        int w = S.length();
        DoubleVector a0 = DoubleVector.zero(S);
        DoubleVector a1 = DoubleVector.zero(S);
        int t = 0;
        for (; t + 2 * w <= len; t += 2 * w) {
            a0 = DoubleVector.fromArray(S, x, xo + t).fma(DoubleVector.fromArray(S, y, yo + t), a0);
            a1 = DoubleVector.fromArray(S, x, xo + t + w).fma(DoubleVector.fromArray(S, y, yo + t + w), a1);
        }
        for (; t + w <= len; t += w) {
            a0 = DoubleVector.fromArray(S, x, xo + t).fma(DoubleVector.fromArray(S, y, yo + t), a0);
        }
        double s = a0.add(a1).reduceLanes(VectorOperators.ADD);
        for (; t < len; t++) {
            s += x[xo + t] * y[yo + t];
        }
        return s;
    }

    /** Float dot product, two FMA accumulators. */
    static float dot(float[] x, int xo, float[] y, int yo, int len) {
        int w = F.length();
        FloatVector a0 = FloatVector.zero(F);
        FloatVector a1 = FloatVector.zero(F);
        int t = 0;
        for (; t + 2 * w <= len; t += 2 * w) {
            a0 = FloatVector.fromArray(F, x, xo + t).fma(FloatVector.fromArray(F, y, yo + t), a0);
            a1 = FloatVector.fromArray(F, x, xo + t + w).fma(FloatVector.fromArray(F, y, yo + t + w), a1);
        }
        for (; t + w <= len; t += w) {
            a0 = FloatVector.fromArray(F, x, xo + t).fma(FloatVector.fromArray(F, y, yo + t), a0);
        }
        float s = a0.add(a1).reduceLanes(VectorOperators.ADD);
        for (; t < len; t++) {
            s += x[xo + t] * y[yo + t];
        }
        return s;
    }
}
