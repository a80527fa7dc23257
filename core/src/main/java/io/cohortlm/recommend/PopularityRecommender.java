package io.cohortlm.recommend;

/**
 * Global popularity: every user gets the items most training users interacted with. The baseline any
 * personalised method must beat, and the fallback of history-based methods for users without history.
 */
public record PopularityRecommender() implements Recommender {
    @Override
    public String name() {
        return "popularity";
    }

    @Override
    public String describe() {
        return "";
    }

    @Override
    public Model fit(TrainingData data) {
        int[] c = data.itemUserCounts();
        float[] share = new float[c.length];
        double users = Math.max(1, data.userCount());
        for (int i = 0; i < c.length; i++) {
            share[i] = (float) (c[i] / users);
        }
        return new Model(share);
    }

    /** Fitted popularity: the share of training users who interacted with each item. */
    public static final class Model implements RecommenderModel {
        private final float[] share;

        Model(float[] share) {
            this.share = share;
        }

        @Override
        public int itemCount() {
            return share.length;
        }

        @Override
        public void score(UserQuery user, float[] out) {
            System.arraycopy(share, 0, out, 0, share.length);
        }

        /** Share of training users per item (do not modify). */
        float[] share() {
            return share;
        }
    }
}
