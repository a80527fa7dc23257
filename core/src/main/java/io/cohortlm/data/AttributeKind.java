package io.cohortlm.data;

import java.util.Locale;

/** The type of a user or item attribute column. */
public enum AttributeKind {
    /** A number; missing values are {@code NaN}. */
    NUMERIC,
    /** One of a set of levels; missing values are code -1. */
    CATEGORICAL,
    /** Free text; missing values are {@code null}. */
    TEXT;

    /** Parses {@code numeric|categorical|text} (case-insensitive); null for anything else. */
    public static AttributeKind parse(String s) {
        if (s == null) {
            return null;
        }
        return switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "numeric", "number", "float", "int", "integer" -> NUMERIC;
            case "categorical", "category", "string" -> CATEGORICAL;
            case "text" -> TEXT;
            default -> null;
        };
    }
}
