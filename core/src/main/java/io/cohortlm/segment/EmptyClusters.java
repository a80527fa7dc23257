package io.cohortlm.segment;

/**
 * Re-seeds empty clusters, deterministically: for each empty cluster in index order, the row farthest from its
 * own centroid (by the last assignment; lowest row index on ties; each row used once) becomes the new centroid
 * and leaves its old cluster's sums — unless that cluster would itself become empty. Nothing is done when every
 * remaining row sits exactly on its centroid (fewer distinct rows than clusters).
 */
final class EmptyClusters {
    private EmptyClusters() {
    }

    /** Repairs in place ({@code sums}, {@code counts}); returns how many clusters were re-seeded. */
    static int repair(KMeansEngine engine, double[] sums, int[] counts) {
        int d = engine.rows.d;
        int repaired = 0;
        boolean[] used = null;
        for (int c = 0; c < counts.length; c++) {
            if (counts[c] != 0) {
                continue;
            }
            if (used == null) {
                used = new boolean[engine.rows.n];
            }
            int far = -1;
            double farDist = 0;
            for (int i = 0; i < engine.rows.n; i++) {
                double dist = engine.sqDistance(i);
                if (!used[i] && dist > farDist && counts[engine.labels[i]] > 1) {
                    far = i;
                    farDist = dist;
                }
            }
            if (far < 0) {
                continue;
            }
            used[far] = true;
            int old = engine.labels[far];
            for (int j = 0; j < d; j++) {
                double v = engine.rows.x[far * d + j];
                sums[old * d + j] -= v;
                sums[c * d + j] = v;
            }
            counts[old]--;
            counts[c] = 1;
            repaired++;
        }
        return repaired;
    }
}
