package io.cohortlm.explain;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Splits English and Chinese text into keyword terms. Latin text: lower-casing (ROOT locale), split on
 * anything that is not a letter or digit, drop terms shorter than 2 characters, pure numbers and a fixed English
 * stop-word list (the classic Glasgow-style list trimmed to function words). CJK ideographs: every run of
 * Han characters becomes its overlapping character bigrams ("红色杯子" → 红色, 色杯, 杯子); a one-character run is
 * kept as is. Bigrams are the standard dictionary-free baseline for Chinese keyword extraction — they keep real
 * two-character words and add some cross-word noise that c-TF-IDF weighting largely pushes down.
 * Stateless and thread-safe.
 */
public final class TextTokenizer {
    static final Set<String> STOP_WORDS = Set.of("a", "about", "above", "after", "again", "against", "all", "am",
            "an", "and", "any", "are", "as", "at", "be", "because", "been", "before", "being", "below", "between",
            "both", "but", "by", "can", "could", "did", "do", "does", "doing", "down", "during", "each", "few",
            "for", "from", "further", "had", "has", "have", "having", "he", "her", "here", "hers", "herself", "him",
            "himself", "his", "how", "i", "if", "in", "into", "is", "it", "its", "itself", "just", "me", "more",
            "most", "my", "myself", "no", "nor", "not", "now", "of", "off", "on", "once", "only", "or", "other",
            "our", "ours", "ourselves", "out", "over", "own", "same", "she", "should", "so", "some", "such", "than",
            "that", "the", "their", "theirs", "them", "themselves", "then", "there", "these", "they", "this",
            "those", "through", "to", "too", "under", "until", "up", "very", "was", "we", "were", "what", "when",
            "where", "which", "while", "who", "whom", "why", "will", "with", "would", "you", "your", "yours",
            "yourself", "yourselves", "also", "like", "user", "users", "set", "per", "via");

    /** Terms of {@code text} in order (repeats kept); empty for null. */
    public List<String> tokenize(String text) {
        List<String> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        String s = text.toLowerCase(Locale.ROOT);
        int i = 0;
        int n = s.length();
        while (i < n) {
            int cp = s.codePointAt(i);
            if (isHan(cp)) {
                int j = i;
                List<String> chars = new ArrayList<>();
                while (j < n && isHan(s.codePointAt(j))) {
                    int c = s.codePointAt(j);
                    chars.add(new String(Character.toChars(c)));
                    j += Character.charCount(c);
                }
                if (chars.size() == 1) {
                    out.add(chars.get(0));
                } else {
                    for (int k = 0; k + 1 < chars.size(); k++) {
                        out.add(chars.get(k) + chars.get(k + 1));
                    }
                }
                i = j;
            } else if (Character.isLetterOrDigit(cp)) {
                int j = i;
                while (j < n) {
                    int c = s.codePointAt(j);
                    if (!Character.isLetterOrDigit(c) || isHan(c)) {
                        break;
                    }
                    j += Character.charCount(c);
                }
                String w = s.substring(i, j);
                if (w.codePointCount(0, w.length()) >= 2 && !STOP_WORDS.contains(w) && !isNumber(w)) {
                    out.add(w);
                }
                i = j;
            } else {
                i += Character.charCount(cp);
            }
        }
        return out;
    }

    private static boolean isNumber(String w) {
        for (int i = 0; i < w.length(); i++) {
            if (!Character.isDigit(w.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    static boolean isHan(int cp) {
        return Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN;
    }
}
