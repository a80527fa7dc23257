package io.cohortlm.export;

import java.util.Map;
import java.util.Objects;

/**
 * What may leave the process. Applied by {@link DisclosureControl#release} — the one function every export,
 * report and API answer goes through.
 *
 * @param minSegmentSize k-anonymity floor: segments (and the outlier group) with fewer members are never shown with
 *                       their own size or members, ≥ 1 (1 = off)
 * @param smallSegments  what happens below the floor: merged into one {@value DisclosureControl#OTHER} bucket
 *                       (itself suppressed if still below the floor) or suppressed outright
 * @param epsilon        differential-privacy budget per user for the exported segment statistics; 0 = no noise.
 *                       Users sit in exactly one segment, so by parallel composition each user's total is ε
 * @param seed           seed of the Laplace noise
 * @param clipBounds     per numeric feature name, the [lo, hi] its values are clipped to before a noisy mean is
 *                       released (only these features get means under DP); must not be derived from the data
 * @param rawIds         true to export raw user ids instead of pseudonyms (off by default; say why when on)
 */
public record PrivacyPolicy(int minSegmentSize, SmallSegments smallSegments, double epsilon, long seed,
        Map<String, Bounds> clipBounds, boolean rawIds) {
    /** Treatment of segments below the floor. */
    public enum SmallSegments { MERGE, SUPPRESS }

    /** A clipping interval, lo &lt; hi. */
    public record Bounds(double lo, double hi) {
        public Bounds {
            if (!(lo < hi) || Double.isInfinite(lo) || Double.isInfinite(hi)) {
                throw new IllegalArgumentException("bounds must be finite with lo < hi, were [" + lo + ", " + hi + "]");
            }
        }
    }

    public PrivacyPolicy {
        if (minSegmentSize < 1) {
            throw new IllegalArgumentException("minSegmentSize must be ≥ 1, was " + minSegmentSize);
        }
        Objects.requireNonNull(smallSegments, "smallSegments");
        if (!(epsilon >= 0) || Double.isInfinite(epsilon)) {
            throw new IllegalArgumentException("epsilon must be ≥ 0 and finite (0 = off), was " + epsilon);
        }
        clipBounds = Map.copyOf(clipBounds);
    }

    /** Floor 10, merge small segments, no noise, seed 0, pseudonymised ids. */
    public static PrivacyPolicy defaults() {
        return new PrivacyPolicy(10, SmallSegments.MERGE, 0, 0, Map.of(), false);
    }

    public PrivacyPolicy withMinSegmentSize(int k) {
        return new PrivacyPolicy(k, smallSegments, epsilon, seed, clipBounds, rawIds);
    }

    public PrivacyPolicy withDifferentialPrivacy(double eps, long noiseSeed, Map<String, Bounds> bounds) {
        return new PrivacyPolicy(minSegmentSize, smallSegments, eps, noiseSeed, bounds, rawIds);
    }

    public PrivacyPolicy withSmallSegments(SmallSegments action) {
        return new PrivacyPolicy(minSegmentSize, action, epsilon, seed, clipBounds, rawIds);
    }
}
