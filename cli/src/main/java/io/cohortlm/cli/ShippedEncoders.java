package io.cohortlm.cli;

import io.cohortlm.embed.Encoder;
import io.cohortlm.embed.EncoderIdentity;
import io.cohortlm.embed.Encoders;
import io.cohortlm.embed.OnnxModel;

/** Finds the in-process language model that an encoder identity (recorded in vectors or bundles) came from. */
final class ShippedEncoders {
    private ShippedEncoders() {
    }

    /**
     * The short name ({@code minilm}, …) of the {@link OnnxModel} with {@code id}'s model id whose weights match
     * {@code id}'s fingerprint, or null. Only the candidate with the same model id is loaded.
     */
    static String nameOf(EncoderIdentity id) {
        for (OnnxModel m : OnnxModel.values()) {
            if (!m.modelId().equals(id.modelId())) {
                continue;
            }
            try (Encoder e = Encoders.byName(m.shortName())) {
                if (e.identity().weightsFingerprint().equals(id.weightsFingerprint())) {
                    return m.shortName();
                }
            } catch (RuntimeException unavailable) {
                // its weights artifact is not on the class path
            }
        }
        return null;
    }
}
