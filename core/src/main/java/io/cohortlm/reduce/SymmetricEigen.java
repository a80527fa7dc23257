package io.cohortlm.reduce;

/**
 * Eigen-decomposition of a small dense symmetric matrix by cyclic Jacobi rotations: accurate to machine
 * precision and simple; O(m³) per sweep, fine for the m ≤ a few hundred this project needs (the small core of
 * a randomized SVD or a covariance of reduced vectors).
 *
 * @param values  eigenvalues, descending
 * @param vectors eigenvectors as columns of an m × m row-major matrix, in the order of {@code values}
 */
public record SymmetricEigen(double[] values, double[] vectors) {

    /** Decomposes the symmetric m × m row-major matrix {@code a} (not modified). */
    public static SymmetricEigen of(double[] a, int m) {
        if (a.length != m * m) {
            throw new IllegalArgumentException("matrix must be " + m + "x" + m + ", length was " + a.length);
        }
        double[] s = a.clone();
        double[] v = new double[m * m];
        for (int i = 0; i < m; i++) {
            v[i * m + i] = 1;
        }
        for (int sweep = 0; sweep < 100; sweep++) {
            double off = 0;
            double total = 0;
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < m; j++) {
                    double x = s[i * m + j] * s[i * m + j];
                    total += x;
                    if (i != j) {
                        off += x;
                    }
                }
            }
            if (off <= 1e-30 * Math.max(total, 1e-300)) {
                break;
            }
            for (int p = 0; p < m - 1; p++) {
                for (int q = p + 1; q < m; q++) {
                    double apq = s[p * m + q];
                    if (Math.abs(apq) < 1e-300) {
                        continue;
                    }
                    double app = s[p * m + p];
                    double aqq = s[q * m + q];
                    double theta = (aqq - app) / (2 * apq);
                    double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    if (theta == 0) {
                        t = 1;
                    }
                    double c = 1 / Math.sqrt(t * t + 1);
                    double sn = t * c;
                    for (int k = 0; k < m; k++) {
                        double skp = s[k * m + p];
                        double skq = s[k * m + q];
                        s[k * m + p] = c * skp - sn * skq;
                        s[k * m + q] = sn * skp + c * skq;
                    }
                    for (int k = 0; k < m; k++) {
                        double spk = s[p * m + k];
                        double sqk = s[q * m + k];
                        s[p * m + k] = c * spk - sn * sqk;
                        s[q * m + k] = sn * spk + c * sqk;
                    }
                    for (int k = 0; k < m; k++) {
                        double vkp = v[k * m + p];
                        double vkq = v[k * m + q];
                        v[k * m + p] = c * vkp - sn * vkq;
                        v[k * m + q] = sn * vkp + c * vkq;
                    }
                }
            }
        }
        Integer[] order = new Integer[m];
        for (int i = 0; i < m; i++) {
            order[i] = i;
        }
        final double[] diag = new double[m];
        for (int i = 0; i < m; i++) {
            diag[i] = s[i * m + i];
        }
        java.util.Arrays.sort(order, (x, y) -> Double.compare(diag[y], diag[x]));
        double[] values = new double[m];
        double[] vectors = new double[m * m];
        for (int c = 0; c < m; c++) {
            int src = order[c];
            values[c] = diag[src];
            // Fix the sign (largest-magnitude component positive) so results are reproducible.
            int arg = 0;
            for (int r = 1; r < m; r++) {
                if (Math.abs(v[r * m + src]) > Math.abs(v[arg * m + src])) {
                    arg = r;
                }
            }
            double sign = v[arg * m + src] < 0 ? -1 : 1;
            for (int r = 0; r < m; r++) {
                vectors[r * m + c] = sign * v[r * m + src];
            }
        }
        return new SymmetricEigen(values, vectors);
    }
}
