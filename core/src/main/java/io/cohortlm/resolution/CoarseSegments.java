package io.cohortlm.resolution;

import java.util.List;

/**
 * The coarse level: a handful of segments for people to read, each the union of fine segments (a cut of the
 * Ward hierarchy over the fine centroids). Every fine segment belongs to exactly one coarse segment, so a user's
 * coarse segment is {@code fineToCoarse[fine label]}.
 *
 * @param k            number of coarse segments
 * @param fineToCoarse coarse segment of each fine segment
 * @param labels       coarse segment per training user (-1 where the fine label is -1)
 * @param sweep        every coarse k tried, in order
 * @param reason       why this k was chosen, in words
 */
public record CoarseSegments(int k, int[] fineToCoarse, int[] labels, List<Candidate> sweep, String reason) {

    /**
     * One candidate cut of the hierarchy.
     *
     * @param k         number of coarse segments
     * @param stability mean adjusted Rand index between the users' coarse labels of the full hierarchy and of
     *                  hierarchies rebuilt on bootstrap resamples of each fine segment's members, in [-1, 1]
     * @param smallest  smallest coarse segment's size (training users)
     */
    public record Candidate(int k, double stability, int smallest) {
    }

    /** Coarse segment sizes over the training users. */
    public int[] sizes() {
        int[] s = new int[k];
        for (int l : labels) {
            if (l >= 0) {
                s[l]++;
            }
        }
        return s;
    }

    /** Coarse segment of a fine segment, -1 for -1. */
    public int of(int fine) {
        return fine < 0 ? -1 : fineToCoarse[fine];
    }
}
