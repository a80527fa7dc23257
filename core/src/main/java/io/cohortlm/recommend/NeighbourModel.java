package io.cohortlm.recommend;

import java.util.Arrays;

/**
 * A fitted item-neighbourhood model (item-kNN, RP3beta): per item, its neighbours and their weights; a user's
 * score for j sums the weights from the items in their history to j. Without history: global popularity.
 */
final class NeighbourModel implements RecommenderModel {
    private final int[][] nbr;
    private final float[][] weight;
    private final Fallback fallback;

    NeighbourModel(int[][] nbr, float[][] weight, Fallback fallback) {
        this.nbr = nbr;
        this.weight = weight;
        this.fallback = fallback;
    }

    @Override
    public int itemCount() {
        return nbr.length;
    }

    @Override
    public void score(UserQuery user, float[] out) {
        if (user.items().length == 0) {
            fallback.popularity(out);
            return;
        }
        Arrays.fill(out, 0, nbr.length, 0);
        for (int i : user.items()) {
            int[] nb = nbr[i];
            float[] s = weight[i];
            for (int t = 0; t < nb.length; t++) {
                out[nb[t]] += s[t];
            }
        }
        fallback.tieBreak(out);
    }
}
