package io.cohortlm.segment;

import java.util.Arrays;

/**
 * Minimum-cost assignment on a rectangular cost matrix (Kuhn–Munkres with potentials, O(r²·c)). Used to match
 * a retrained model's segments to the previous model's so segment ids stay stable.
 */
final class Hungarian {
    private Hungarian() {
    }

    /**
     * @param cost rows × cols, finite
     * @return for each row the assigned column, or -1 when rows &gt; cols and the row is left out
     */
    static int[] solve(double[][] cost) {
        int rows = cost.length;
        int cols = rows == 0 ? 0 : cost[0].length;
        boolean transpose = rows > cols;
        double[][] a = transpose ? transpose(cost) : cost;
        int n = a.length;
        int m = n == 0 ? 0 : a[0].length;
        double[] u = new double[n + 1];
        double[] v = new double[m + 1];
        int[] p = new int[m + 1];
        int[] way = new int[m + 1];
        for (int i = 1; i <= n; i++) {
            p[0] = i;
            int j0 = 0;
            double[] minv = new double[m + 1];
            Arrays.fill(minv, Double.POSITIVE_INFINITY);
            boolean[] used = new boolean[m + 1];
            do {
                used[j0] = true;
                int i0 = p[j0];
                double delta = Double.POSITIVE_INFINITY;
                int j1 = 0;
                for (int j = 1; j <= m; j++) {
                    if (!used[j]) {
                        double cur = a[i0 - 1][j - 1] - u[i0] - v[j];
                        if (cur < minv[j]) {
                            minv[j] = cur;
                            way[j] = j0;
                        }
                        if (minv[j] < delta) {
                            delta = minv[j];
                            j1 = j;
                        }
                    }
                }
                for (int j = 0; j <= m; j++) {
                    if (used[j]) {
                        u[p[j]] += delta;
                        v[j] -= delta;
                    } else {
                        minv[j] -= delta;
                    }
                }
                j0 = j1;
            } while (p[j0] != 0);
            do {
                int j1 = way[j0];
                p[j0] = p[j1];
                j0 = j1;
            } while (j0 != 0);
        }
        int[] rowToCol = new int[n];
        Arrays.fill(rowToCol, -1);
        for (int j = 1; j <= m; j++) {
            if (p[j] != 0) {
                rowToCol[p[j] - 1] = j - 1;
            }
        }
        if (!transpose) {
            return rowToCol;
        }
        int[] out = new int[rows];
        Arrays.fill(out, -1);
        for (int r = 0; r < n; r++) {
            if (rowToCol[r] >= 0) {
                out[rowToCol[r]] = r;
            }
        }
        return out;
    }

    private static double[][] transpose(double[][] c) {
        double[][] t = new double[c[0].length][c.length];
        for (int i = 0; i < c.length; i++) {
            for (int j = 0; j < c[0].length; j++) {
                t[j][i] = c[i][j];
            }
        }
        return t;
    }
}
