package io.cohortlm.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cohortlm.CohortException;
import java.io.Closeable;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Rows of one delimited (with header) or JSON Lines file, addressed by column name, for the mapped reader.
 * Empty values read as null. Not thread-safe.
 */
final class MappedRows implements Closeable {
    /** One row: either values or an error (then {@link #ok()} is false); blank lines have neither. */
    interface Row {
        long line();

        String raw();

        /** Null if the row is fine; else why it is bad. */
        String error();

        boolean blank();

        /** The value of a column, stripped; null if absent or empty. */
        String get(String column);

        /** The values of a multi-valued column: a JSON array, or text split on {@code separator}. */
        List<String> list(String column, String separator);

        default boolean ok() {
            return error() == null && !blank();
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final String file;
    private final TextLines lines;
    private final DelimitedRecords records;
    private final Map<String, Integer> header;
    private final List<String> headerNames;

    private MappedRows(String file, TextLines lines, DelimitedRecords records, List<String> headerNames) {
        this.file = file;
        this.lines = lines;
        this.records = records;
        this.headerNames = headerNames;
        this.header = new HashMap<>();
        if (headerNames != null) {
            for (int i = 0; i < headerNames.size(); i++) {
                header.putIfAbsent(headerNames.get(i), i);
            }
        }
    }

    /** Opens a delimited file and reads its header. */
    static MappedRows delimited(Path path, String file, Charset cs, char delimiter, Character quote,
            int maxLineBytes) {
        TextLines lines = new TextLines(InputFiles.open(path, "data"), cs, file, maxLineBytes);
        try {
            DelimitedRecords rec = new DelimitedRecords(lines, delimiter, quote);
            DelimitedRecords.Record h = rec.next();
            while (h != null && h.ok() && h.fields().isEmpty()) {
                h = rec.next();
            }
            if (h == null) {
                throw new CohortException(file + ": file is empty (expected a header line)");
            }
            if (!h.ok()) {
                throw new CohortException(file + ":" + h.line() + ": unreadable header: " + h.error());
            }
            List<String> names = new ArrayList<>();
            for (String s : h.fields()) {
                names.add(s.strip());
            }
            return new MappedRows(file, lines, rec, names);
        } catch (RuntimeException e) {
            lines.close();
            throw e;
        }
    }

    /** Opens a JSON Lines file (one object per line). */
    static MappedRows jsonLines(Path path, String file, Charset cs, int maxLineBytes) {
        return new MappedRows(file, new TextLines(InputFiles.open(path, "data"), cs, file, maxLineBytes), null, null);
    }

    /** Header names of a delimited file; null for JSON Lines. */
    List<String> columns() {
        return headerNames;
    }

    /**
     * Fails unless the delimited file's header has {@code column}, used for mapping key {@code key}; the
     * message lists the columns found and hints at a wrong delimiter when the header is one column.
     */
    void requireColumn(String column, String key, char delimiter) {
        if (headerNames == null || column == null || header.containsKey(column)) {
            return;
        }
        String hint = "";
        if (headerNames.size() == 1) {
            String only = headerNames.get(0);
            for (char c : new char[] {',', ';', '\t', '|'}) {
                if (c != delimiter && only.indexOf(c) >= 0) {
                    hint = " — the header is a single column containing '" + (c == '\t' ? "\\t" : String.valueOf(c))
                            + "': wrong delimiter? (set delimiter in the mapping)";
                    break;
                }
            }
        }
        throw new CohortException(file + ": column '" + column + "' (" + key + ") not found; columns are: "
                + String.join(", ", headerNames) + hint);
    }

    /** The next row, or null at end of input. */
    Row next() {
        return records != null ? nextDelimited() : nextJson();
    }

    private Row nextDelimited() {
        DelimitedRecords.Record r = records.next();
        if (r == null) {
            return null;
        }
        if (!r.ok()) {
            return new Failed(r.line(), r.raw(), r.error());
        }
        if (r.fields().isEmpty() || (r.fields().size() == 1 && r.fields().get(0).isBlank()
                && headerNames.size() > 1)) {
            return new Blank(r.line());
        }
        if (r.fields().size() != headerNames.size()) {
            return new Failed(r.line(), r.raw(), "expected " + headerNames.size() + " fields (as in the header), found "
                    + r.fields().size() + (r.fields().size() < headerNames.size() ? " (truncated line?)" : ""));
        }
        List<String> f = r.fields();
        return new Values(r.line(), r.raw()) {
            @Override
            public String get(String column) {
                Integer i = column == null ? null : header.get(column);
                if (i == null) {
                    return null;
                }
                String v = f.get(i).strip();
                return v.isEmpty() ? null : v;
            }

            @Override
            public List<String> list(String column, String separator) {
                String v = get(column);
                return v == null ? List.of() : List.of(MovieLensReader.split(v, separator));
            }
        };
    }

    private Row nextJson() {
        TextLines.Line l = lines.next();
        if (l == null) {
            return null;
        }
        if (l.tooLong()) {
            return new Failed(l.number(), l.text(), "line is " + l.bytes() + " bytes, longer than the limit");
        }
        if (l.text().isBlank()) {
            return new Blank(l.number());
        }
        JsonNode node;
        try {
            node = JSON.readTree(l.text());
        } catch (JsonProcessingException e) {
            return new Failed(l.number(), l.text(), "invalid JSON: " + e.getOriginalMessage().lines().findFirst()
                    .orElse(""));
        }
        if (node == null || !node.isObject()) {
            return new Failed(l.number(), l.text(), "expected a JSON object, found "
                    + (node == null ? "nothing" : node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT)));
        }
        return new Values(l.number(), l.text()) {
            @Override
            public String get(String column) {
                JsonNode v = column == null ? null : node.get(column);
                if (v == null || v.isNull() || v.isContainerNode()) {
                    return null;
                }
                String s = v.asText().strip();
                return s.isEmpty() ? null : s;
            }

            @Override
            public List<String> list(String column, String separator) {
                JsonNode v = column == null ? null : node.get(column);
                if (v == null || v.isNull()) {
                    return List.of();
                }
                if (v.isArray()) {
                    List<String> out = new ArrayList<>();
                    v.forEach(x -> out.add(x.asText()));
                    return out;
                }
                return List.of(MovieLensReader.split(v.asText(), separator));
            }
        };
    }

    private record Failed(long line, String raw, String error) implements Row {
        @Override
        public boolean blank() {
            return false;
        }

        @Override
        public String get(String column) {
            return null;
        }

        @Override
        public List<String> list(String column, String separator) {
            return List.of();
        }
    }

    private record Blank(long line) implements Row {
        @Override
        public String raw() {
            return "";
        }

        @Override
        public String error() {
            return null;
        }

        @Override
        public boolean blank() {
            return true;
        }

        @Override
        public String get(String column) {
            return null;
        }

        @Override
        public List<String> list(String column, String separator) {
            return List.of();
        }
    }

    private abstract static class Values implements Row {
        private final long line;
        private final String raw;

        Values(long line, String raw) {
            this.line = line;
            this.raw = raw;
        }

        @Override
        public long line() {
            return line;
        }

        @Override
        public String raw() {
            return raw;
        }

        @Override
        public String error() {
            return null;
        }

        @Override
        public boolean blank() {
            return false;
        }
    }

    @Override
    public void close() {
        lines.close();
    }
}
