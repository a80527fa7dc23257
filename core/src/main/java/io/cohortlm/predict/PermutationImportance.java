package io.cohortlm.predict;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

/**
 * Permutation importance (Breiman 2001; Fisher et al. 2019): how much a loss grows when one group of columns is
 * shuffled across rows, breaking its link to the label while keeping its distribution. A group's columns are
 * permuted together (one row permutation per repeat), so correlated columns such as vector dimensions are
 * judged as one. Seeded: repeat r of group g uses a generator derived from (seed, g, r).
 *
 * @param repeats permutations per group, ≥ 1
 * @param seed    permutation seed
 */
public record PermutationImportance(int repeats, long seed) {
    public PermutationImportance {
        if (repeats < 1) {
            throw new IllegalArgumentException("repeats must be ≥ 1, was " + repeats);
        }
    }

    /**
     * @param group        group (or feature) name
     * @param lossIncrease mean loss with the group permuted minus the unpermuted loss (&gt; 0: the model uses it)
     * @param sd           standard deviation of the increase over repeats
     */
    public record FeatureImportance(String group, double lossIncrease, double sd) {
    }

    /**
     * @param x      rows to score (not modified)
     * @param groups group name → column indices
     * @param loss   loss of a feature matrix (lower is better), e.g. log loss of a model on fixed labels
     * @return one entry per group, largest increase first (ties by name)
     */
    public List<FeatureImportance> of(double[][] x, Map<String, int[]> groups, ToDoubleFunction<double[][]> loss) {
        double base = loss.applyAsDouble(x);
        List<FeatureImportance> out = new ArrayList<>();
        int g = 0;
        for (Map.Entry<String, int[]> group : groups.entrySet()) {
            int[] cols = group.getValue();
            double sum = 0, sq = 0;
            for (int r = 0; r < repeats; r++) {
                SplittableRandom rnd = new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (g + 1)) ^ (31L * r + 7));
                int n = x.length;
                int[] perm = new int[n];
                for (int i = 0; i < n; i++) {
                    perm[i] = i;
                }
                for (int i = n - 1; i > 0; i--) {
                    int j = rnd.nextInt(i + 1);
                    int t = perm[i];
                    perm[i] = perm[j];
                    perm[j] = t;
                }
                double[][] shuffled = new double[n][];
                for (int i = 0; i < n; i++) {
                    double[] row = x[i].clone();
                    for (int c : cols) {
                        row[c] = x[perm[i]][c];
                    }
                    shuffled[i] = row;
                }
                double inc = loss.applyAsDouble(shuffled) - base;
                sum += inc;
                sq += inc * inc;
            }
            double mean = sum / repeats;
            double var = Math.max(0, sq / repeats - mean * mean);
            out.add(new FeatureImportance(group.getKey(), mean, Math.sqrt(var)));
            g++;
        }
        out.sort((a, b) -> a.lossIncrease() != b.lossIncrease() ? Double.compare(b.lossIncrease(), a.lossIncrease())
                : a.group().compareTo(b.group()));
        return List.copyOf(out);
    }
}
