package io.cohortlm.serve;

import io.cohortlm.profile.ProfileLanguage;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which words of a user's statement an item's title shares, for reasons like "matches 'lantern'". English: words
 * of three or more letters, lower-cased, stop words dropped, a plural matching its singular (lanterns → lantern,
 * torches → torch). Chinese (and other CJK runs): shared two-character sequences, merged into the longest shared
 * runs.
 */
final class StatedWords {
    private static final int MAX_WORDS = 3;
    private static final Set<String> STOP = Set.of("and", "the", "for", "with", "from", "that", "this", "are",
            "was", "were", "will", "would", "like", "likes", "love", "loves", "loving", "enjoy", "enjoys", "want",
            "wants", "into", "about", "buy", "buys", "buying", "bought", "every", "each", "month", "week", "year",
            "day", "days", "very", "really", "also", "some", "any", "all", "our", "your", "you", "they", "them",
            "their", "its", "has", "have", "had", "not", "but", "can", "interested", "interest", "interests",
            "categories", "category", "things", "stuff", "gear", "items", "item", "set", "sets", "more", "most",
            "good", "great", "nice", "new", "old", "just", "looking", "look", "need", "needs");

    private StatedWords() {
    }

    /** The statement's words found in {@code title}, in the statement's order, at most three. */
    static List<String> shared(String statement, String title) {
        if (statement == null || title == null || statement.isBlank() || title.isBlank()) {
            return List.of();
        }
        Set<String> out = new LinkedHashSet<>();
        List<String> titleWords = words(title);
        Set<String> titleForms = new java.util.HashSet<>();
        for (String w : titleWords) {
            titleForms.addAll(forms(w));
        }
        for (String w : words(statement)) {
            if (out.size() >= MAX_WORDS) {
                break;
            }
            for (String f : forms(w)) {
                if (titleForms.contains(f)) {
                    out.add(w);
                    break;
                }
            }
        }
        for (String run : cjkShared(statement, title)) {
            if (out.size() >= MAX_WORDS) {
                break;
            }
            out.add(run);
        }
        return new ArrayList<>(out);
    }

    /** Latin words of ≥ 3 letters, lower-cased, without stop words. */
    private static List<String> words(String s) {
        List<String> out = new ArrayList<>();
        for (String w : s.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (w.length() >= 3 && !STOP.contains(w) && w.codePoints().noneMatch(ProfileLanguage::isCjk)) {
                out.add(w);
            }
        }
        return out;
    }

    /** The word and its singulars (-s, -es). */
    private static List<String> forms(String w) {
        List<String> f = new ArrayList<>(3);
        f.add(w);
        if (w.length() > 3 && w.endsWith("s")) {
            f.add(w.substring(0, w.length() - 1));
        }
        if (w.length() > 4 && w.endsWith("es")) {
            f.add(w.substring(0, w.length() - 2));
        }
        return f;
    }

    /** Maximal CJK runs of ≥ 2 characters of the statement that also occur in the title. */
    private static List<String> cjkShared(String statement, String title) {
        List<String> out = new ArrayList<>();
        int[] cps = statement.codePoints().toArray();
        int i = 0;
        while (i < cps.length) {
            if (!ProfileLanguage.isCjk(cps[i])) {
                i++;
                continue;
            }
            int best = 0;
            for (int len = 2; i + len <= cps.length && ProfileLanguage.isCjk(cps[i + len - 1]); len++) {
                if (title.contains(new String(cps, i, len))) {
                    best = len;
                } else {
                    break;
                }
            }
            if (best >= 2) {
                out.add(new String(cps, i, best));
                i += best;
            } else {
                i++;
            }
        }
        return out;
    }
}
