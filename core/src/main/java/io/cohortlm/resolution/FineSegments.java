package io.cohortlm.resolution;

import io.cohortlm.recommend.SegmentAssigner;
import io.cohortlm.recommend.UserQuery;
import java.util.List;

/**
 * Fitted fine segments: the view space they were found in, the chosen view weights and k, the centroids, every
 * training user's segment, and the sweep that chose them. As a {@link SegmentAssigner} it places any user by
 * folding their revealed history and attributes into the same space and taking the nearest centroid over the
 * views that user has (a missing view is unknown, not zero). Immutable and thread-safe.
 *
 * @param space       the fitted views
 * @param viewWeights weight per view (behaviour, items, attributes), ≥ 0
 * @param k           number of segments
 * @param centroids   k × dimension, row-major
 * @param labels      segment per user row of the training matrix; users without training events were placed
 *                    from their attributes (-1 if they have none)
 * @param vectors     per user, the weighted vector the segments were fitted on (zero for users without events)
 * @param sweep       every candidate tried, in order
 * @param reason      why this (k, weights) was chosen, in words
 */
public record FineSegments(ViewSpace space, double[] viewWeights, int k, float[] centroids, int[] labels,
        float[][] vectors, List<Candidate> sweep, String reason) implements SegmentAssigner {

    /**
     * One candidate of the sweep.
     *
     * @param stage          {@code weights} (view weights at a probe k) or {@code k}
     * @param k              number of segments
     * @param weights        view weights, e.g. {@code behaviour=1,items=3,attributes=0}
     * @param validationNdcg NDCG@10 of segment popularity on the hidden validation items
     * @param smallest       smallest segment's size
     */
    public record Candidate(String stage, int k, String weights, double validationNdcg, int smallest) {
    }

    /** Weights rendered as {@code behaviour=1,items=3,attributes=0} (views that exist only). */
    public String weightsText() {
        return text(space.present(), viewWeights);
    }

    static String text(boolean[] present, double[] w) {
        StringBuilder b = new StringBuilder();
        for (int v = 0; v < w.length; v++) {
            if (!present[v]) {
                continue;
            }
            if (b.length() > 0) {
                b.append(',');
            }
            double x = w[v];
            b.append(ViewSpace.NAMES[v]).append('=').append(x == Math.rint(x) ? Long.toString((long) x)
                    : Double.toString(x));
        }
        return b.toString();
    }

    /** Segment sizes over the training users. */
    public int[] sizes() {
        int[] s = new int[k];
        for (int l : labels) {
            if (l >= 0) {
                s[l]++;
            }
        }
        return s;
    }

    @Override
    public int assign(float[] userVector) {
        return nearest(userVector, new boolean[] {true, true, true});
    }

    @Override
    public int place(UserQuery q) {
        float[] v = new float[space.dimension()];
        boolean[] known = space.embed(q.items(), q.weights(), q.user(), viewWeights, v);
        return nearest(v, known);
    }

    /** Nearest centroid over the known blocks with positive weight; -1 if none is known. */
    int nearest(float[] v, boolean[] known) {
        int[] dims = space.dims();
        int dim = space.dimension();
        boolean any = false;
        for (int b = 0; b < 3; b++) {
            any |= known[b] && dims[b] > 0 && viewWeights[b] > 0;
        }
        if (!any) {
            return -1;
        }
        int best = -1;
        double bd = Double.POSITIVE_INFINITY;
        for (int c = 0; c < k; c++) {
            int o = c * dim;
            double d = 0;
            int off = 0;
            for (int b = 0; b < 3; b++) {
                if (known[b] && viewWeights[b] > 0) {
                    for (int j = off; j < off + dims[b]; j++) {
                        double t = v[j] - centroids[o + j];
                        d += t * t;
                    }
                }
                off += dims[b];
            }
            if (d < bd) {
                bd = d;
                best = c;
            }
        }
        return best;
    }
}
