package io.cohortlm.recommend;

/**
 * The item-text space as content models use it: item vectors scaled to unit length (one flat array), and the
 * unit query vector of a user — their stated interests and the items they touched, each as one unit direction,
 * weighted equally when both are known.
 */
final class TextSpace {
    final float[] unit;
    final int d;
    final int m;

    private TextSpace(float[] unit, int d, int m) {
        this.unit = unit;
        this.d = d;
        this.m = m;
    }

    /** The space of {@code itemVectors}, or null when there are none. Zero rows stay zero. */
    static TextSpace of(float[][] itemVectors) {
        if (itemVectors == null || itemVectors.length == 0) {
            return null;
        }
        int m = itemVectors.length;
        int d = itemVectors[0].length;
        float[] unit = new float[m * d];
        for (int i = 0; i < m; i++) {
            double s = 0;
            for (int k = 0; k < d; k++) {
                s += (double) itemVectors[i][k] * itemVectors[i][k];
            }
            double inv = s > 0 ? 1 / Math.sqrt(s) : 0;
            for (int k = 0; k < d; k++) {
                unit[i * d + k] = (float) (itemVectors[i][k] * inv);
            }
        }
        return new TextSpace(unit, d, m);
    }

    /** The weighted mean direction of {@code items}' vectors, not normalised; null if it is zero. */
    double[] pooled(int[] items, float[] weights) {
        if (items.length == 0) {
            return null;
        }
        double[] acc = new double[d];
        for (int t = 0; t < items.length; t++) {
            int o = items[t] * d;
            double w = weights[t];
            for (int k = 0; k < d; k++) {
                acc[k] += w * unit[o + k];
            }
        }
        return norm(acc) > 0 ? acc : null;
    }

    /**
     * The user's unit query: the stated-interest text and the pooled history, each normalised, summed; null if
     * neither is known (or the text has the wrong dimension).
     */
    float[] query(UserQuery user) {
        double[] acc = new double[d];
        boolean any = false;
        float[] text = user.text();
        if (text != null && text.length == d) {
            double n = 0;
            for (float v : text) {
                n += (double) v * v;
            }
            if (n > 0) {
                double inv = 1 / Math.sqrt(n);
                for (int k = 0; k < d; k++) {
                    acc[k] += text[k] * inv;
                }
                any = true;
            }
        }
        double[] h = pooled(user.items(), user.weights());
        if (h != null) {
            double inv = 1 / Math.sqrt(norm(h));
            for (int k = 0; k < d; k++) {
                acc[k] += h[k] * inv;
            }
            any = true;
        }
        return any ? unitOf(acc) : null;
    }

    /** {@code acc / |acc|} as floats, or null for a zero vector. */
    static float[] unitOf(double[] acc) {
        double n = norm(acc);
        if (!(n > 0)) {
            return null;
        }
        double inv = 1 / Math.sqrt(n);
        float[] q = new float[acc.length];
        for (int k = 0; k < acc.length; k++) {
            q[k] = (float) (acc[k] * inv);
        }
        return q;
    }

    private static double norm(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x * x;
        }
        return s;
    }

    /** out[i] = cosine of {@code q} (unit) with item i, for every item. */
    void cosines(float[] q, float[] out) {
        for (int i = 0; i < m; i++) {
            out[i] = dot(q, i * d);
        }
    }

    /** q · unit[o, o + d): the Vector API kernel when present, else four scalar accumulators. */
    float dot(float[] q, int o) {
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
}
