package io.cohortlm.explain.persona;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * The offline default: a deterministic persona per segment built only from {@link PersonaFacts}, in English or
 * Chinese. The name combines a behaviour adjective (from the frequency / monetary / recency features, when
 * distinguishing), the top category and the top over-represented attribute level (if ≥ 25 % of the segment);
 * clashing names get a second and third trait, and only then the segment id. Every number in the text is copied
 * from the facts, so the faithfulness check passes
 * by construction (a test holds it to that).
 */
public final class TemplatePersonaWriter {
    /** Output language. */
    public enum Language { EN, ZH }

    private final Language language;

    public TemplatePersonaWriter(Language language) {
        this.language = Objects.requireNonNull(language, "language");
    }

    /** One persona per facts entry, same order; names unique. */
    public List<Persona> write(List<PersonaFacts> facts) {
        List<Persona> out = new ArrayList<>();
        Set<String> used = new HashSet<>();
        for (PersonaFacts f : facts) {
            // One behaviour trait; a second (then third) only when needed to keep names unique; then the id.
            String name = name(f, 1);
            for (int traits = 2; used.contains(name.toLowerCase(Locale.ROOT)) && traits <= 3; traits++) {
                name = name(f, traits);
            }
            if (used.contains(name.toLowerCase(Locale.ROOT))) {
                name = name + " (" + f.segmentKey() + ")";
            }
            used.add(name.toLowerCase(Locale.ROOT));
            out.add(new Persona(f.segmentKey(), name, description(f), language.name().toLowerCase(Locale.ROOT),
                    "template", 1.0, List.of()));
        }
        return out;
    }

    /** Behaviour adjectives of the distinguishing RFM features, strongest first. */
    private List<String> adjectives(PersonaFacts f) {
        List<String> out = new ArrayList<>();
        boolean zh = language == Language.ZH;
        for (PersonaFacts.AttributeFact a : f.attributes()) {
            if (a.level()) {
                continue;
            }
            boolean up = a.lift() > 1;
            switch (a.feature()) {
                case "frequency" -> out.add(zh ? (up ? "高频" : "低频") : (up ? "Frequent" : "Occasional"));
                case "monetary" -> out.add(zh ? (up ? "高消费" : "低消费") : (up ? "Big-Spending" : "Budget"));
                case "recency_days" -> out.add(zh ? (up ? "沉睡" : "活跃") : (up ? "Lapsed" : "Recent"));
                default -> {
                }
            }
        }
        return out;
    }

    private String name(PersonaFacts f, int traits) {
        List<String> adjs = adjectives(f);
        String adj = String.join(language == Language.ZH ? "" : " ", adjs.subList(0, Math.min(traits, adjs.size())));
        String cat = f.categories().isEmpty() || f.categories().get(0).lift() <= 1 ? null
                : f.categories().get(0).category();
        // A level names the persona only if it is over-represented AND common in the segment (≥ 25 %):
        // "Lapsed Shoppers (Switzerland)" for a segment that is 1 % Swiss would mislead.
        String level = f.attributes().stream().filter(a -> a.level() && a.lift() > 1 && a.value() >= 25)
                .map(a -> a.levelName())
                .findFirst().orElse(null);
        // No distinguishing attribute and no favoured category (e.g. segments that differ only in item text): the
        // top keywords name it; they are facts (c-TF-IDF terms used by enough members), so the faithfulness check
        // accepts them. Not used when attributes exist: a gift shop's keywords ("red, bag") would mislead there.
        if (f.attributes().isEmpty() && cat == null && !f.keywords().isEmpty()) {
            List<String> kw = f.keywords().subList(0, Math.min(traits + 1, f.keywords().size()));
            return language == Language.ZH ? "关注" + String.join("、", kw) + "的用户群"
                    : "Shoppers into " + String.join(", ", kw);
        }
        if (language == Language.ZH) {
            StringBuilder sb = new StringBuilder();
            if (level != null) {
                sb.append(level).append("·");
            }
            sb.append(adj);
            if (cat != null) {
                sb.append(cat);
            }
            sb.append(cat == null ? "用户群" : "爱好者");
            return sb.toString();
        }
        StringBuilder sb = new StringBuilder();
        if (!adj.isEmpty()) {
            sb.append(adj).append(' ');
        }
        sb.append(cat == null ? "Shoppers" : cat + " Shoppers");
        if (level != null) {
            sb.append(" (").append(level).append(')');
        }
        return sb.toString();
    }

    private String description(PersonaFacts f) {
        boolean zh = language == Language.ZH;
        StringBuilder sb = new StringBuilder();
        sb.append(zh ? String.format(Locale.ROOT, "%d 名用户（占 %s%%）。", f.size(), num(f.sharePercent()))
                : String.format(Locale.ROOT, "%d users (%s%% of all).", f.size(), num(f.sharePercent())));
        List<String> parts = new ArrayList<>();
        // Only over-represented levels and categories: "country = France for 0 %" reads as a trait, and the
        // checker rejects naming them; numeric attributes read fine either way ("average age 25 vs 45").
        for (PersonaFacts.AttributeFact a : f.attributes().stream()
                .filter(a -> a.lift() > 1 || !a.level() && !"category".equals(a.source())).limit(3).toList()) {
            if (a.level()) {
                parts.add(zh ? String.format(Locale.ROOT, "%s 占 %s%%（总体 %s%%）", a.feature(), num(a.value()),
                        num(a.population()))
                        : String.format(Locale.ROOT, "%s for %s%% (vs %s%% overall)", a.feature(), num(a.value()),
                        num(a.population())));
            } else {
                parts.add(zh ? String.format(Locale.ROOT, "%s 平均 %s（总体 %s）", a.feature(), num(a.value()),
                        num(a.population()))
                        : String.format(Locale.ROOT, "average %s %s (vs %s overall)", a.feature(), num(a.value()),
                        num(a.population())));
            }
        }
        if (!parts.isEmpty()) {
            sb.append(zh ? " 显著特征：" : " Distinguishing: ").append(String.join(zh ? "；" : "; ", parts))
                    .append(zh ? "。" : ".");
        }
        List<String> cats = f.categories().stream().filter(c -> c.lift() > 1).limit(3)
                .map(c -> String.format(Locale.ROOT, zh ? "%s（%s 倍）" : "%s (%s×)", c.category(), num(c.lift())))
                .toList();
        if (!cats.isEmpty()) {
            sb.append(zh ? " 偏好品类：" : " Favourite categories: ").append(String.join(zh ? "、" : ", ", cats))
                    .append(zh ? "。" : ".");
        }
        if (!f.keywords().isEmpty()) {
            sb.append(zh ? " 关键词：" : " Keywords: ")
                    .append(String.join(zh ? "、" : ", ", f.keywords().stream().limit(5).toList()))
                    .append(zh ? "。" : ".");
        }
        return sb.toString();
    }

    /** Compact number: integers without decimals, else up to 2 decimals. */
    static String num(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e12) {
            return Long.toString((long) v);
        }
        return new java.math.BigDecimal(Double.toString(v)).setScale(2, java.math.RoundingMode.HALF_UP)
                .stripTrailingZeros().toPlainString();
    }
}
