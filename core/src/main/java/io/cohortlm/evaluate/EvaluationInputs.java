package io.cohortlm.evaluate;

import io.cohortlm.data.Dataset;
import io.cohortlm.recommend.SegmentAssigner;
import io.cohortlm.recommend.StatedInterests;
import io.cohortlm.represent.UserItemMatrix;

/**
 * What CohortLM knows about users and items besides interactions, computed by earlier stages.
 * <p>Compromise (documented in docs/evaluation.md): segments and user vectors are normally computed once on the
 * full data, so for {@code random}/{@code temporal} a user's segment has seen their test items (a mild optimism
 * for the segment methods only). Supply {@code refit} to recompute them from each split's training matrix
 * instead. For held-out ({@code cold}/{@code fewshot}) users the given segment and vector are never used: their
 * segment comes from {@code assigner} on {@code profileVectors} (attributes/profile only), or is none.
 *
 * @param userSegments   segment per user, -1 = none; null = no segments
 * @param segmentCount   number of segments, ≥ 0
 * @param userVectors    per-user vectors the segments were computed from, or null
 * @param profileVectors per-user vectors from attributes/profile only (no behaviour), or null
 * @param itemVectors    per-item vectors in item-text space (for content), or null
 * @param assigner       assigns a segment from a vector (for held-out users), or null
 * @param refit          recomputes segments from a training matrix, or null (use the given ones)
 * @param interests      writes and encodes stated interests about items (the {@code text} protocol and the
 *                       stated-interest model's tuning), or null: {@code text} users are then scored without them
 */
public record EvaluationInputs(int[] userSegments, int segmentCount, float[][] userVectors, float[][] profileVectors,
        float[][] itemVectors, SegmentAssigner assigner, SegmentRefit refit, StatedInterests interests) {
    public EvaluationInputs {
        if (segmentCount < 0) {
            throw new IllegalArgumentException("segmentCount must be ≥ 0, was " + segmentCount);
        }
    }

    /** Inputs without stated interests. */
    public EvaluationInputs(int[] userSegments, int segmentCount, float[][] userVectors, float[][] profileVectors,
            float[][] itemVectors, SegmentAssigner assigner, SegmentRefit refit) {
        this(userSegments, segmentCount, userVectors, profileVectors, itemVectors, assigner, refit, null);
    }

    /** No side information: segment methods degrade to global popularity, content to popularity. */
    public static EvaluationInputs none() {
        return new EvaluationInputs(null, 0, null, null, null, null, null);
    }

    /** Segments recomputed for one split. */
    public record Segmentation(int[] userSegments, int segmentCount, float[][] userVectors,
            SegmentAssigner assigner) {
    }

    /** Recomputes segmentation from training interactions only (e.g. pool vectors, then k-means). */
    @FunctionalInterface
    public interface SegmentRefit {
        Segmentation refit(Dataset data, UserItemMatrix training);
    }
}
