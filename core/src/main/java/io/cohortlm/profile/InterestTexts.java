package io.cohortlm.profile;

import io.cohortlm.data.Items;
import io.cohortlm.embed.Encoder;
import io.cohortlm.recommend.StatedInterests;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Writes the interests a user would state about some items, as the {@code text} evaluation protocol and the
 * stated-interest model's tuning simulate them: <i>"Interested in: white hanging heart t-light holder; regency
 * cakestand 3 tier (categories: home, kitchen)."</i> or, when the items' titles are Chinese, <i>"感兴趣：围巾；
 * 保温杯（类别：服饰、家居）。"</i>. Titles (else the first words of the item text) in the order given, lower-cased
 * when written in capitals, then the distinct categories. Deterministic.
 */
public final class InterestTexts {
    private static final int TEXT_WORDS = 12;
    private static final int MAX_CATEGORIES = 4;

    private InterestTexts() {
    }

    /** The interests text about {@code ids} (dense item indices of {@code items}). */
    public static String write(Items items, int[] ids) {
        List<String> names = new ArrayList<>();
        Set<String> cats = new LinkedHashSet<>();
        boolean zh = false;
        for (int i : ids) {
            String t = items.title(i);
            if (t == null || t.isBlank()) {
                t = firstWords(items.text(i));
            }
            t = t.strip();
            if (!t.isEmpty()) {
                names.add(t.equals(t.toUpperCase(Locale.ROOT)) ? t.toLowerCase(Locale.ROOT) : t);
                zh |= t.codePoints().anyMatch(ProfileLanguage::isCjk);
            }
            for (int c : items.categories(i)) {
                if (cats.size() < MAX_CATEGORIES) {
                    cats.add(items.categoryName(c));
                }
            }
        }
        StringBuilder b = new StringBuilder(zh ? "感兴趣：" : "Interested in: ");
        b.append(String.join(zh ? "；" : "; ", names));
        if (!cats.isEmpty()) {
            b.append(zh ? "（类别：" : " (categories: ").append(String.join(zh ? "、" : ", ", cats))
                    .append(zh ? "）" : ")");
        }
        return b.append(zh ? "。" : ".").toString();
    }

    private static String firstWords(String text) {
        if (text == null) {
            return "";
        }
        String[] w = text.strip().split("\\s+");
        return String.join(" ", java.util.Arrays.copyOf(w, Math.min(w.length, TEXT_WORDS)));
    }

    /** Stated interests written by {@link #write} and encoded by {@code encoder} (the item vectors' model). */
    public static StatedInterests encoded(Items items, Encoder encoder) {
        Objects.requireNonNull(items, "items");
        Objects.requireNonNull(encoder, "encoder");
        return sets -> {
            List<String> texts = new ArrayList<>(sets.size());
            for (int[] s : sets) {
                texts.add(write(items, s));
            }
            return encoder.encode(texts);
        };
    }
}
