package io.cohortlm.recommend;

import io.cohortlm.represent.UserItemMatrix;

/**
 * Content-based: items nearest the user in item-text space — the cosine between the user's query vector (their
 * stated interests, encoded, and the weight-averaged vectors of the items in their history) and each item's
 * vector. Without either, the user's segment stands in (the pooled vector of the segment members' training histories); with neither,
 * or without item vectors, it is global popularity.
 */
public record ContentRecommender() implements Recommender {
    @Override
    public String name() {
        return "content";
    }

    @Override
    public String describe() {
        return "";
    }

    @Override
    public RecommenderModel fit(TrainingData data) {
        Fallback fallback = new Fallback(data);
        TextSpace space = TextSpace.of(data.itemVectors());
        if (space == null) {
            return new Model(null, null, data, fallback);
        }
        int d = space.d;
        UserItemMatrix x = data.matrix();
        int segs = data.segmentCount();
        double[][] segAcc = new double[segs][d];
        for (int u = 0; u < x.rows(); u++) {
            int s = data.userSegment()[u];
            if (s < 0) {
                continue;
            }
            for (int p = x.rowStart(u); p < x.rowEnd(u); p++) {
                int o = x.col(p) * d;
                double w = x.value(p);
                for (int k = 0; k < d; k++) {
                    segAcc[s][k] += w * space.unit[o + k];
                }
            }
        }
        float[][] segVec = new float[segs][];
        for (int s = 0; s < segs; s++) {
            segVec[s] = TextSpace.unitOf(segAcc[s]);
        }
        return new Model(space, segVec, data, fallback);
    }

    /** Fitted content model: unit item vectors and per-segment pooled vectors. */
    static final class Model implements RecommenderModel {
        private final TextSpace space;
        private final float[][] segVec;
        private final TrainingData data;
        private final Fallback fallback;

        Model(TextSpace space, float[][] segVec, TrainingData data, Fallback fallback) {
            this.space = space;
            this.segVec = segVec;
            this.data = data;
            this.fallback = fallback;
        }

        @Override
        public int itemCount() {
            return data.itemCount();
        }

        @Override
        public void score(UserQuery user, float[] out) {
            float[] q = space == null ? null : userVector(user);
            if (q == null) {
                fallback.popularity(out);
                return;
            }
            space.cosines(q, out);
            fallback.tieBreak(out);
        }

        /** The user's unit vector in item-text space (stated interests and history; else their segment's). */
        private float[] userVector(UserQuery user) {
            float[] q = space.query(user);
            if (q != null) {
                return q;
            }
            int s = data.segmentOf(user);
            return s >= 0 ? segVec[s] : null;
        }
    }
}
