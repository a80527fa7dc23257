package io.cohortlm.predict;

import io.cohortlm.data.Events;

/**
 * A cut in time: features come from events strictly before {@code cut}; labels from events in
 * {@code [cut, cut + horizonSeconds)}. Events without a timestamp take part in neither.
 *
 * @param cut            epoch seconds
 * @param horizonSeconds length of the label period, &gt; 0
 */
public record TemporalSplit(long cut, long horizonSeconds) {
    public TemporalSplit {
        if (horizonSeconds <= 0) {
            throw new IllegalArgumentException("horizonSeconds must be > 0, was " + horizonSeconds);
        }
    }

    /** End of the label period (exclusive). */
    public long end() {
        return cut + horizonSeconds;
    }

    /** Whether epoch second {@code t} is in the label period. */
    public boolean inLabelPeriod(long t) {
        return t != Events.NO_TIME && t >= cut && t < end();
    }

    /** Whether epoch second {@code t} is in the feature period. */
    public boolean inFeaturePeriod(long t) {
        return t != Events.NO_TIME && t < cut;
    }

    /**
     * The split whose label period is the last {@code horizonDays} of the data: it ends just after the latest
     * timestamped event.
     *
     * @throws io.cohortlm.CohortException  when no event has a timestamp
     * @throws IllegalArgumentException     when horizonDays ≤ 0
     */
    public static TemporalSplit lastPeriod(Events events, double horizonDays) {
        if (!(horizonDays > 0)) {
            throw new IllegalArgumentException("horizonDays must be > 0, was " + horizonDays);
        }
        long max = Long.MIN_VALUE;
        for (int e = 0; e < events.size(); e++) {
            long t = events.time(e);
            if (t != Events.NO_TIME) {
                max = Math.max(max, t);
            }
        }
        if (max == Long.MIN_VALUE) {
            throw new io.cohortlm.CohortException("events must have timestamps for a temporal split, none had");
        }
        long h = Math.round(horizonDays * 86_400);
        return new TemporalSplit(max + 1 - h, h);
    }
}
