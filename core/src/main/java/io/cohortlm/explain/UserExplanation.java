package io.cohortlm.explain;

import java.util.List;

/**
 * Why one user is in their segment.
 *
 * @param user             pseudonymised user id
 * @param segment          the user's segment label (-1 = outlier; then the fields describe the nearest centroid;
 *                         -2 = withheld by the export privacy floor)
 * @param segmentKey       its stable id ({@code outlier} for -1)
 * @param runnerUp         label of the nearest other centroid (-1 if there is only one segment, -2 if withheld)
 * @param runnerUpKey      its stable id (null if none)
 * @param distance         Euclidean distance to the own (or, for an outlier, nearest) centroid
 * @param runnerUpDistance Euclidean distance to the runner-up centroid (NaN if none)
 * @param margin           runnerUpDistance − distance, ≥ 0 for a nearest-centroid assignment
 * @param confidence       1 − distance / runnerUpDistance, in [0, 1] (0 for outliers)
 * @param views            per view: its share of the pull toward the own centroid, largest first
 * @param dimensions       the dims that pull hardest toward the own centroid (at most 5, largest first), named
 *                         {@code view:feature} where the view published feature names in its diagnostics
 *                         (the attribute view does), else {@code view:#i}
 * @param reasons          the user's values on the segment's distinguishing features that agree with it
 */
public record UserExplanation(String user, int segment, String segmentKey, int runnerUp, String runnerUpKey,
        double distance, double runnerUpDistance, double margin, double confidence, List<ViewPull> views,
        List<DimensionPull> dimensions, List<Reason> reasons) {
    public UserExplanation {
        views = List.copyOf(views);
        dimensions = List.copyOf(dimensions);
        reasons = List.copyOf(reasons);
    }

    /**
     * @param name         {@code view:feature} or {@code view:#i} (i = index inside the view)
     * @param contribution (x − runnerUp)² − (x − own)² on this dim
     */
    public record DimensionPull(String name, double contribution) {
    }

    /**
     * @param view         view name (e.g. {@code attributes}, {@code behaviour}, {@code item-text})
     * @param contribution Σ over the view's dims of (x − runnerUp)² − (x − own)²: positive pulls toward the own
     *                     segment
     * @param share        contribution / Σ over all views (the views' shares add up to 1)
     */
    public record ViewPull(String view, double contribution, double share) {
    }

    /**
     * @param feature         the distinguishing feature
     * @param userValue       the user's value (1/0 for a level)
     * @param segmentValue    the segment's share / mean
     * @param populationValue the population's share / mean
     */
    public record Reason(String feature, double userValue, double segmentValue, double populationValue) {
    }
}
