package io.cohortlm.explain.persona;

import io.cohortlm.data.AttributeColumn;
import io.cohortlm.data.AttributeKind;
import io.cohortlm.data.Dataset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks every checkable claim of a persona against its segment's {@link PersonaFacts}:
 * <ul>
 *   <li><b>percentages</b> ({@code 45%}) must match a share in the facts (segment share, a level's share in the
 *       segment or overall, a category's share) within {@code percentTolerance} points;</li>
 *   <li><b>multipliers</b> ({@code 2.3×}, {@code 2.3x}, {@code 2.3 times}, {@code 2.3 倍}) must match a lift within
 *       {@code relativeTolerance};</li>
 *   <li><b>plain numbers</b> must match the size, a mean, a percentage or a lift within
 *       {@code relativeTolerance} (or 0.5 absolute);</li>
 *   <li><b>named values</b>: any attribute level or category of the dataset that the text mentions must be among
 *       the segment's over-represented facts (distinguishing levels with lift &gt; 1, top categories with lift
 *       &gt; 1, keywords).</li>
 * </ul>
 * Names and keywords of the facts are blanked out before numbers are read, so digits inside a category name are
 * not claims. The score is supported claims / all claims (1 when there are none). Immutable, thread-safe.
 */
public final class FaithfulnessChecker {
    private static final Pattern NUMBER = Pattern.compile(
            "(?<![\\p{L}\\p{N}.])(\\d{1,3}(?:,\\d{3})+|\\d+)(\\.\\d+)?\\s*(%|％|×|x(?!\\p{L})|倍|times)?");

    private final List<String> vocabulary;
    private final double percentTolerance;
    private final double relativeTolerance;

    /**
     * @param vocabulary        names whose mention is a claim (attribute levels, categories)
     * @param percentTolerance  allowed difference of percentages, in points, ≥ 0
     * @param relativeTolerance allowed relative difference of lifts and plain numbers, ≥ 0
     */
    public FaithfulnessChecker(Set<String> vocabulary, double percentTolerance, double relativeTolerance) {
        if (!(percentTolerance >= 0)) {
            throw new IllegalArgumentException("percentTolerance must be ≥ 0, was " + percentTolerance);
        }
        if (!(relativeTolerance >= 0)) {
            throw new IllegalArgumentException("relativeTolerance must be ≥ 0, was " + relativeTolerance);
        }
        this.vocabulary = vocabulary.stream().filter(v -> v != null && v.strip().length() >= 2)
                .sorted(Comparator.comparingInt(String::length).reversed().thenComparing(v -> v)).toList();
        this.percentTolerance = percentTolerance;
        this.relativeTolerance = relativeTolerance;
    }

    /** Vocabulary = levels of the non-personal categorical user attributes + item categories; ±2 points, ±10 %. */
    public static FaithfulnessChecker forDataset(Dataset data) {
        Set<String> vocab = new HashSet<>();
        for (AttributeColumn c : data.users().columns()) {
            if (!c.spec().personal() && c.kind() == AttributeKind.CATEGORICAL) {
                vocab.addAll(c.levels());
            }
        }
        vocab.addAll(data.items().categoryNames());
        return new FaithfulnessChecker(vocab, 2.0, 0.10);
    }

    /** The result of a check. */
    public record Result(double score, int claims, List<String> unsupported) {
        public Result {
            unsupported = List.copyOf(unsupported);
        }
    }

    /** Checks {@code text} (name and description together) against {@code facts}. */
    public Result check(String text, PersonaFacts facts) {
        List<String> unsupported = new ArrayList<>();
        int claims = 0;
        String lower = text.toLowerCase(Locale.ROOT);
        Set<String> known = new HashSet<>();
        for (PersonaFacts.AttributeFact a : facts.attributes()) {
            // Only over-represented levels / categories may be named: naming an under-represented one as a trait
            // of the segment is the typical false claim (a persona that says "rarely X" is flagged too — strict).
            if (a.levelName() != null && a.lift() > 1) {
                known.add(a.levelName().toLowerCase(Locale.ROOT));
            }
            if (a.level() || a.lift() > 1) {
                known.add(a.attribute().toLowerCase(Locale.ROOT));
            }
        }
        facts.categories().stream().filter(c -> c.lift() > 1)
                .forEach(c -> known.add(c.category().toLowerCase(Locale.ROOT)));
        facts.keywords().forEach(k -> known.add(k.toLowerCase(Locale.ROOT)));
        // Named values, longest first; a matched span is blanked so "United Kingdom" does not also match "Kingdom".
        StringBuilder scan = new StringBuilder(lower);
        for (String v : vocabulary) {
            String lv = v.toLowerCase(Locale.ROOT);
            int from = 0;
            boolean mentioned = false;
            int at;
            while ((at = scan.indexOf(lv, from)) >= 0) {
                from = at + lv.length();
                if (isWordBoundary(scan, at - 1) && isWordBoundary(scan, from)) {
                    mentioned = true;
                    for (int i = at; i < from; i++) {
                        scan.setCharAt(i, ' ');
                    }
                }
            }
            if (mentioned) {
                claims++;
                if (!known.contains(lv)) {
                    unsupported.add("mentions '" + v + "', which is not among this segment's distinguishing "
                            + "attributes, top categories or keywords");
                }
            }
        }
        String numbers = scan.toString();
        List<String> names = new ArrayList<>(known);
        names.add(facts.segmentKey().toLowerCase(Locale.ROOT));
        facts.attributes().forEach(a -> names.add(a.feature().toLowerCase(Locale.ROOT)));
        names.sort(Comparator.comparingInt(String::length).reversed());
        for (String nm : names) {
            if (!nm.isBlank()) {
                numbers = numbers.replace(nm, " ");
            }
        }
        Matcher m = NUMBER.matcher(numbers);
        while (m.find()) {
            double v = Double.parseDouble(m.group(1).replace(",", "") + (m.group(2) == null ? "" : m.group(2)));
            String unit = m.group(3);
            claims++;
            String claim = m.group().strip();
            if (unit != null && (unit.equals("%") || unit.equals("％"))) {
                if (!matchesPercent(v, facts)) {
                    unsupported.add(claim + " does not match any share in the statistics");
                }
            } else if (unit != null) {
                if (!matchesAny(v, lifts(facts))) {
                    unsupported.add(claim + " does not match any lift in the statistics");
                }
            } else {
                List<Double> all = new ArrayList<>(lifts(facts));
                all.addAll(percents(facts));
                all.add((double) facts.size());
                facts.attributes().stream().filter(a -> !a.level()).forEach(a -> {
                    all.add(a.value());
                    all.add(a.population());
                });
                if (!matchesAny(v, all)) {
                    unsupported.add(claim + " does not match any number in the statistics");
                }
            }
        }
        double score = claims == 0 ? 1 : (double) (claims - unsupported.size()) / claims;
        return new Result(score, claims, unsupported);
    }

    private static boolean isWordBoundary(CharSequence s, int i) {
        if (i < 0 || i >= s.length()) {
            return true;
        }
        char c = s.charAt(i);
        // CJK text has no spaces: a Han character next to a name does not make it part of a longer word.
        return !Character.isLetterOrDigit(c) || Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN;
    }

    private boolean matchesPercent(double v, PersonaFacts f) {
        for (double p : percents(f)) {
            if (Math.abs(p - v) <= percentTolerance) {
                return true;
            }
        }
        return false;
    }

    private boolean matchesAny(double v, List<Double> candidates) {
        for (double c : candidates) {
            if (Math.abs(c - v) <= Math.max(0.5 * (c == Math.rint(c) ? 1 : 0), relativeTolerance * Math.abs(c))
                    || Math.abs(c - v) < 0.051) {
                return true;
            }
        }
        return false;
    }

    private static List<Double> percents(PersonaFacts f) {
        List<Double> out = new ArrayList<>();
        out.add(f.sharePercent());
        for (PersonaFacts.AttributeFact a : f.attributes()) {
            if (a.level()) {
                out.add(a.value());
                out.add(a.population());
            }
        }
        f.categories().forEach(c -> out.add(c.segmentSharePercent()));
        return out;
    }

    private static List<Double> lifts(PersonaFacts f) {
        List<Double> out = new ArrayList<>();
        f.attributes().forEach(a -> out.add(a.lift()));
        f.categories().forEach(c -> out.add(c.lift()));
        return out;
    }
}
