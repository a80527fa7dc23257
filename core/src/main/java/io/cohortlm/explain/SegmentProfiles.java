package io.cohortlm.explain;

import java.util.List;

/**
 * Profiles of every segment of one segmentation, plus the report-wide facts needed to read them.
 *
 * @param users     all users
 * @param outliers  users labelled -1 (in no segment)
 * @param alpha     false-discovery rate used for "distinguishing"
 * @param tests     hypothesis tests run (the Benjamini–Hochberg family size)
 * @param segments  one profile per segment label, in label order
 */
public record SegmentProfiles(int users, int outliers, double alpha, int tests, List<SegmentProfile> segments) {
    public SegmentProfiles {
        segments = List.copyOf(segments);
    }
}
