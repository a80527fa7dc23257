package io.cohortlm.synth;

import io.cohortlm.CohortException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What {@link SyntheticGenerator} generates. Validated on construction; every error is a {@link CohortException}
 * naming the field, the bad value and what is allowed. The command-line form is parsed by {@link #parse(String)},
 * e.g. {@code users=5000,seed=7,lang=zh,segments=6,signals=text}. See docs/synthetic.md for what each knob does.
 *
 * @param users     number of users, in [100, 10,000,000]
 * @param segments  number of planted segments, in [2, 10] (each gets its own theme)
 * @param seed      seed of all randomness: the same config gives an identical dataset
 * @param lang      {@code en} or {@code zh}: language of item texts and attribute values
 * @param signals   which signals are planted (any subset of {@link Signal}; empty = no signal at all, a null model)
 * @param strength  in [0, 1]: the probability that a planted draw follows the user's segment rather than the
 *                  segment-neutral distribution (0 = no signal, 1 = pure)
 * @param events    mean events per user, in [1, 1000]
 * @param eventDistribution how events per user are spread around the mean
 * @param items     size of the shared item catalogue, in [10, 1,000,000]
 * @param texts     distinct item texts per theme, in [10, {@link Themes#minCombinations()}]
 * @param reuse     in [0, 0.9]: probability that a theme-pool draw (text signal) re-picks an existing item of the
 *                  theme instead of creating a new listing; keeps item ids rarely shared
 */
public record SyntheticConfig(int users, int segments, long seed, String lang, Set<Signal> signals, double strength,
        double events, EventCountDistribution eventDistribution, int items, int texts, double reuse) {

    /** Keys of the command-line form, in canonical order. */
    public static final List<String> KEYS = List.of("users", "segments", "seed", "lang", "signals", "strength",
            "events", "eventdist", "items", "texts", "reuse");

    public SyntheticConfig {
        Objects.requireNonNull(lang, "lang");
        Objects.requireNonNull(signals, "signals");
        Objects.requireNonNull(eventDistribution, "eventDistribution");
        signals = signals.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(signals));
        range("users", users, 100, 10_000_000);
        range("segments", segments, 2, Themes.ALL.size());
        if (!lang.equals("en") && !lang.equals("zh")) {
            throw new CohortException("lang must be one of [en, zh], was '" + lang + "'");
        }
        range("strength", strength, 0, 1);
        range("events", events, 1, 1000);
        range("items", items, 10, 1_000_000);
        range("texts", texts, 10, Themes.minCombinations());
        range("reuse", reuse, 0, 0.9);
    }

    /** Defaults: 1,000 users, 5 segments, seed 42, English, all signals, strength 0.8, 8 geometric events. */
    public static SyntheticConfig defaults() {
        return new SyntheticConfig(1000, 5, 42L, "en", EnumSet.allOf(Signal.class), 0.8, 8.0,
                EventCountDistribution.GEOMETRIC, 2000, 300, 0.05);
    }

    /**
     * Parses the command-line form: comma-separated {@code key=value} pairs over {@link #defaults()}. Keys:
     * {@code users, segments, seed, lang (en|zh), signals (attributes+behaviour+text, any subset joined by '+',
     * or 'all' / 'none'), strength, events, eventdist (geometric|lognormal|fixed), items, texts, reuse}.
     *
     * @throws CohortException naming the key and value on an unknown key or a bad value
     */
    public static SyntheticConfig parse(String spec) {
        SyntheticConfig d = defaults();
        Map<String, String> kv = new LinkedHashMap<>();
        if (spec != null && !spec.isBlank()) {
            for (String part : spec.split(",")) {
                if (part.isBlank()) {
                    continue;
                }
                int eq = part.indexOf('=');
                if (eq <= 0) {
                    throw new CohortException("synthetic option '" + part.strip() + "' is not key=value; keys: "
                            + String.join(", ", KEYS));
                }
                String key = part.substring(0, eq).strip().toLowerCase(Locale.ROOT);
                if (!KEYS.contains(key)) {
                    throw new CohortException("unknown synthetic option '" + key + "' (value '"
                            + part.substring(eq + 1).strip() + "'); allowed: " + String.join(", ", KEYS));
                }
                kv.put(key, part.substring(eq + 1).strip());
            }
        }
        return new SyntheticConfig(
                kv.containsKey("users") ? (int) parseLong(kv, "users", "an integer in [100, 10000000]") : d.users,
                kv.containsKey("segments") ? (int) parseLong(kv, "segments", "an integer in [2, 10]") : d.segments,
                kv.containsKey("seed") ? parseLong(kv, "seed", "an integer") : d.seed,
                kv.getOrDefault("lang", d.lang).toLowerCase(Locale.ROOT),
                kv.containsKey("signals") ? parseSignals(kv.get("signals")) : d.signals,
                kv.containsKey("strength") ? parseDouble(kv, "strength", "a number in [0, 1]") : d.strength,
                kv.containsKey("events") ? parseDouble(kv, "events", "a number in [1, 1000]") : d.events,
                kv.containsKey("eventdist") ? parseDistribution(kv.get("eventdist")) : d.eventDistribution,
                kv.containsKey("items") ? (int) parseLong(kv, "items", "an integer in [10, 1000000]") : d.items,
                kv.containsKey("texts") ? (int) parseLong(kv, "texts", "an integer in [10, "
                        + Themes.minCombinations() + "]") : d.texts,
                kv.containsKey("reuse") ? parseDouble(kv, "reuse", "a number in [0, 0.9]") : d.reuse);
    }

    /** The canonical command-line form; {@code parse(c.toSpec())} equals {@code c}. */
    public String toSpec() {
        String sig = signals.isEmpty() ? "none"
                : EnumSet.copyOf(signals).stream().map(Signal::key).collect(Collectors.joining("+"));
        return String.format(Locale.ROOT, "users=%d,segments=%d,seed=%d,lang=%s,signals=%s,strength=%s,events=%s,"
                + "eventdist=%s,items=%d,texts=%d,reuse=%s", users, segments, seed, lang, sig, num(strength),
                num(events), eventDistribution.name().toLowerCase(Locale.ROOT), items, texts, num(reuse));
    }

    public boolean planted(Signal s) {
        return signals.contains(s);
    }

    public SyntheticConfig withUsers(int n) {
        return new SyntheticConfig(n, segments, seed, lang, signals, strength, events, eventDistribution, items,
                texts, reuse);
    }

    public SyntheticConfig withSeed(long s) {
        return new SyntheticConfig(users, segments, s, lang, signals, strength, events, eventDistribution, items,
                texts, reuse);
    }

    private static String num(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    private static void range(String field, double v, double lo, double hi) {
        if (!(v >= lo && v <= hi)) {
            throw new CohortException(field + " must be in [" + num(lo) + ", " + num(hi) + "], was " + num(v));
        }
    }

    private static long parseLong(Map<String, String> kv, String key, String expected) {
        String v = kv.get(key);
        try {
            return Long.parseLong(v.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new CohortException("synthetic option " + key + "='" + v + "' is not valid; expected " + expected);
        }
    }

    private static double parseDouble(Map<String, String> kv, String key, String expected) {
        String v = kv.get(key);
        try {
            double d = Double.parseDouble(v);
            if (Double.isNaN(d)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw new CohortException("synthetic option " + key + "='" + v + "' is not valid; expected " + expected);
        }
    }

    private static Set<Signal> parseSignals(String v) {
        String s = v.strip().toLowerCase(Locale.ROOT);
        if (s.equals("all")) {
            return EnumSet.allOf(Signal.class);
        }
        if (s.equals("none")) {
            return Set.of();
        }
        List<Signal> out = new ArrayList<>();
        for (String p : s.split("[+|;/ ]+")) {
            Signal sig = Signal.parse(p);
            if (sig == null) {
                throw new CohortException("synthetic option signals='" + v + "' has unknown signal '" + p
                        + "'; allowed: attributes, behaviour, text joined by '+', or all, none");
            }
            out.add(sig);
        }
        return EnumSet.copyOf(out);
    }

    private static EventCountDistribution parseDistribution(String v) {
        try {
            return EventCountDistribution.valueOf(v.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new CohortException("synthetic option eventdist='" + v
                    + "' is not valid; allowed: geometric, lognormal, fixed");
        }
    }
}
