package io.cohortlm.export;

import java.util.SplittableRandom;

/**
 * Seeded Laplace mechanism (Dwork et al. 2006): adds Lap(sensitivity / ε) noise. Not thread-safe; one instance
 * per export so the noise sequence depends only on the seed and the order of calls.
 */
public final class LaplaceNoise {
    private final SplittableRandom rnd;

    public LaplaceNoise(long seed) {
        rnd = new SplittableRandom(seed);
    }

    /** value + Lap(sensitivity / epsilon); epsilon &gt; 0, sensitivity ≥ 0. */
    public double add(double value, double sensitivity, double epsilon) {
        if (!(epsilon > 0)) {
            throw new IllegalArgumentException("epsilon must be > 0, was " + epsilon);
        }
        double u = rnd.nextDouble() - 0.5; // (-0.5, 0.5)
        double scale = sensitivity / epsilon;
        return value - scale * Math.signum(u) * Math.log(1 - 2 * Math.abs(u));
    }

    /** A count (sensitivity 1 under add/remove-one) with noise, rounded and clamped at 0. */
    public long count(long value, double epsilon) {
        return Math.max(0, Math.round(add(value, 1, epsilon)));
    }
}
