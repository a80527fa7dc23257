package io.cohortlm.synth;

import java.util.SplittableRandom;

/** How the number of events per user is drawn; every user gets at least one event. */
public enum EventCountDistribution {
    /** Geometric on 1, 2, 3, … with the configured mean: many light users, a thin tail. */
    GEOMETRIC,
    /** Log-normal with the configured mean and sigma 1 (rounded, at least 1): a heavy tail of very active users. */
    LOGNORMAL,
    /** Exactly the mean (rounded) for every user. */
    FIXED;

    /** Hard cap per user, so one draw from the log-normal tail cannot dominate memory. */
    static final int MAX_PER_USER = 10_000;

    int sample(SplittableRandom rng, double mean) {
        int n = switch (this) {
            case GEOMETRIC -> {
                if (mean <= 1.0) {
                    yield 1;
                }
                double p = 1.0 / mean;
                double u = 1.0 - rng.nextDouble(); // (0, 1]
                yield 1 + (int) Math.floor(Math.log(u) / Math.log1p(-p));
            }
            case LOGNORMAL -> {
                double sigma = 1.0;
                double mu = Math.log(mean) - sigma * sigma / 2;
                yield (int) Math.round(Math.exp(mu + sigma * gaussian(rng)));
            }
            case FIXED -> (int) Math.round(mean);
        };
        return Math.max(1, Math.min(MAX_PER_USER, n));
    }

    /** Standard normal draw (Box–Muller; SplittableRandom has no nextGaussian on Java 17). */
    static double gaussian(SplittableRandom rng) {
        double u1 = 1.0 - rng.nextDouble();
        double u2 = rng.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }
}
