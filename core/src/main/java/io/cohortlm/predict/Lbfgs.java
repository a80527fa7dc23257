package io.cohortlm.predict;

import java.util.Arrays;

/**
 * Limited-memory BFGS (Nocedal &amp; Wright 2006, algorithm 7.4) with a backtracking Armijo line search, for the
 * smooth convex objectives of {@link LogisticRegression}. Deterministic: no randomness, and the objective is
 * expected to reduce its sums in a fixed order.
 *
 * @param memory        correction pairs kept, ≥ 1
 * @param maxIterations iterations, ≥ 1
 * @param tolerance     stop when the gradient's max-norm falls below this (relative to max(1, |f|)), &gt; 0
 */
record Lbfgs(int memory, int maxIterations, double tolerance) {
    Lbfgs {
        if (memory < 1) {
            throw new IllegalArgumentException("memory must be ≥ 1, was " + memory);
        }
        if (maxIterations < 1) {
            throw new IllegalArgumentException("maxIterations must be ≥ 1, was " + maxIterations);
        }
        if (!(tolerance > 0)) {
            throw new IllegalArgumentException("tolerance must be > 0, was " + tolerance);
        }
    }

    /** f(w) and its gradient, written into {@code grad}. */
    interface Objective {
        double evaluate(double[] w, double[] grad);
    }

    /** @param iterations iterations run; {@code converged} true when the gradient test passed */
    record Result(double[] w, double value, int iterations, boolean converged) {
    }

    Result minimize(Objective f, double[] start) {
        int d = start.length;
        double[] w = start.clone();
        double[] g = new double[d];
        double fx = f.evaluate(w, g);
        double[][] s = new double[memory][d];
        double[][] y = new double[memory][d];
        double[] rho = new double[memory];
        double[] alpha = new double[memory];
        int stored = 0;
        int head = 0;
        double[] dir = new double[d];
        double[] wNew = new double[d];
        double[] gNew = new double[d];
        for (int it = 1; it <= maxIterations; it++) {
            if (maxAbs(g) <= tolerance * Math.max(1, Math.abs(fx))) {
                return new Result(w, fx, it - 1, true);
            }
            // Two-loop recursion: dir = -H g.
            for (int i = 0; i < d; i++) {
                dir[i] = -g[i];
            }
            for (int k = 0; k < stored; k++) {
                int j = Math.floorMod(head - 1 - k, memory);
                alpha[j] = rho[j] * dot(s[j], dir);
                axpy(-alpha[j], y[j], dir);
            }
            if (stored > 0) {
                int last = Math.floorMod(head - 1, memory);
                double gamma = dot(s[last], y[last]) / dot(y[last], y[last]);
                for (int i = 0; i < d; i++) {
                    dir[i] *= gamma;
                }
            } else {
                double scale = 1 / Math.max(1, Math.sqrt(dot(g, g)));
                for (int i = 0; i < d; i++) {
                    dir[i] *= scale;
                }
            }
            for (int k = stored - 1; k >= 0; k--) {
                int j = Math.floorMod(head - 1 - k, memory);
                double beta = rho[j] * dot(y[j], dir);
                axpy(alpha[j] - beta, s[j], dir);
            }
            double slope = dot(g, dir);
            if (slope >= 0) {
                // Not a descent direction (curvature lost): restart from steepest descent.
                stored = 0;
                for (int i = 0; i < d; i++) {
                    dir[i] = -g[i] / Math.max(1, Math.sqrt(dot(g, g)));
                }
                slope = dot(g, dir);
            }
            double step = 1;
            double fNew = Double.NaN;
            boolean accepted = false;
            for (int ls = 0; ls < 40; ls++) {
                for (int i = 0; i < d; i++) {
                    wNew[i] = w[i] + step * dir[i];
                }
                fNew = f.evaluate(wNew, gNew);
                if (fNew <= fx + 1e-4 * step * slope) {
                    accepted = true;
                    break;
                }
                step *= 0.5;
            }
            if (!accepted) {
                return new Result(w, fx, it, false);
            }
            double[] sk = s[head];
            double[] yk = y[head];
            for (int i = 0; i < d; i++) {
                sk[i] = wNew[i] - w[i];
                yk[i] = gNew[i] - g[i];
            }
            double sy = dot(sk, yk);
            if (sy > 1e-12) {
                rho[head] = 1 / sy;
                head = (head + 1) % memory;
                stored = Math.min(stored + 1, memory);
            }
            double change = fx - fNew;
            System.arraycopy(wNew, 0, w, 0, d);
            System.arraycopy(gNew, 0, g, 0, d);
            fx = fNew;
            if (change <= 1e-12 * Math.max(1, Math.abs(fx))) {
                return new Result(w, fx, it, maxAbs(g) <= tolerance * Math.max(1, Math.abs(fx)) * 10);
            }
        }
        return new Result(w, fx, maxIterations, maxAbs(g) <= tolerance * Math.max(1, Math.abs(fx)));
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static void axpy(double a, double[] x, double[] y) {
        for (int i = 0; i < x.length; i++) {
            y[i] += a * x[i];
        }
    }

    private static double maxAbs(double[] v) {
        return Arrays.stream(v).map(Math::abs).max().orElse(0);
    }
}
