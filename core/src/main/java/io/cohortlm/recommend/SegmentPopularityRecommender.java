package io.cohortlm.recommend;

/**
 * Segment popularity: what the user's segment interacts with, smoothed toward global popularity (see
 * {@link GroupPopularity} for the formula). A user without a segment is assigned one from their vector when an
 * assigner is available, else gets global popularity.
 *
 * @param smoothing    pseudo-count β pulling a segment toward global popularity, ≥ 0
 * @param liftExponent γ in [0, 1]: 0 ranks by in-segment share, larger tilts toward over-indexing items
 */
public record SegmentPopularityRecommender(double smoothing, double liftExponent) implements Recommender {
    public SegmentPopularityRecommender {
        if (!(smoothing >= 0)) {
            throw new IllegalArgumentException("smoothing must be ≥ 0, was " + smoothing);
        }
        if (!(liftExponent >= 0 && liftExponent <= 1)) {
            throw new IllegalArgumentException("liftExponent must be in [0, 1], was " + liftExponent);
        }
    }

    public static SegmentPopularityRecommender defaults() {
        return new SegmentPopularityRecommender(50, 0);
    }

    @Override
    public String name() {
        return "segment-popularity";
    }

    @Override
    public String describe() {
        return "smoothing=" + smoothing + ", liftExponent=" + liftExponent;
    }

    @Override
    public RecommenderModel fit(TrainingData data) {
        GroupPopularity g = GroupPopularity.fit(data, data.userSegment(), data.segmentCount(), smoothing,
                liftExponent);
        return new RecommenderModel() {
            @Override
            public int itemCount() {
                return g.itemCount();
            }

            @Override
            public void score(UserQuery user, float[] out) {
                g.scoreGroup(data.segmentOf(user), out);
            }
        };
    }
}
