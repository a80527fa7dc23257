package io.cohortlm.profile;

import io.cohortlm.data.Dataset;
import io.cohortlm.data.Items;
import java.util.Locale;

/** Language of the profile templates. */
public enum ProfileLanguage {
    /** English templates. */
    EN,
    /** Chinese templates. */
    ZH,
    /** Chosen per dataset by {@link #detect(Dataset)}. */
    AUTO;

    /** Share of CJK characters among letters in item texts at or above which a dataset is taken as Chinese. */
    public static final double CJK_SHARE_FOR_ZH = 0.2;
    private static final int SAMPLE_ITEMS = 20_000;

    /** Parses {@code en|zh|auto} (case-insensitive); null if unknown. */
    public static ProfileLanguage parse(String s) {
        return switch (s.strip().toLowerCase(Locale.ROOT)) {
            case "en" -> EN;
            case "zh" -> ZH;
            case "auto" -> AUTO;
            default -> null;
        };
    }

    /** This language, or for {@link #AUTO} the one {@link #detect(Dataset) detected} on {@code dataset}. */
    public ProfileLanguage resolve(Dataset dataset) {
        return this == AUTO ? detect(dataset) : this;
    }

    /**
     * {@link #ZH} if at least {@value #CJK_SHARE_FOR_ZH} of the letters in the titles and texts of the first
     * 20,000 items (or, if items have no text, of user category levels) are CJK, else {@link #EN}.
     */
    public static ProfileLanguage detect(Dataset dataset) {
        long[] counts = new long[2];
        Items items = dataset.items();
        int n = Math.min(items.size(), SAMPLE_ITEMS);
        for (int i = 0; i < n; i++) {
            count(items.title(i), counts);
            count(items.text(i), counts);
        }
        if (counts[0] + counts[1] == 0) {
            for (var col : dataset.users().columns()) {
                if (col.kind() == io.cohortlm.data.AttributeKind.CATEGORICAL) {
                    col.levels().forEach(l -> count(l, counts));
                }
            }
        }
        long total = counts[0] + counts[1];
        return total > 0 && counts[0] >= CJK_SHARE_FOR_ZH * total ? ZH : EN;
    }

    private static void count(String s, long[] counts) {
        if (s == null) {
            return;
        }
        s.codePoints().forEach(cp -> {
            if (isCjk(cp)) {
                counts[0]++;
            } else if (Character.isLetter(cp)) {
                counts[1]++;
            }
        });
    }

    /** True for Han, Hiragana, Katakana and Hangul code points. */
    public static boolean isCjk(int cp) {
        // Range checks first: this runs for every character of every profile, and UnicodeScript.of is a search.
        if (cp < 0x2E80 || (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFF00 && cp <= 0xFF60)) {
            return false;
        }
        if ((cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3040 && cp <= 0x30FF) || (cp >= 0xAC00 && cp <= 0xD7AF)) {
            return true;
        }
        Character.UnicodeScript sc = Character.UnicodeScript.of(cp);
        return sc == Character.UnicodeScript.HAN || sc == Character.UnicodeScript.HIRAGANA
                || sc == Character.UnicodeScript.KATAKANA || sc == Character.UnicodeScript.HANGUL;
    }
}
