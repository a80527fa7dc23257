package io.cohortlm.export;

import java.util.List;

/**
 * The outcome of {@link DisclosureControl#release}: for each group, whether it may be shown, and where its members
 * went. Group sizes are kept here for the release's own bookkeeping; outputs read {@link #releasedSize(int)},
 * which is empty for anything below the floor.
 *
 * @param policy          the policy applied
 * @param groups          segments by label, then the outlier group (label -1) last
 * @param bucketSize      members of the merged bucket (0 if none)
 * @param bucketReleased  whether the merged bucket itself may be shown
 * @param bucketNote      readable note on the bucket (null if none)
 */
public record Release(PrivacyPolicy policy, List<Group> groups, int bucketSize, boolean bucketReleased,
        String bucketNote) {
    public Release {
        groups = List.copyOf(groups);
    }

    /**
     * One segment or the outlier group.
     *
     * @param label      segment label, -1 for outliers
     * @param key        stable id ({@value DisclosureControl#OUTLIER} for outliers)
     * @param size       true size — never to be written out unless {@code released}
     * @param released   at or above the floor
     * @param mergedInto {@value DisclosureControl#OTHER} when merged; null otherwise
     * @param note       why it is not released (null when released)
     */
    public record Group(int label, String key, int size, boolean released, String mergedInto, String note) {
        /** True when not released and not merged into a released bucket. */
        public boolean suppressed() {
            return !released && mergedInto == null;
        }
    }

    private Group group(int label) {
        return label < 0 ? groups.get(groups.size() - 1) : groups.get(label);
    }

    /** Whether a segment (label ≥ 0) or the outlier group (-1) may be shown with its own size and statistics. */
    public boolean isReleased(int label) {
        return group(label).released();
    }

    /** The key a member of {@code label} is shown under: its own, {@value DisclosureControl#OTHER}, or null. */
    public String publicKey(int label) {
        Group g = group(label);
        return g.released() ? g.key() : g.mergedInto();
    }

    /** The size that may be shown for {@code label}, or -1 if none may. */
    public int releasedSize(int label) {
        Group g = group(label);
        return g.released() ? g.size() : -1;
    }

    /** The group record of {@code label}. */
    public Group groupOf(int label) {
        return group(label);
    }
}
