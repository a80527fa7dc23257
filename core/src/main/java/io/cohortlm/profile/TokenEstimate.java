package io.cohortlm.profile;

/**
 * A cheap, tokenizer-free estimate of how many tokens a sentence encoder sees in a text, used when no encoder's
 * {@code countTokens} is given: 1.3 per word of letters/digits (word pieces split longer words), 1 per
 * punctuation mark or symbol, 1 per CJK character, plus 2 for the special tokens ([CLS], [SEP]) BERT-style
 * encoders add. It tends to over-count slightly for plain English, so budgets hold with a margin. Thread-safe.
 */
public final class TokenEstimate {
    private TokenEstimate() {
    }

    /** Estimated token count of {@code text} (0 words still count 2 special tokens). */
    public static int count(String text) {
        int words = 0;
        int other = 0;
        boolean inWord = false;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (ProfileLanguage.isCjk(cp)) {
                other++;
                inWord = false;
            } else if (Character.isLetterOrDigit(cp)) {
                if (!inWord) {
                    words++;
                    inWord = true;
                }
            } else {
                inWord = false;
                if (!Character.isWhitespace(cp)) {
                    other++;
                }
            }
        }
        return 2 + (int) Math.ceil(words * 1.3) + other;
    }
}
