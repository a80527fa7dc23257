/**
 * Synthetic data with known answers: {@link io.cohortlm.synth.SyntheticGenerator} builds a
 * {@link io.cohortlm.data.Dataset} with planted segments (attribute, behaviour and/or text signals, any mix) from a
 * validated {@link io.cohortlm.synth.SyntheticConfig}, and returns the planted segment of every user as a
 * {@link io.cohortlm.synth.GroundTruth} kept outside the dataset ({@code truth.csv} beside it). Seeded and
 * deterministic. How each signal is planted: docs/synthetic.md.
 */
package io.cohortlm.synth;
