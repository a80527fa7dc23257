package io.cohortlm.reduce;

/**
 * Configuration of a PCA reduction: either a fixed number of components or the smallest number that explains
 * a share of the variance.
 *
 * @param components     target dimension, ≥ 1, or 0 when {@code varianceShare} decides
 * @param varianceShare  in (0, 1] when {@code components} is 0; ignored otherwise
 * @param maxComponents  cap when the share decides, ≥ 1
 * @param seed           seed of the randomized SVD
 */
public record PcaConfig(int components, double varianceShare, int maxComponents, long seed) {
    public PcaConfig {
        if (components < 0) {
            throw new IllegalArgumentException("components must be ≥ 0, was " + components);
        }
        if (components == 0 && !(varianceShare > 0 && varianceShare <= 1)) {
            throw new IllegalArgumentException("varianceShare must be in (0, 1], was " + varianceShare);
        }
        if (maxComponents < 1) {
            throw new IllegalArgumentException("maxComponents must be ≥ 1, was " + maxComponents);
        }
    }

    /** Exactly {@code n} components. */
    public static PcaConfig components(int n, long seed) {
        return new PcaConfig(n, 1.0, Math.max(1, n), seed);
    }

    /** The fewest components (at most 256) that explain {@code share} of the variance. */
    public static PcaConfig varianceShare(double share, long seed) {
        return new PcaConfig(0, share, 256, seed);
    }

    /** Parses {@code 32} (components) or {@code 0.9} / {@code 90%} (variance share). */
    public static PcaConfig parse(String s, long seed) {
        String t = s.strip();
        try {
            if (t.endsWith("%")) {
                return varianceShare(Double.parseDouble(t.substring(0, t.length() - 1)) / 100, seed);
            }
            if (t.contains(".")) {
                return varianceShare(Double.parseDouble(t), seed);
            }
            return components(Integer.parseInt(t), seed);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("PCA target must be a component count (e.g. 32) or a variance share"
                    + " (e.g. 0.9 or 90%), was '" + s + "'");
        }
    }
}
