package io.cohortlm.synth;

import java.util.List;
import java.util.Objects;

/**
 * A shopping theme a planted segment can be about, with its vocabulary in English and Chinese. Item texts of a
 * theme are built as {@code adjective + noun} (title) and a descriptive phrase (text); list positions are aligned
 * across languages ({@code nounsEn.get(i)} and {@code nounsZh.get(i)} mean the same thing). Nouns are unique to a
 * theme, so the theme of an item can be read back from its title.
 *
 * @param key        stable ASCII key, used as the segment name in the ground truth (e.g. {@code outdoors})
 * @param nameEn     display name in English
 * @param nameZh     display name in Chinese
 * @param adjectives adjectives, English
 * @param nouns      product nouns, English
 * @param phrases    descriptive phrases, English
 * @param adjectivesZh adjectives, Chinese (same length as {@code adjectives})
 * @param nounsZh    product nouns, Chinese (same length as {@code nouns})
 * @param phrasesZh  descriptive phrases, Chinese (same length as {@code phrases})
 */
public record Theme(String key, String nameEn, String nameZh, List<String> adjectives, List<String> nouns,
        List<String> phrases, List<String> adjectivesZh, List<String> nounsZh, List<String> phrasesZh) {
    public Theme {
        Objects.requireNonNull(key, "key");
        adjectives = List.copyOf(adjectives);
        nouns = List.copyOf(nouns);
        phrases = List.copyOf(phrases);
        adjectivesZh = List.copyOf(adjectivesZh);
        nounsZh = List.copyOf(nounsZh);
        phrasesZh = List.copyOf(phrasesZh);
        if (adjectives.size() != adjectivesZh.size() || nouns.size() != nounsZh.size()
                || phrases.size() != phrasesZh.size()) {
            throw new IllegalArgumentException("theme '" + key + "': English and Chinese vocabularies differ in size");
        }
    }

    /** Display name in the given language ({@code en} or {@code zh}). */
    public String name(String lang) {
        return "zh".equals(lang) ? nameZh : nameEn;
    }

    /** Nouns in the given language. */
    public List<String> nouns(String lang) {
        return "zh".equals(lang) ? nounsZh : nouns;
    }

    /** Number of distinct (adjective, noun, phrase) combinations: the most distinct texts this theme can give. */
    public int combinations() {
        return adjectives.size() * nouns.size() * phrases.size();
    }

    /** Title of combination ({@code adjective}, {@code noun}) in a language. */
    String title(String lang, int adjective, int noun) {
        if ("zh".equals(lang)) {
            // Space-separated keywords, the way marketplace titles in Chinese are often written.
            return adjectivesZh.get(adjective) + " " + nounsZh.get(noun);
        }
        String a = adjectives.get(adjective);
        return Character.toUpperCase(a.charAt(0)) + a.substring(1) + " " + nouns.get(noun);
    }

    /** Descriptive text of {@code phrase} in a language. */
    String text(String lang, int phrase) {
        if ("zh".equals(lang)) {
            return phrasesZh.get(phrase) + "。";
        }
        String p = phrases.get(phrase);
        return Character.toUpperCase(p.charAt(0)) + p.substring(1) + ".";
    }
}
