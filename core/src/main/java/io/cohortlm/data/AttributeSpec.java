package io.cohortlm.data;

import java.util.Objects;

/**
 * Declares one attribute column.
 *
 * @param name     column name as it appears in the normalised dataset
 * @param kind     numeric, categorical or free text
 * @param personal true if the values are personal data: they are redacted before any text leaves the process
 *                 and never appear in exports
 */
public record AttributeSpec(String name, AttributeKind kind, boolean personal) {
    public AttributeSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        if (name.isBlank()) {
            throw new IllegalArgumentException("attribute name must not be blank");
        }
    }
}
