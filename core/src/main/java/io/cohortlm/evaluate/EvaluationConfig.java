package io.cohortlm.evaluate;

import io.cohortlm.represent.EventWeights;
import java.util.List;
import java.util.Objects;

/**
 * What {@link Evaluator} runs. Protocols and methods are named as in the report (see docs/evaluation.md).
 *
 * @param protocols          subset of {@link #PROTOCOLS}, non-empty
 * @param seeds              seeds of the {@code random} protocol (one run each), non-empty; the first also seeds
 *                           the cold/few-shot user draw and every fit
 * @param testShare          share of each user's items held out by {@code random}, in (0, 0.5]
 * @param temporalShare      share of timed user–item entries at or after the {@code temporal} cut, in (0, 0.5]
 * @param heldOutShare       share of users held out by {@code cold}/{@code fewshot}, and of items made new by
 *                           {@code cold-items}, in (0, 0.5]
 * @param maxShots           largest n of {@code fewshot}, in [1, 20]
 * @param methods            subset of {@link #METHODS}, non-empty, report order
 * @param tune               tune hyper-parameters on a validation split carved from training (else defaults)
 * @param maxEaseItems       catalogue cap of EASE, in [2, 50000]
 * @param maxValidationUsers validation users used for tuning, in [10, 1000000]
 * @param weights            event weighting that builds the interaction matrix
 * @param threads            worker threads, ≥ 1 (results never depend on it)
 */
public record EvaluationConfig(List<String> protocols, List<Long> seeds, double testShare, double temporalShare,
        double heldOutShare, int maxShots, List<String> methods, boolean tune, int maxEaseItems,
        int maxValidationUsers, EventWeights weights, int threads) {
    /** Protocol names. */
    public static final List<String> PROTOCOLS = List.of("random", "temporal", "cold", "fewshot", "text",
            "cold-items");
    /** Method names, in report order; {@code segment-hybrid} is compared against the best of the others. */
    public static final List<String> METHODS = List.of("popularity", "demographic-popularity", "attribute-ridge",
            "itemknn", "ease", "ials", "rp3beta", "puresvd", "content", "segment-popularity", "segment-hybrid");

    public EvaluationConfig {
        protocols = List.copyOf(Objects.requireNonNull(protocols, "protocols"));
        seeds = List.copyOf(Objects.requireNonNull(seeds, "seeds"));
        methods = List.copyOf(Objects.requireNonNull(methods, "methods"));
        Objects.requireNonNull(weights, "weights");
        if (protocols.isEmpty()) {
            throw new IllegalArgumentException("protocols must not be empty");
        }
        for (String p : protocols) {
            if (!PROTOCOLS.contains(p)) {
                throw new IllegalArgumentException("protocols must be among " + PROTOCOLS + ", was '" + p + "'");
            }
        }
        if (seeds.isEmpty()) {
            throw new IllegalArgumentException("seeds must not be empty");
        }
        if (methods.isEmpty()) {
            throw new IllegalArgumentException("methods must not be empty");
        }
        for (String m : methods) {
            if (!METHODS.contains(m)) {
                throw new IllegalArgumentException("methods must be among " + METHODS + ", was '" + m + "'");
            }
        }
        share("testShare", testShare);
        share("temporalShare", temporalShare);
        share("heldOutShare", heldOutShare);
        if (maxShots < 1 || maxShots > 20) {
            throw new IllegalArgumentException("maxShots must be in [1, 20], was " + maxShots);
        }
        if (maxEaseItems < 2 || maxEaseItems > 50000) {
            throw new IllegalArgumentException("maxEaseItems must be in [2, 50000], was " + maxEaseItems);
        }
        if (maxValidationUsers < 10 || maxValidationUsers > 1_000_000) {
            throw new IllegalArgumentException("maxValidationUsers must be in [10, 1000000], was "
                    + maxValidationUsers);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be ≥ 1, was " + threads);
        }
    }

    private static void share(String name, double v) {
        if (!(v > 0 && v <= 0.5)) {
            throw new IllegalArgumentException(name + " must be in (0, 0.5], was " + v);
        }
    }

    /** Every protocol and method, seeds 0–2, 20% shares, 5 shots, tuning on, EASE cap 6,000, all cores. */
    public static EvaluationConfig defaults() {
        return new EvaluationConfig(PROTOCOLS, List.of(0L, 1L, 2L), 0.2, 0.2, 0.2, 5, METHODS, true, 6000, 2000,
                EventWeights.defaults(), Runtime.getRuntime().availableProcessors());
    }

    /** A copy with other protocols and seeds. */
    public EvaluationConfig withProtocols(List<String> p, List<Long> s) {
        return new EvaluationConfig(p, s, testShare, temporalShare, heldOutShare, maxShots, methods, tune,
                maxEaseItems, maxValidationUsers, weights, threads);
    }

    /** A copy with other methods and tuning switch. */
    public EvaluationConfig withMethods(List<String> m, boolean t) {
        return new EvaluationConfig(protocols, seeds, testShare, temporalShare, heldOutShare, maxShots, m, t,
                maxEaseItems, maxValidationUsers, weights, threads);
    }

    /** A copy with another thread count. */
    public EvaluationConfig withThreads(int t) {
        return new EvaluationConfig(protocols, seeds, testShare, temporalShare, heldOutShare, maxShots, methods,
                tune, maxEaseItems, maxValidationUsers, weights, t);
    }
}
