package io.cohortlm.recommend;

/**
 * Popularity within groups of users (a segment, a demographic cell) smoothed toward global popularity:
 * p_g(i) = (n_g(i) + β·p(i)) / (N_g + β), where n_g(i) counts group members with item i, N_g the group's
 * interactions and p(i) the global item distribution. The score is p_g(i)·(p_g(i)/p(i))^γ: γ = 0 ranks by the
 * group's own taste, γ &gt; 0 tilts toward what over-indexes in the group (lift). Unknown groups (-1) get p(i).
 */
final class GroupPopularity implements RecommenderModel {
    private final float[][] groupScore;
    private final float[] globalScore;

    private GroupPopularity(float[][] groupScore, float[] globalScore) {
        this.groupScore = groupScore;
        this.globalScore = globalScore;
    }

    /** Fits from the training matrix, {@code group[u]} in [-1, groups). */
    static GroupPopularity fit(TrainingData data, int[] group, int groups, double smoothing, double liftExponent) {
        var m = data.matrix();
        int items = m.cols();
        double[] global = new double[items];
        double[][] counts = new double[groups][items];
        double[] totals = new double[groups];
        double total = 0;
        for (int u = 0; u < m.rows(); u++) {
            int g = group[u];
            for (int p = m.rowStart(u); p < m.rowEnd(u); p++) {
                int i = m.col(p);
                global[i]++;
                total++;
                if (g >= 0) {
                    counts[g][i]++;
                    totals[g]++;
                }
            }
        }
        double[] pg = new double[items];
        float[] globalScore = new float[items];
        for (int i = 0; i < items; i++) {
            pg[i] = (global[i] + 1) / (total + items);
            globalScore[i] = (float) pg[i];
        }
        float[][] scores = new float[groups][items];
        for (int g = 0; g < groups; g++) {
            for (int i = 0; i < items; i++) {
                double ps = (counts[g][i] + smoothing * pg[i]) / (totals[g] + smoothing);
                scores[g][i] = (float) (liftExponent == 0 ? ps : ps * Math.pow(ps / pg[i], liftExponent));
            }
        }
        return new GroupPopularity(scores, globalScore);
    }

    /**
     * Fits with a per-group prior instead of global popularity: p_g(i) = (n_g(i) + β·prior_g(i)) / (N_g + β)
     * (back-off for cells of several attributes). Unknown groups (-1) get global popularity.
     */
    static GroupPopularity fitWithPrior(TrainingData data, int[] group, int groups, double smoothing,
            float[][] prior) {
        var m = data.matrix();
        int items = m.cols();
        double[][] counts = new double[groups][items];
        double[] totals = new double[groups];
        double[] global = new double[items];
        double total = 0;
        for (int u = 0; u < m.rows(); u++) {
            int g = group[u];
            for (int p = m.rowStart(u); p < m.rowEnd(u); p++) {
                global[m.col(p)]++;
                total++;
                if (g >= 0) {
                    counts[g][m.col(p)]++;
                    totals[g]++;
                }
            }
        }
        float[] globalScore = new float[items];
        for (int i = 0; i < items; i++) {
            globalScore[i] = (float) ((global[i] + 1) / (total + items));
        }
        float[][] scores = new float[groups][items];
        for (int g = 0; g < groups; g++) {
            for (int i = 0; i < items; i++) {
                scores[g][i] = (float) ((counts[g][i] + smoothing * prior[g][i]) / (totals[g] + smoothing));
            }
        }
        return new GroupPopularity(scores, globalScore);
    }

    @Override
    public int itemCount() {
        return globalScore.length;
    }

    @Override
    public void score(UserQuery user, float[] out) {
        throw new UnsupportedOperationException("score through the owning model, which knows the user's group");
    }

    /** Scores for a group (-1 = global). */
    void scoreGroup(int g, float[] out) {
        System.arraycopy(g < 0 || g >= groupScore.length ? globalScore : groupScore[g], 0, out, 0,
                globalScore.length);
    }
}
