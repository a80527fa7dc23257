package io.cohortlm.represent;

import java.util.Map;
import java.util.Objects;

/**
 * The vectors one view gives every user.
 *
 * @param view        view name
 * @param vectors     one row per dense user index, all of length {@code dimension}
 * @param dimension   row length
 * @param emptyUsers  users the view knows nothing about (their row is all zeros)
 * @param diagnostics view-specific figures (e.g. texts encoded, explained variance), JSON-friendly values
 */
public record ViewVectors(String view, float[][] vectors, int dimension, int emptyUsers,
        Map<String, Object> diagnostics) {
    public ViewVectors {
        Objects.requireNonNull(view, "view");
        Objects.requireNonNull(vectors, "vectors");
        diagnostics = Map.copyOf(diagnostics);
        for (float[] row : vectors) {
            if (row.length != dimension) {
                throw new IllegalArgumentException("view '" + view + "': every row must have length " + dimension
                        + ", one had " + row.length);
            }
        }
    }

    /** Scales each row to unit L2 norm in place (zero rows stay zero) and returns this. */
    public ViewVectors normalizeRows() {
        for (float[] row : vectors) {
            double s = 0;
            for (float v : row) {
                s += v * v;
            }
            if (s > 0) {
                float inv = (float) (1 / Math.sqrt(s));
                for (int k = 0; k < row.length; k++) {
                    row[k] *= inv;
                }
            }
        }
        return this;
    }
}
