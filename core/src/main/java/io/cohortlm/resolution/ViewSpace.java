package io.cohortlm.resolution;

import io.cohortlm.reduce.TruncatedSvd;
import io.cohortlm.represent.BehaviourProjection;
import io.cohortlm.represent.UserItemMatrix;
import java.util.Arrays;

/**
 * The views of one training matrix, fitted so that any history folds in by the same rule a training user got:
 * behaviour (log-damped, IDF-weighted, L2-normalised rows projected on the top right singular vectors), item text
 * (the log-damped weighted mean of the unit item-text vectors of the history, normalised), and attributes (given,
 * normalised). Each block is a unit vector or zero; a weighted concatenation scales block v by √w_v, so w_v is
 * its share of the squared distance.
 *
 * @param behaviour  the fitted behaviour projection
 * @param itemText   unit item-text vectors (items × d, row-major), or null without the language-model view
 * @param textDim    d, or 0
 * @param attributes unit attribute vectors per user (rows align with the matrix), or null
 */
record ViewSpace(BehaviourProjection behaviour, float[] itemText, int textDim, float[][] attributes) {
    static final int BEHAVIOUR = 0;
    static final int TEXT = 1;
    static final int ATTRIBUTES = 2;
    static final String[] NAMES = {"behaviour", "items", "attributes"};

    static ViewSpace fit(UserItemMatrix train, float[][] itemText, float[][] attributes, int rank, long seed) {
        int n = train.rows();
        int m = train.cols();
        int[] df = train.itemUserCounts();
        int active = 0;
        for (int u = 0; u < n; u++) {
            if (train.rowLength(u) > 0) {
                active++;
            }
        }
        float[] idf = new float[m];
        double[] idfD = new double[m];
        for (int i = 0; i < m; i++) {
            idfD[i] = df[i] == 0 ? 0 : Math.log((1.0 + active) / df[i]);
            idf[i] = (float) idfD[i];
        }
        UserItemMatrix x = train.reweighted(idfD, true).rowNormalized();
        int r = Math.max(1, Math.min(rank, Math.min(n, m) - 1));
        TruncatedSvd.Result svd = new TruncatedSvd(r, 10, 3, seed).fit(x);
        float[] v = new float[m * rank];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < svd.r(); j++) {
                v[i * rank + j] = (float) svd.v()[i * svd.r() + j];
            }
        }
        float[] unit = null;
        int d = 0;
        if (itemText != null && itemText.length > 0) {
            d = itemText[0].length;
            unit = new float[m * d];
            for (int i = 0; i < m; i++) {
                double s = 0;
                for (float f : itemText[i]) {
                    s += (double) f * f;
                }
                double inv = s > 0 ? 1 / Math.sqrt(s) : 0;
                for (int k = 0; k < d; k++) {
                    unit[i * d + k] = (float) (itemText[i][k] * inv);
                }
            }
        }
        float[][] attr = null;
        if (attributes != null && attributes.length > 0 && attributes[0].length > 0) {
            attr = new float[attributes.length][];
            for (int u = 0; u < attributes.length; u++) {
                attr[u] = normalised(attributes[u]);
            }
        }
        return new ViewSpace(new BehaviourProjection(idf, v, rank), unit, d, attr);
    }

    /** Which views exist (behaviour always). */
    boolean[] present() {
        return new boolean[] {true, itemText != null, attributes != null};
    }

    int[] dims() {
        return new int[] {behaviour.rank(), textDim, attributes == null ? 0 : attributes[0].length};
    }

    int dimension() {
        int s = 0;
        for (int d : dims()) {
            s += d;
        }
        return s;
    }

    /**
     * The weighted vector of a history (distinct items, weights) and a user row ({@code -1} = unknown), into
     * {@code out}; returns which blocks are known (a block of an empty history, or of an unknown user's
     * attributes, is unknown and left zero).
     */
    boolean[] embed(int[] items, float[] weights, int user, double[] viewWeights, float[] out) {
        Arrays.fill(out, 0f);
        int[] dims = dims();
        boolean[] known = new boolean[3];
        float[] b = new float[dims[BEHAVIOUR]];
        if (items.length > 0 && behaviour.project(items, weights, 0, items.length, b)) {
            normalise(b);
            known[BEHAVIOUR] = true;
            put(b, out, 0, viewWeights[BEHAVIOUR]);
        }
        if (itemText != null && items.length > 0) {
            double[] acc = new double[textDim];
            double ws = 0;
            for (int t = 0; t < items.length; t++) {
                double w = Math.log1p(Math.max(0, weights[t]));
                if (w <= 0) {
                    continue;
                }
                ws += w;
                int o = items[t] * textDim;
                for (int k = 0; k < textDim; k++) {
                    acc[k] += w * itemText[o + k];
                }
            }
            if (ws > 0) {
                float[] tv = new float[textDim];
                for (int k = 0; k < textDim; k++) {
                    tv[k] = (float) acc[k];
                }
                if (normalise(tv)) {
                    known[TEXT] = true;
                    put(tv, out, dims[BEHAVIOUR], viewWeights[TEXT]);
                }
            }
        }
        if (attributes != null && user >= 0 && user < attributes.length) {
            float[] a = attributes[user];
            boolean any = false;
            for (float f : a) {
                any |= f != 0;
            }
            if (any) {
                known[ATTRIBUTES] = true;
                put(a, out, dims[BEHAVIOUR] + dims[TEXT], viewWeights[ATTRIBUTES]);
            }
        }
        return known;
    }

    /** Row u of a training matrix as (items, weights). */
    static int[] rowItems(UserItemMatrix x, int u) {
        int a = x.rowStart(u);
        int[] items = new int[x.rowLength(u)];
        for (int p = 0; p < items.length; p++) {
            items[p] = x.col(a + p);
        }
        return items;
    }

    static float[] rowWeights(UserItemMatrix x, int u) {
        int a = x.rowStart(u);
        float[] w = new float[x.rowLength(u)];
        for (int p = 0; p < w.length; p++) {
            w[p] = x.value(a + p);
        }
        return w;
    }

    private static void put(float[] v, float[] out, int offset, double weight) {
        float s = (float) Math.sqrt(weight);
        for (int k = 0; k < v.length; k++) {
            out[offset + k] = s * v[k];
        }
    }

    private static float[] normalised(float[] v) {
        float[] c = v.clone();
        normalise(c);
        return c;
    }

    private static boolean normalise(float[] v) {
        double s = 0;
        for (float f : v) {
            s += (double) f * f;
        }
        if (!(s > 0)) {
            return false;
        }
        float inv = (float) (1 / Math.sqrt(s));
        for (int k = 0; k < v.length; k++) {
            v[k] *= inv;
        }
        return true;
    }
}
