package io.cohortlm.represent;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.cohortlm.data.AttributeColumn;
import io.cohortlm.data.Users;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The fitted state of the {@link AttributeView}: how each used attribute becomes coordinates, so that a user who
 * was not in the training data (a new user of the service) is encoded exactly as a training user with the same
 * values would have been.
 *
 * @param features  one entry per used attribute, in coordinate order
 * @param dimension total coordinates
 * @param clip      clip of z-scores
 */
public record AttributeEncoding(@JsonProperty("features") List<Feature> features,
        @JsonProperty("dimension") int dimension, @JsonProperty("clip") double clip) {

    /**
     * One attribute. Numeric: coordinate {@code offset} holds the clipped z-score {@code (v − mean) / sd}.
     * Categorical: {@code slots} maps each kept level to its coordinate; any other level goes to {@code otherSlot}
     * (or nowhere when it is -1).
     */
    public record Feature(@JsonProperty("name") String name, @JsonProperty("numeric") boolean numeric,
            @JsonProperty("offset") int offset, @JsonProperty("mean") double mean, @JsonProperty("sd") double sd,
            @JsonProperty("slots") Map<String, Integer> slots, @JsonProperty("other_slot") int otherSlot) {
        public Feature {
            Objects.requireNonNull(name, "name");
            slots = slots == null ? Map.of() : Map.copyOf(slots);
        }
    }

    /** What {@link #encode(Map, float[])} made of a set of raw values. */
    public record Use(List<String> used, List<String> ignored) {
    }

    public AttributeEncoding {
        features = List.copyOf(features);
        if (dimension < 0) {
            throw new IllegalArgumentException("dimension must be ≥ 0, was " + dimension);
        }
    }

    /** Encodes training user {@code u} of {@code users} (columns looked up by name) into {@code out}. */
    boolean encode(List<AttributeColumn> columns, int u, float[] out) {
        boolean any = false;
        for (int a = 0; a < features.size(); a++) {
            Feature f = features.get(a);
            AttributeColumn c = columns.get(a);
            if (f.numeric()) {
                double v = c.number(u);
                if (!Double.isNaN(v)) {
                    out[f.offset()] = z(f, v);
                    any = true;
                }
            } else if (c.code(u) >= 0) {
                any |= setLevel(f, c.level(u), out);
            }
        }
        return any;
    }

    /** The columns of {@code users} this encoding reads, aligned with {@link #features()}. */
    List<AttributeColumn> columns(Users users) {
        List<AttributeColumn> cols = new ArrayList<>();
        for (Feature f : features) {
            cols.add(users.column(f.name()));
        }
        return cols;
    }

    /**
     * Encodes raw values (attribute name → value as text; numbers parsed, levels matched exactly) into {@code out}
     * (length {@link #dimension()}). Names the model does not use, unparsable numbers and unseen levels without an
     * "other" slot are reported as ignored, never guessed.
     */
    public Use encode(Map<String, String> values, float[] out) {
        List<String> used = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        for (Map.Entry<String, String> e : values.entrySet()) {
            Feature f = find(e.getKey());
            String raw = e.getValue() == null ? "" : e.getValue().strip();
            if (f == null || raw.isEmpty()) {
                ignored.add(e.getKey());
                continue;
            }
            if (f.numeric()) {
                double v;
                try {
                    v = Double.parseDouble(raw);
                } catch (NumberFormatException ex) {
                    ignored.add(e.getKey());
                    continue;
                }
                if (!Double.isFinite(v)) {
                    ignored.add(e.getKey());
                    continue;
                }
                out[f.offset()] = z(f, v);
                used.add(f.name());
            } else if (setLevel(f, raw, out)) {
                used.add(f.name());
            } else {
                ignored.add(e.getKey());
            }
        }
        return new Use(List.copyOf(used), List.copyOf(ignored));
    }

    private Feature find(String name) {
        for (Feature f : features) {
            if (f.name().equals(name)) {
                return f;
            }
        }
        for (Feature f : features) {
            if (f.name().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                return f;
            }
        }
        return null;
    }

    private float z(Feature f, double v) {
        return (float) Math.max(-clip, Math.min(clip, (v - f.mean()) / f.sd()));
    }

    private static boolean setLevel(Feature f, String level, float[] out) {
        Integer slot = f.slots().get(level);
        int s = slot != null ? slot : f.otherSlot();
        if (s < 0) {
            return false;
        }
        // One-hot of unit length; a z-score has unit variance: both weigh alike.
        out[s] = 1f;
        return true;
    }
}
