package io.cohortlm.explain.persona;

import java.util.List;

/**
 * A segment's persona: a unique name and a short description.
 *
 * @param segmentKey   stable segment id
 * @param name         unique across the segmentation
 * @param description  a few sentences
 * @param language     {@code en} or {@code zh}
 * @param source       {@code template}, {@code llm} or {@code override} (a manual name over either)
 * @param faithfulness share of the checkable claims in name + description that the statistics support, in
 *                     [0, 1]; 1 when there is nothing to check
 * @param unsupported  the claims that failed the check, as readable notes
 */
public record Persona(String segmentKey, String name, String description, String language, String source,
        double faithfulness, List<String> unsupported) {
    public Persona {
        unsupported = List.copyOf(unsupported);
    }

    /** The same persona under another name (from a manual override). */
    public Persona withName(String newName) {
        return new Persona(segmentKey, newName, description, language, "override", faithfulness, unsupported);
    }
}
