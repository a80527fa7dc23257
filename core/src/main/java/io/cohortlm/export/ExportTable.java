package io.cohortlm.export;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A typed, in-memory table ready to be written in any export format (CSV, JSON Lines, Parquet). Built only by
 * {@link SegmentExports} after {@link DisclosureControl} has been applied, so every format sees the same, already
 * safe rows.
 *
 * @param name     table name (file stem), e.g. {@code segments}
 * @param columns  column names and types, in order
 * @param rows     rows, each with one value per column; a value is null only in a nullable column
 * @param metadata table-level notes (privacy floor, ε, pseudonymisation) written where a format allows
 */
public record ExportTable(String name, List<Column> columns, List<Object[]> rows, Map<String, String> metadata) {
    /** Value types; Java types are String, Long, Double and Boolean. */
    public enum Type { STRING, LONG, DOUBLE, BOOLEAN }

    /** One column. */
    public record Column(String name, Type type, boolean nullable) {
        public Column {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
        }
    }

    public ExportTable {
        Objects.requireNonNull(name, "name");
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
        metadata = Map.copyOf(new LinkedHashMap<>(metadata));
        for (int r = 0; r < rows.size(); r++) {
            Object[] row = rows.get(r);
            if (row.length != columns.size()) {
                throw new IllegalArgumentException("row " + r + " of table '" + name + "' has " + row.length
                        + " values, expected " + columns.size());
            }
            for (int c = 0; c < row.length; c++) {
                Column col = columns.get(c);
                Object v = row[c];
                if (v == null ? !col.nullable() : !typeMatches(col.type(), v)) {
                    throw new IllegalArgumentException("row " + r + " column '" + col.name() + "' must be "
                            + (col.nullable() ? "null or " : "") + col.type() + ", was " + v);
                }
            }
        }
    }

    private static boolean typeMatches(Type t, Object v) {
        return switch (t) {
            case STRING -> v instanceof String;
            case LONG -> v instanceof Long;
            case DOUBLE -> v instanceof Double;
            case BOOLEAN -> v instanceof Boolean;
        };
    }

    /** Index of a column by name, or -1. */
    public int columnIndex(String column) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(column)) {
                return i;
            }
        }
        return -1;
    }

    /** Builds a table row by row. */
    public static final class Builder {
        private final String name;
        private final List<Column> columns = new ArrayList<>();
        private final List<Object[]> rows = new ArrayList<>();
        private final Map<String, String> metadata = new LinkedHashMap<>();

        public Builder(String name) {
            this.name = name;
        }

        public Builder column(String column, Type type, boolean nullable) {
            columns.add(new Column(column, type, nullable));
            return this;
        }

        public Builder meta(String key, String value) {
            metadata.put(key, value);
            return this;
        }

        public Builder row(Object... values) {
            rows.add(values.clone());
            return this;
        }

        public ExportTable build() {
            return new ExportTable(name, columns, rows, metadata);
        }
    }
}
