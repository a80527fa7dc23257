package io.cohortlm.represent;

import io.cohortlm.data.Events;
import java.util.Locale;
import java.util.Map;

/**
 * How much one event says about a user's taste, used by every behaviour-based view: a base weight per event
 * type, a rating transform, a quantity boost and an exponential recency decay.
 * <p>weight(e) = base(type) × rating factor × (1 + log(1 + quantity)) for purchases/carts with a quantity ×
 * 0.5^(age / halfLife). Ratings weigh {@code max(0, r − ratingPivot)}: a 1-star rating is not a taste signal.
 *
 * @param typeWeights    base weight by event type name (lower case); unknown types weigh {@code otherWeight}
 * @param otherWeight    weight of types not listed, ≥ 0
 * @param ratingPivot    ratings at or below this weigh 0
 * @param halfLifeDays   recency half-life in days, > 0, or +∞ for no decay
 */
public record EventWeights(Map<String, Double> typeWeights, double otherWeight, double ratingPivot,
        double halfLifeDays) {
    public EventWeights {
        typeWeights = Map.copyOf(typeWeights);
        typeWeights.forEach((k, v) -> {
            if (!(v >= 0)) {
                throw new IllegalArgumentException("weight of event type '" + k + "' must be ≥ 0, was " + v);
            }
        });
        if (!(otherWeight >= 0)) {
            throw new IllegalArgumentException("otherWeight must be ≥ 0, was " + otherWeight);
        }
        if (!(halfLifeDays > 0)) {
            throw new IllegalArgumentException("halfLifeDays must be > 0, was " + halfLifeDays);
        }
    }

    /** view 0.5, click 1, cart 2, purchase 3, rating 1 (× rating factor); half-life one year. */
    public static EventWeights defaults() {
        return new EventWeights(Map.of("view", 0.5, "click", 1.0, "cart", 2.0, "purchase", 3.0, "rating", 1.0),
                1.0, 2.5, 365);
    }

    /**
     * Weight of one event given by name — the rule {@link UserItemMatrix} applies to stored events, for events
     * that arrive later (a service's real-time events).
     *
     * @param type  event type name (case-insensitive); unknown types weigh {@code otherWeight}
     * @param value rating / quantity, or NaN
     * @param time  epoch seconds, or {@link Events#NO_TIME}
     * @param now   reference time for recency, or {@link Events#NO_TIME} for no decay
     */
    public double weight(String type, float value, long time, long now) {
        String t = type.toLowerCase(Locale.ROOT);
        double w = typeWeights.getOrDefault(t, otherWeight);
        if (w == 0) {
            return 0;
        }
        if (!Float.isNaN(value)) {
            if (t.equals("rating")) {
                w *= Math.max(0, value - ratingPivot);
            } else if (value > 0) {
                w *= 1 + Math.log1p(value);
            }
        }
        if (now != Events.NO_TIME && time != Events.NO_TIME && Double.isFinite(halfLifeDays)) {
            double ageDays = Math.max(0, (now - time) / 86400.0);
            w *= Math.pow(0.5, ageDays / halfLifeDays);
        }
        return w;
    }

    /** Per-type-code base weights for an event table (index = type code). */
    double[] baseByCode(Events events) {
        double[] w = new double[events.types().size()];
        for (int c = 0; c < w.length; c++) {
            w[c] = typeWeights.getOrDefault(events.types().name(c).toLowerCase(Locale.ROOT), otherWeight);
        }
        return w;
    }

    /**
     * Weight of event {@code e}.
     *
     * @param base    from {@link #baseByCode}
     * @param ratingCode type code of "rating", or -1
     * @param now     reference time (epoch s) for recency; {@link Events#NO_TIME} disables decay
     */
    double weight(Events events, int e, double[] base, int ratingCode, long now) {
        double w = base[events.type(e)];
        if (w == 0) {
            return 0;
        }
        float v = events.value(e);
        if (!Float.isNaN(v)) {
            if (events.type(e) == ratingCode) {
                w *= Math.max(0, v - ratingPivot);
            } else if (v > 0) {
                w *= 1 + Math.log1p(v);
            }
        }
        long t = events.time(e);
        if (now != Events.NO_TIME && t != Events.NO_TIME && Double.isFinite(halfLifeDays)) {
            double ageDays = Math.max(0, (now - t) / 86400.0);
            w *= Math.pow(0.5, ageDays / halfLifeDays);
        }
        return w;
    }
}
