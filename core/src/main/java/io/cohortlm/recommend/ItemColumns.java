package io.cohortlm.recommend;

import io.cohortlm.represent.UserItemMatrix;
import java.util.Arrays;

/** The column view (item → users) of a training matrix, for the item-based models. */
record ItemColumns(int[] colStart, int[] colUsers) {
    static ItemColumns of(UserItemMatrix x) {
        int m = x.cols();
        int[] colStart = new int[m + 1];
        for (int p = 0; p < x.nonZeros(); p++) {
            colStart[x.col(p) + 1]++;
        }
        for (int i = 0; i < m; i++) {
            colStart[i + 1] += colStart[i];
        }
        int[] fill = Arrays.copyOf(colStart, m);
        int[] colUsers = new int[x.nonZeros()];
        for (int u = 0; u < x.rows(); u++) {
            for (int p = x.rowStart(u); p < x.rowEnd(u); p++) {
                colUsers[fill[x.col(p)]++] = u;
            }
        }
        return new ItemColumns(colStart, colUsers);
    }

    int start(int i) {
        return colStart[i];
    }

    int end(int i) {
        return colStart[i + 1];
    }

    int degree(int i) {
        return colStart[i + 1] - colStart[i];
    }

    int user(int q) {
        return colUsers[q];
    }
}
