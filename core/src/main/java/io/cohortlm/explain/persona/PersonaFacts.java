package io.cohortlm.explain.persona;

import io.cohortlm.data.AttributeColumn;
import io.cohortlm.data.AttributeKind;
import io.cohortlm.data.Dataset;
import io.cohortlm.explain.SegmentProfile;
import io.cohortlm.explain.TextTokenizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The only things a persona writer may see about a segment: aggregates of the segment (never a user's row or id)
 * and keywords after redaction. This is exactly what is serialised into an LLM prompt.
 *
 * @param segmentKey    stable segment id
 * @param size          members
 * @param sharePercent  members as a percentage of all users
 * @param attributes    distinguishing features (levels in percent, numerics as means)
 * @param categories    top categories by lift
 * @param keywords      redacted keywords
 */
public record PersonaFacts(String segmentKey, int size, double sharePercent, List<AttributeFact> attributes,
        List<CategoryFact> categories, List<String> keywords) {
    public PersonaFacts {
        attributes = List.copyOf(attributes);
        categories = List.copyOf(categories);
        keywords = List.copyOf(keywords);
    }

    /**
     * @param feature    readable feature name
     * @param level      true if an attribute level (values are percentages of users)
     * @param source     {@code attribute}, {@code behaviour} or {@code category} (share of events on a category)
     * @param attribute  attribute or category name
     * @param levelName  the level, for a level; else null
     * @param value      the level's share in the segment (in %), or the segment mean
     * @param population the level's share overall (in %), or the population mean
     * @param lift       value / population
     */
    public record AttributeFact(String feature, boolean level, String source, String attribute, String levelName,
            double value,
            double population, double lift) {
    }

    /**
     * @param category            category name
     * @param segmentSharePercent share of the segment's events, in %
     * @param lift                against all events
     */
    public record CategoryFact(String category, double segmentSharePercent, double lift) {
    }

    /**
     * Facts of one profile. Keywords are dropped when they contain a term of a personal attribute's values in
     * {@code data} (e.g. a name or e-mail fragment that made it into profile texts), contain a digit or an
     * {@code @}, or were used by fewer than {@code minKeywordUsers} members, or name a level / category the segment is
     * under-represented in.
     */
    public static PersonaFacts of(SegmentProfile p, Set<String> personalTerms, int minKeywordUsers) {
        List<AttributeFact> attrs = new ArrayList<>();
        for (SegmentProfile.FeatureLift l : p.distinguishing()) {
            boolean level = "LEVEL".equals(l.kind());
            double scale = level ? 100 : 1;
            attrs.add(new AttributeFact(l.feature(), level, l.source(), l.attribute(), l.level(),
                    round(l.segmentValue() * scale),
                    round(l.populationValue() * scale), round(l.lift())));
        }
        List<CategoryFact> cats = p.categories().stream()
                .map(c -> new CategoryFact(c.category(), round(c.segmentShare() * 100), round(c.lift()))).toList();
        // A keyword that names a level or category the segment is UNDER-represented in would mislead a writer.
        Set<String> underRepresented = new HashSet<>();
        attrs.stream().filter(a -> a.lift() <= 1).forEach(a -> {
            underRepresented.add((a.level() ? a.levelName() : a.attribute()).toLowerCase(Locale.ROOT));
        });
        cats.stream().filter(c -> c.lift() <= 1)
                .forEach(c -> underRepresented.add(c.category().toLowerCase(Locale.ROOT)));
        List<String> kws = new ArrayList<>();
        for (SegmentProfile.Keyword k : p.keywords()) {
            String t = k.term();
            if (underRepresented.contains(t)) {
                continue;
            }
            boolean personal = personalTerms.contains(t)
                    || personalTerms.stream().anyMatch(pt -> pt.length() >= 4 && t.contains(pt));
            if (k.users() >= minKeywordUsers && !personal && !t.matches(".*[\\d@].*")) {
                kws.add(t);
            }
        }
        return new PersonaFacts(p.key(), p.size(), round(p.share() * 100), attrs, cats, kws);
    }

    /** Lower-cased terms of every value of every personal attribute of the users, for keyword redaction. */
    public static Set<String> personalTerms(Dataset data) {
        TextTokenizer tok = new TextTokenizer();
        Set<String> out = new HashSet<>();
        for (AttributeColumn c : data.users().columns()) {
            if (!c.spec().personal()) {
                continue;
            }
            for (int u = 0; u < data.users().size(); u++) {
                String v = c.format(u);
                if (v != null) {
                    out.addAll(tok.tokenize(v));
                    out.add(v.toLowerCase(Locale.ROOT));
                }
            }
        }
        for (String id : data.users().ids().ids()) {
            out.add(id.toLowerCase(Locale.ROOT));
        }
        return out;
    }

    static double round(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return v;
        }
        return Math.round(v * 100) / 100.0;
    }
}
