package io.cohortlm.explain;

import io.cohortlm.data.Dataset;
import io.cohortlm.represent.HybridRepresentation;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What the explain stage reads: a dataset, each user's segment and the vectors the segmentation used. Plain arrays
 * so any clusterer's output fits.
 *
 * @param data         the dataset (users in dense index order)
 * @param userSegment  segment label per user, {@code 0..k-1}, or -1 for an outlier; length = number of users
 * @param vectors      the user vectors the segmentation used, one row per user
 * @param centroids    one centroid per segment label (k rows), same dimension as {@code vectors}
 * @param blocks       which vector dims came from which view (from {@link HybridRepresentation.Result#blocks()});
 *                     null or empty = one block named {@code vector} covering every dim
 * @param profileTexts optional per-user profile text (null = none; else one entry per user, entries may be null)
 * @param segmentKeys  optional stable segment ids by label (e.g. from {@code SegmentMatcher}); null = {@code s0..}
 */
public record SegmentedUsers(Dataset data, int[] userSegment, float[][] vectors, float[][] centroids,
        List<HybridRepresentation.Block> blocks, List<String> profileTexts, List<String> segmentKeys) {
    public SegmentedUsers {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(userSegment, "userSegment");
        Objects.requireNonNull(vectors, "vectors");
        Objects.requireNonNull(centroids, "centroids");
        int n = data.users().size();
        if (userSegment.length != n) {
            throw new IllegalArgumentException("userSegment length must equal users (" + n + "), was "
                    + userSegment.length);
        }
        if (vectors.length != n) {
            throw new IllegalArgumentException("vectors rows must equal users (" + n + "), was " + vectors.length);
        }
        int k = centroids.length;
        if (k < 1) {
            throw new IllegalArgumentException("centroids must have ≥ 1 row, was 0");
        }
        int dim = centroids[0].length;
        for (float[] c : centroids) {
            if (c.length != dim) {
                throw new IllegalArgumentException("centroid dimension must be " + dim + ", was " + c.length);
            }
        }
        for (int u = 0; u < n; u++) {
            if (userSegment[u] < -1 || userSegment[u] >= k) {
                throw new IllegalArgumentException("userSegment[" + u + "] must be in [-1, " + (k - 1) + "], was "
                        + userSegment[u]);
            }
            if (vectors[u].length != dim) {
                throw new IllegalArgumentException("vectors[" + u + "] dimension must be " + dim + ", was "
                        + vectors[u].length);
            }
        }
        if (blocks == null || blocks.isEmpty()) {
            blocks = List.of(new HybridRepresentation.Block("vector", 0, dim, 1, 0, java.util.Map.of(), 0));
        } else {
            blocks = List.copyOf(blocks);
            int end = blocks.stream().mapToInt(b -> b.offset() + b.dimension()).max().orElse(0);
            if (end > dim) {
                throw new IllegalArgumentException("blocks must end within dimension " + dim + ", ended at " + end);
            }
        }
        if (profileTexts != null && profileTexts.size() != n) {
            throw new IllegalArgumentException("profileTexts size must equal users (" + n + "), was "
                    + profileTexts.size());
        }
        if (profileTexts != null) {
            profileTexts = java.util.Collections.unmodifiableList(new ArrayList<>(profileTexts));
        }
        if (segmentKeys == null) {
            List<String> keys = new ArrayList<>();
            for (int s = 0; s < k; s++) {
                keys.add("s" + s);
            }
            segmentKeys = List.copyOf(keys);
        } else if (segmentKeys.size() != k) {
            throw new IllegalArgumentException("segmentKeys size must equal segments (" + k + "), was "
                    + segmentKeys.size());
        } else {
            segmentKeys = List.copyOf(segmentKeys);
            if (segmentKeys.stream().distinct().count() != k) {
                throw new IllegalArgumentException("segmentKeys must be distinct, were " + segmentKeys);
            }
        }
    }

    /** Number of segments k. */
    public int segmentCount() {
        return centroids.length;
    }

    /** Members per label (index k = outliers). */
    public int[] sizes() {
        int[] s = new int[centroids.length + 1];
        for (int l : userSegment) {
            s[l < 0 ? centroids.length : l]++;
        }
        return s;
    }

    /** Squared Euclidean distance of user {@code u} to centroid {@code s}. */
    public double distance2(int u, int s) {
        float[] x = vectors[u];
        float[] c = centroids[s];
        double d = 0;
        for (int j = 0; j < x.length; j++) {
            double t = x[j] - c[j];
            d += t * t;
        }
        return d;
    }
}
