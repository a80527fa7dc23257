package io.cohortlm.recommend;

import io.cohortlm.represent.UserItemMatrix;

/**
 * Content-based: items nearest the user in item-text space — the cosine between the user's pooled item-text
 * vector (the weight-averaged vectors of the items in their history) and each item's vector. Without history
 * the user's segment stands in (the pooled vector of the segment members' training histories); with neither,
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
        float[][] iv = data.itemVectors();
        if (iv == null || iv.length == 0) {
            return new Model(null, 0, null, data, fallback);
        }
        int m = iv.length;
        int d = iv[0].length;
        float[] unit = new float[m * d];
        for (int i = 0; i < m; i++) {
            double s = 0;
            for (int k = 0; k < d; k++) {
                s += (double) iv[i][k] * iv[i][k];
            }
            double inv = s > 0 ? 1 / Math.sqrt(s) : 0;
            for (int k = 0; k < d; k++) {
                unit[i * d + k] = (float) (iv[i][k] * inv);
            }
        }
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
                    segAcc[s][k] += w * unit[o + k];
                }
            }
        }
        float[][] segVec = new float[segs][];
        for (int s = 0; s < segs; s++) {
            double norm = 0;
            for (int k = 0; k < d; k++) {
                norm += segAcc[s][k] * segAcc[s][k];
            }
            if (norm > 0) {
                segVec[s] = new float[d];
                for (int k = 0; k < d; k++) {
                    segVec[s][k] = (float) (segAcc[s][k] / Math.sqrt(norm));
                }
            }
        }
        return new Model(unit, d, segVec, data, fallback);
    }

    /** Fitted content model: unit item vectors and per-segment pooled vectors. */
    static final class Model implements RecommenderModel {
        private final float[] unit;
        private final int d;
        private final float[][] segVec;
        private final TrainingData data;
        private final Fallback fallback;

        Model(float[] unit, int d, float[][] segVec, TrainingData data, Fallback fallback) {
            this.unit = unit;
            this.d = d;
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
            float[] q = unit == null ? null : userVector(user);
            if (q == null) {
                fallback.popularity(out);
                return;
            }
            int m = itemCount();
            for (int i = 0; i < m; i++) {
                out[i] = dot(q, unit, i * d, d);
            }
            fallback.tieBreak(out);
        }

        /** q · unit[o, o + d): the Vector API kernel when present, else four scalar accumulators. */
        private static float dot(float[] q, float[] unit, int o, int d) {
            if (SymmetricInverse.VECTOR) {
                return VectorDot.dot(q, 0, unit, o, d);
            }
            float s0 = 0;
            float s1 = 0;
            float s2 = 0;
            float s3 = 0;
            int k = 0;
            for (; k + 4 <= d; k += 4) {
                s0 += q[k] * unit[o + k];
                s1 += q[k + 1] * unit[o + k + 1];
                s2 += q[k + 2] * unit[o + k + 2];
                s3 += q[k + 3] * unit[o + k + 3];
            }
            for (; k < d; k++) {
                s0 += q[k] * unit[o + k];
            }
            return (s0 + s1) + (s2 + s3);
        }

        /** The user's unit vector in item-text space, or null if nothing is known. */
        private float[] userVector(UserQuery user) {
            if (user.items().length == 0) {
                int s = data.segmentOf(user);
                return s >= 0 ? segVec[s] : null;
            }
            double[] acc = new double[d];
            for (int t = 0; t < user.items().length; t++) {
                int o = user.items()[t] * d;
                double w = user.weights()[t];
                for (int k = 0; k < d; k++) {
                    acc[k] += w * unit[o + k];
                }
            }
            double norm = 0;
            for (double v : acc) {
                norm += v * v;
            }
            if (!(norm > 0)) {
                return null;
            }
            float[] q = new float[d];
            for (int k = 0; k < d; k++) {
                q[k] = (float) (acc[k] / Math.sqrt(norm));
            }
            return q;
        }
    }
}
