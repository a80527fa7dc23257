package io.cohortlm.represent;

import io.cohortlm.data.Dataset;
import io.cohortlm.data.Events;
import io.cohortlm.reduce.LinearOperator;
import java.util.Arrays;

/**
 * Sparse users × items matrix of summed event weights in CSR form (one row per user, column indices sorted,
 * duplicates merged). Built in two passes over the events with primitive arrays only, so tens of millions of
 * events cost a few hundred MB.
 */
public final class UserItemMatrix implements LinearOperator {
    private final int users;
    private final int items;
    private final int[] rowStart;
    private final int[] col;
    private final float[] val;

    private UserItemMatrix(int users, int items, int[] rowStart, int[] col, float[] val) {
        this.users = users;
        this.items = items;
        this.rowStart = rowStart;
        this.col = col;
        this.val = val;
    }

    /** Builds the matrix of event weights; events weighing 0 are dropped. */
    public static UserItemMatrix of(Dataset data, EventWeights weights) {
        Events ev = data.events();
        int n = data.users().size();
        int m = data.items().size();
        double[] base = weights.baseByCode(ev);
        int ratingCode = ev.types().find("rating");
        long now = latestTime(ev);
        int[] count = new int[n + 1];
        float[] w = new float[ev.size()];
        for (int e = 0; e < ev.size(); e++) {
            w[e] = (float) weights.weight(ev, e, base, ratingCode, now);
            if (w[e] > 0) {
                count[ev.user(e) + 1]++;
            }
        }
        for (int u = 0; u < n; u++) {
            count[u + 1] += count[u];
        }
        int[] fill = Arrays.copyOf(count, n);
        int[] cols = new int[count[n]];
        float[] vals = new float[count[n]];
        for (int e = 0; e < ev.size(); e++) {
            if (w[e] > 0) {
                int p = fill[ev.user(e)]++;
                cols[p] = ev.item(e);
                vals[p] = w[e];
            }
        }
        // Sort each row by column and merge duplicates in place.
        int[] start = new int[n + 1];
        int out = 0;
        long[] packed = new long[16];
        for (int u = 0; u < n; u++) {
            int a = count[u];
            int b = count[u + 1];
            start[u] = out;
            int len = b - a;
            if (packed.length < len) {
                packed = new long[Math.max(len, packed.length * 2)];
            }
            for (int i = 0; i < len; i++) {
                packed[i] = ((long) cols[a + i] << 32) | (Float.floatToRawIntBits(vals[a + i]) & 0xffffffffL);
            }
            Arrays.sort(packed, 0, len);
            int last = -1;
            for (int i = 0; i < len; i++) {
                int c = (int) (packed[i] >>> 32);
                float v = Float.intBitsToFloat((int) packed[i]);
                if (c == last) {
                    vals[out - 1] += v;
                } else {
                    cols[out] = c;
                    vals[out] = v;
                    out++;
                    last = c;
                }
            }
        }
        start[n] = out;
        return new UserItemMatrix(n, m, start, Arrays.copyOf(cols, out), Arrays.copyOf(vals, out));
    }

    /**
     * Returns the sub-matrix keeping only the entries {@code p} (positions in {@code 0..nonZeros()-1}) for which
     * {@code keepEntry.test(p)} holds; shape, column order and values are unchanged. Used to build a training
     * matrix from a split without rereading the events.
     */
    public UserItemMatrix select(java.util.function.IntPredicate keepEntry) {
        int[] start = new int[users + 1];
        int kept = 0;
        for (int u = 0; u < users; u++) {
            start[u] = kept;
            for (int p = rowStart[u]; p < rowStart[u + 1]; p++) {
                if (keepEntry.test(p)) {
                    kept++;
                }
            }
        }
        start[users] = kept;
        int[] c = new int[kept];
        float[] v = new float[kept];
        int o = 0;
        for (int p = 0; p < col.length; p++) {
            if (keepEntry.test(p)) {
                c[o] = col[p];
                v[o++] = val[p];
            }
        }
        return new UserItemMatrix(users, items, start, c, v);
    }

    /**
     * Per entry, the earliest timestamp (epoch s) of the events merged into it, or {@link Events#NO_TIME} when
     * none of them has one. {@code data} must be the dataset this matrix was built from.
     */
    public long[] firstTimes(Dataset data) {
        Events ev = data.events();
        long[] first = new long[col.length];
        Arrays.fill(first, Long.MAX_VALUE);
        for (int e = 0; e < ev.size(); e++) {
            int u = ev.user(e);
            int p = Arrays.binarySearch(col, rowStart[u], rowStart[u + 1], ev.item(e));
            if (p >= 0) {
                long t = ev.time(e);
                if (t != Events.NO_TIME && t < first[p]) {
                    first[p] = t;
                }
            }
        }
        for (int p = 0; p < first.length; p++) {
            if (first[p] == Long.MAX_VALUE) {
                first[p] = Events.NO_TIME;
            }
        }
        return first;
    }

    /** Number of stored entries of user {@code u}. */
    public int rowLength(int u) {
        return rowStart[u + 1] - rowStart[u];
    }

    static long latestTime(Events ev) {
        long now = Events.NO_TIME;
        for (int e = 0; e < ev.size(); e++) {
            now = Math.max(now, ev.time(e));
        }
        return now;
    }

    @Override
    public int rows() {
        return users;
    }

    @Override
    public int cols() {
        return items;
    }

    public int nonZeros() {
        return col.length;
    }

    public int rowStart(int u) {
        return rowStart[u];
    }

    public int rowEnd(int u) {
        return rowStart[u + 1];
    }

    public int col(int p) {
        return col[p];
    }

    public float value(int p) {
        return val[p];
    }

    /** Returns a copy with every value transformed by {@code log(1 + v)} and columns scaled by {@code colScale}. */
    public UserItemMatrix reweighted(double[] colScale, boolean log1p) {
        float[] v = new float[val.length];
        for (int p = 0; p < val.length; p++) {
            double x = log1p ? Math.log1p(val[p]) : val[p];
            v[p] = (float) (x * colScale[col[p]]);
        }
        return new UserItemMatrix(users, items, rowStart, col, v);
    }

    /** Returns a copy with every stored value set to 1 (presence only). */
    public UserItemMatrix binary() {
        float[] v = new float[val.length];
        Arrays.fill(v, 1f);
        return new UserItemMatrix(users, items, rowStart, col, v);
    }

    /** Returns a copy whose rows have unit L2 norm (empty rows stay empty). */
    public UserItemMatrix rowNormalized() {
        float[] v = val.clone();
        for (int u = 0; u < users; u++) {
            double s = 0;
            for (int p = rowStart[u]; p < rowStart[u + 1]; p++) {
                s += (double) v[p] * v[p];
            }
            if (s > 0) {
                float inv = (float) (1 / Math.sqrt(s));
                for (int p = rowStart[u]; p < rowStart[u + 1]; p++) {
                    v[p] *= inv;
                }
            }
        }
        return new UserItemMatrix(users, items, rowStart, col, v);
    }

    /** Number of users with a non-zero entry per item (document frequency). */
    public int[] itemUserCounts() {
        int[] df = new int[items];
        for (int c : col) {
            df[c]++;
        }
        return df;
    }

    @Override
    public void multiply(double[] in, int l, double[] out) {
        Arrays.fill(out, 0, users * l, 0);
        for (int u = 0; u < users; u++) {
            int o = u * l;
            for (int p = rowStart[u]; p < rowStart[u + 1]; p++) {
                double v = val[p];
                int ic = col[p] * l;
                for (int j = 0; j < l; j++) {
                    out[o + j] += v * in[ic + j];
                }
            }
        }
    }

    @Override
    public void multiplyTransposed(double[] in, int l, double[] out) {
        Arrays.fill(out, 0, items * l, 0);
        for (int u = 0; u < users; u++) {
            int o = u * l;
            for (int p = rowStart[u]; p < rowStart[u + 1]; p++) {
                double v = val[p];
                int ic = col[p] * l;
                for (int j = 0; j < l; j++) {
                    out[ic + j] += v * in[o + j];
                }
            }
        }
    }
}
