package io.cohortlm.segment;

import java.util.Arrays;

/**
 * The passes of Lloyd's algorithm over one {@link Rows}: assignment fused with the per-cluster sums, and distances
 * to one centroid (k-means++). Rows are cut into fixed blocks of {@link #BLOCK_ROWS}; blocks are grouped into units
 * whose count depends on n, k and d only, never on the thread count; every unit writes its own partial results and
 * the caller combines them in unit order — so results are bit-identical for any number of threads.
 */
final class KMeansEngine {
    static final int BLOCK_ROWS = 4096;
    final Rows rows;
    final DistanceKernel kernel;
    final Workers workers;
    final int blocks;
    /** Nearest centroid of every row after {@link #assign}; -1 before the first. */
    final int[] labels;
    /** {@code ‖c‖² − 2x·c} of the nearest centroid of every row after {@link #assign}. */
    final float[] part;
    private final double[] blockInertia;
    private final int[] blockChanged;
    private double[][] unitSums;

    KMeansEngine(Rows rows, DistanceKernel kernel, Workers workers) {
        this.rows = rows;
        this.kernel = kernel;
        this.workers = workers;
        this.blocks = (rows.n + BLOCK_ROWS - 1) / BLOCK_ROWS;
        this.labels = new int[rows.n];
        this.part = new float[rows.n];
        this.blockInertia = new double[blocks];
        this.blockChanged = new int[blocks];
        Arrays.fill(labels, -1);
    }

    /** Result of an assignment pass: sum of squared Euclidean distances, and rows whose label changed. */
    record Pass(double inertia, long changed) {
    }

    /** Assigns every row to its nearest centroid (updates {@link #labels} and {@link #part}). */
    Pass assign(Centroids c) {
        return assign(c, null);
    }

    /**
     * Assigns every row to its nearest centroid (updates {@link #labels} and {@link #part}) and, when {@code sums}
     * is not null, sums each cluster's rows into it (k × d, overwritten) while the row is still in cache: in float
     * within a block of {@link #BLOCK_ROWS} rows (rows in order), in double across blocks (block order within a
     * unit, then unit order).
     */
    Pass assign(Centroids c, double[] sums) {
        final int d = rows.d;
        final int kd = c.k * d;
        final int units = sums == null ? blocks : sumUnits(kd);
        if (sums != null && (unitSums == null || unitSums.length != units || unitSums[0].length != kd)) {
            unitSums = new double[units][kd];
        }
        final float[] x = rows.x;
        workers.forEach(units, (u, s) -> {
            int b0 = (int) ((long) blocks * u / units);
            int b1 = (int) ((long) blocks * (u + 1) / units);
            double[] acc = sums == null ? null : unitSums[u];
            float[] blockSum = sums == null ? null : new float[kd];
            if (acc != null) {
                Arrays.fill(acc, 0.0);
            }
            float[] out = s.out;
            for (int b = b0; b < b1; b++) {
                int start = b * BLOCK_ROWS;
                int end = Math.min(rows.n, start + BLOCK_ROWS);
                double inertia = 0;
                int changed = 0;
                for (int i = start; i < end; i += 4) {
                    int last = end - 1;
                    kernel.nearest4(x, i * d, Math.min(i + 1, last) * d, Math.min(i + 2, last) * d,
                            Math.min(i + 3, last) * d, d, c.transposed, c.norms, c.kq, out);
                    int valid = Math.min(4, end - i);
                    for (int r = 0; r < valid; r++) {
                        int row = i + r;
                        int lab = (int) out[r];
                        if (lab != labels[row]) {
                            changed++;
                            labels[row] = lab;
                        }
                        part[row] = out[4 + r];
                        inertia += Math.max(0.0, rows.sqNorms[row] + out[4 + r]);
                        if (blockSum != null) {
                            kernel.addRow(x, row * d, blockSum, lab * d, d);
                        }
                    }
                }
                blockInertia[b] = inertia;
                blockChanged[b] = changed;
                if (blockSum != null) {
                    for (int e = 0; e < kd; e++) {
                        acc[e] += blockSum[e];
                        blockSum[e] = 0f;
                    }
                }
            }
        });
        double inertia = 0;
        long changed = 0;
        for (int b = 0; b < blocks; b++) {
            inertia += blockInertia[b];
            changed += blockChanged[b];
        }
        if (sums != null) {
            Arrays.fill(sums, 0.0);
            for (double[] us : unitSums) {
                for (int e = 0; e < kd; e++) {
                    sums[e] += us[e];
                }
            }
        }
        return new Pass(inertia, changed);
    }

    /** Units of consecutive blocks for fused sums: about 2^24 partial doubles in all, at least 4 units. */
    private int sumUnits(int kd) {
        return Math.max(1, Math.min(blocks, Math.max(4, (1 << 24) / Math.max(1, kd))));
    }

    /** Squared Euclidean distance of row {@code i} to its centroid after the last {@link #assign}. */
    double sqDistance(int i) {
        return Math.max(0.0, rows.sqNorms[i] + part[i]);
    }

    /**
     * Squared distances of every row to {@code t} candidate centroids ({@code cand}, row-major t × d, t &le;
     * {@link DistanceKernel#QUERY_PAD}): {@code dist[i·t + c]}; and each candidate's potential per block,
     * {@code potential[b·t + c] = Σ_{i in b} min(minD[i], dist[i·t + c])}.
     */
    void candidates(float[] cand, int t, float[] minD, float[] dist, double[] potential) {
        final int d = rows.d;
        final Centroids cs = new Centroids(cand, t, d);
        final float[] x = rows.x;
        workers.forEach(blocks, (b, s) -> {
            int start = b * BLOCK_ROWS;
            int end = Math.min(rows.n, start + BLOCK_ROWS);
            double[] pot = new double[t];
            float[] p = s.out;
            for (int i = start; i < end; i += 4) {
                int last = end - 1;
                kernel.partials4(x, i * d, Math.min(i + 1, last) * d, Math.min(i + 2, last) * d,
                        Math.min(i + 3, last) * d, d, cs.transposed, cs.norms, cs.kq, p);
                int valid = Math.min(4, end - i);
                for (int r = 0; r < valid; r++) {
                    int row = i + r;
                    for (int c = 0; c < t; c++) {
                        float dd = (float) Math.max(0.0, rows.sqNorms[row] + p[r * cs.kq + c]);
                        dist[row * t + c] = dd;
                        pot[c] += Math.min(minD[row], dd);
                    }
                }
            }
            System.arraycopy(pot, 0, potential, b * t, t);
        });
    }

    /** {@code minD[i] = min(minD[i], dist[i·t + c])}; {@code blockSums[b]} receives the sum of minD over block b. */
    void keepCandidate(float[] dist, int t, int c, float[] minD, double[] blockSums) {
        workers.forEach(blocks, (b, s) -> {
            double sum = 0;
            for (int i = blockStart(b); i < blockEnd(b); i++) {
                minD[i] = Math.min(minD[i], dist[i * t + c]);
                sum += minD[i];
            }
            blockSums[b] = sum;
        });
    }

    int blockStart(int b) {
        return b * BLOCK_ROWS;
    }

    int blockEnd(int b) {
        return Math.min(rows.n, (b + 1) * BLOCK_ROWS);
    }

    /** Mean over columns of the per-column variance (double, rows in order). */
    double meanColumnVariance() {
        int d = rows.d;
        double[] s = new double[d];
        double[] s2 = new double[d];
        for (int i = 0; i < rows.n; i++) {
            int o = i * d;
            for (int j = 0; j < d; j++) {
                double v = rows.x[o + j];
                s[j] += v;
                s2[j] += v * v;
            }
        }
        double total = 0;
        for (int j = 0; j < d; j++) {
            double m = s[j] / rows.n;
            total += Math.max(0.0, s2[j] / rows.n - m * m);
        }
        return total / d;
    }
}
