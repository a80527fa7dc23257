package io.cohortlm.cli;

import io.cohortlm.embed.Encoder;
import io.cohortlm.embed.EncoderIdentity;
import io.cohortlm.embed.Encoders;
import java.util.List;

/** The language models the CLI ships, found back from an encoder identity recorded in vectors or bundles. */
final class ShippedEncoders {
    static final List<String> NAMES = List.of("minilm", "minilm-q", "bge-zh", "bge-zh-q", "bge-en", "e5");

    private ShippedEncoders() {
    }

    /** The shipped name whose weights match {@code id}, or null. Loads candidates whose model id matches first. */
    static String nameOf(EncoderIdentity id) {
        for (boolean sameModelOnly : new boolean[] {true, false}) {
            for (String n : NAMES) {
                try (Encoder e = Encoders.byName(n)) {
                    if (sameModelOnly && !e.identity().modelId().equals(id.modelId())) {
                        continue;
                    }
                    if (e.identity().weightsFingerprint().equals(id.weightsFingerprint())) {
                        return n;
                    }
                } catch (RuntimeException unavailable) {
                    // not on the class path: try the next
                }
            }
        }
        return null;
    }
}
