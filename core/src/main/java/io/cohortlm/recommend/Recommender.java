package io.cohortlm.recommend;

/**
 * A configured recommendation method: an immutable set of hyper-parameters that {@link #fit}s training data and
 * returns a fitted {@link RecommenderModel}. Implementations are deterministic given the data's seed, whatever
 * the thread count.
 */
public interface Recommender {
    /** The method's name as it appears in evaluation reports, e.g. {@code ease}. */
    String name();

    /** The hyper-parameters, for reports (e.g. {@code lambda=400}). */
    String describe();

    /** Fits the method. */
    RecommenderModel fit(TrainingData data);
}
