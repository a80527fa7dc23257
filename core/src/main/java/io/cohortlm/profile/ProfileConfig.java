package io.cohortlm.profile;

import io.cohortlm.CohortException;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;

/**
 * How {@link ProfileTextBuilder} writes profiles.
 *
 * @param language    template language, or {@link ProfileLanguage#AUTO} to detect it from the dataset's texts
 * @param tokenBudget most tokens a profile may have under the builder's token counter, in [8, 8192]; use the
 *                    encoder's {@code maxTokens()} (e.g. 128 for all-MiniLM) so nothing is silently truncated
 * @param parts       parts to include, most important first: when a text is over budget, the last part is
 *                    shortened and then dropped first; non-empty, no duplicates
 */
public record ProfileConfig(ProfileLanguage language, int tokenBudget, List<ProfilePart> parts) {
    /** Default importance: what users consume matters most for segments, recency least. */
    public static final List<ProfilePart> DEFAULT_PARTS = List.of(ProfilePart.CATEGORIES, ProfilePart.TITLES,
            ProfilePart.ATTRIBUTES, ProfilePart.SPEND, ProfilePart.ACTIVITY, ProfilePart.RECENCY);

    public ProfileConfig {
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(parts, "parts");
        if (tokenBudget < 8 || tokenBudget > 8192) {
            throw new CohortException("tokenBudget must be in [8, 8192], was " + tokenBudget);
        }
        if (parts.isEmpty()) {
            throw new CohortException("parts must not be empty, was []");
        }
        if (EnumSet.copyOf(parts).size() != parts.size()) {
            throw new CohortException("parts must not repeat a part, was " + parts);
        }
        parts = List.copyOf(parts);
    }

    /** Auto language, 128 tokens, all parts in default importance. */
    public static ProfileConfig defaults() {
        return new ProfileConfig(ProfileLanguage.AUTO, 128, DEFAULT_PARTS);
    }

    public ProfileConfig withLanguage(ProfileLanguage l) {
        return new ProfileConfig(l, tokenBudget, parts);
    }

    public ProfileConfig withTokenBudget(int budget) {
        return new ProfileConfig(language, budget, parts);
    }

    public ProfileConfig withParts(List<ProfilePart> p) {
        return new ProfileConfig(language, tokenBudget, p);
    }
}
