package io.cohortlm.export;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The minimum-segment-size rule, in ONE place. Every output path — table exports in every format, JSON reports,
 * persona lists, per-user answers — first calls {@link #release} and then shows a segment's size, statistics or
 * members only if {@link Release#isReleased(int)}; otherwise it shows the public key the release gives
 * ({@value #OTHER} or nothing) and the release's note.
 */
public final class DisclosureControl {
    /** Key of the bucket small segments are merged into. */
    public static final String OTHER = "other";
    /** Key of the outlier group (label -1). */
    public static final String OUTLIER = "outlier";

    private DisclosureControl() {
    }

    /**
     * Decides what may be shown of each group.
     *
     * @param keys     stable segment ids by label
     * @param sizes    true member counts by label (same length as keys)
     * @param outliers users in no segment (label -1); treated as one more group under the same floor
     * @param policy   the floor and what to do below it
     */
    public static Release release(List<String> keys, int[] sizes, int outliers, PrivacyPolicy policy) {
        Objects.requireNonNull(policy, "policy");
        if (keys.size() != sizes.length) {
            throw new IllegalArgumentException("keys size must equal sizes length (" + sizes.length + "), was "
                    + keys.size());
        }
        int k = policy.minSegmentSize();
        boolean merge = policy.smallSegments() == PrivacyPolicy.SmallSegments.MERGE;
        int bucket = 0;
        List<String> merged = new ArrayList<>();
        for (int s = 0; s <= sizes.length; s++) {
            int size = s < sizes.length ? sizes[s] : outliers;
            if (size < k && size > 0 && merge) {
                bucket += size;
                merged.add(s < sizes.length ? keys.get(s) : OUTLIER);
            }
        }
        boolean bucketReleased = bucket >= k;
        List<Release.Group> groups = new ArrayList<>();
        for (int s = 0; s <= sizes.length; s++) {
            int size = s < sizes.length ? sizes[s] : outliers;
            String key = s < sizes.length ? keys.get(s) : OUTLIER;
            int label = s < sizes.length ? s : -1;
            if (size >= k) {
                groups.add(new Release.Group(label, key, size, true, null, null));
            } else if (size == 0) {
                groups.add(new Release.Group(label, key, 0, false, null,
                        "empty: no members"));
            } else if (merge && bucketReleased) {
                groups.add(new Release.Group(label, key, size, false, OTHER, "fewer than " + k
                        + " members: merged into '" + OTHER + "'"));
            } else {
                groups.add(new Release.Group(label, key, size, false, null, "fewer than " + k
                        + " members: suppressed" + (merge ? " (the merged '" + OTHER + "' bucket is also below "
                        + k + ")" : "")));
            }
        }
        String bucketNote = merged.isEmpty() ? null : bucketReleased
                ? "small segments merged: " + String.join(", ", merged)
                : "small segments below " + k + " even when merged: suppressed";
        return new Release(policy, groups, merged.isEmpty() ? 0 : bucket, bucketReleased && !merged.isEmpty(),
                bucketNote);
    }
}
