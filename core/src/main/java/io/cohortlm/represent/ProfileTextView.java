package io.cohortlm.represent;

import io.cohortlm.data.Dataset;
import io.cohortlm.embed.Encoder;
import io.cohortlm.profile.ProfileConfig;
import io.cohortlm.profile.ProfileTextBuilder;
import io.cohortlm.profile.ProfileTexts;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Profile-text view: each user's natural-language profile ({@link ProfileTextBuilder}, fitted to the encoder's
 * token budget with the encoder's own token counter) encoded by the language model. Encoder cost grows with
 * the number of users; prefer {@link ItemTextView} for millions of users. Identical profiles are encoded once
 * when the encoder is wrapped in a cache.
 *
 * @param encoder the language model
 * @param config  profile configuration; its token budget is capped at the encoder's maximum
 */
public record ProfileTextView(Encoder encoder, ProfileConfig config) implements UserView {
    public ProfileTextView {
        Objects.requireNonNull(encoder, "encoder");
        Objects.requireNonNull(config, "config");
    }

    @Override
    public String name() {
        return "text";
    }

    /** The profile texts this view encodes (for inspection and docs). */
    public ProfileTexts texts(Dataset data) {
        ProfileConfig c = config.tokenBudget() > encoder.maxTokens() ? config.withTokenBudget(encoder.maxTokens())
                : config;
        return new ProfileTextBuilder(c, encoder::countTokens).build(data);
    }

    @Override
    public ViewVectors compute(Dataset data) {
        ProfileTexts texts = texts(data);
        float[][] vectors = encoder.encode(texts.texts());
        Map<String, Object> diag = new LinkedHashMap<>();
        diag.put("language", texts.language().toString());
        diag.put("token_budget", texts.tokenBudget());
        diag.put("shortened_to_fit", texts.shortened());
        diag.put("cut_to_fit", texts.cut());
        diag.put("encoder", encoder.identity().modelId());
        return new ViewVectors(name(), vectors, encoder.identity().dimension(), 0, diag);
    }
}
