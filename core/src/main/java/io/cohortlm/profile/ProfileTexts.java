package io.cohortlm.profile;

import java.util.List;
import java.util.Objects;

/**
 * One profile text per user, with diagnostics of how they were fitted to the budget.
 *
 * @param texts      profile of each dense user index (unmodifiable; never null entries)
 * @param language   the language the templates were written in (never AUTO)
 * @param tokenBudget the budget every text fits
 * @param shortened  users whose profile lost or shortened a part to fit the budget
 * @param cut        users whose profile still did not fit with only its most important part at its shortest, and
 *                   was cut mid-text
 * @param seconds    wall time of building, for logs
 */
public record ProfileTexts(List<String> texts, ProfileLanguage language, int tokenBudget, int shortened, int cut,
        double seconds) {
    public ProfileTexts {
        Objects.requireNonNull(texts, "texts");
        Objects.requireNonNull(language, "language");
    }

    /** Profile of dense user {@code u}. */
    public String text(int u) {
        return texts.get(u);
    }

    public int size() {
        return texts.size();
    }
}
