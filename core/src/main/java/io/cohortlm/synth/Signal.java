package io.cohortlm.synth;

import java.util.Locale;

/** A kind of segment signal the generator can plant; any subset can be mixed (see docs/synthetic.md). */
public enum Signal {
    /** Segment-dependent distributions of age, gender, city and spend level. */
    ATTRIBUTES,
    /** Segment-specific item popularity over one shared catalogue (co-consumption of item ids). */
    BEHAVIOUR,
    /** Segment themes visible only in the texts of consumed items; item ids are almost never shared. */
    TEXT;

    /** Lower-case name as used on the command line. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a key ({@code attributes|behaviour|text}, also {@code behavior}); null if unknown. */
    static Signal parse(String s) {
        return switch (s.strip().toLowerCase(Locale.ROOT)) {
            case "attributes", "attribute", "attrs" -> ATTRIBUTES;
            case "behaviour", "behavior" -> BEHAVIOUR;
            case "text" -> TEXT;
            default -> null;
        };
    }
}
