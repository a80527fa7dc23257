package io.cohortlm.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Logical records of a delimited text file, split with Apache Commons CSV one record at a time so that one bad
 * record (stray quote, enormous line) costs one row, not the rest of the file. A quoted field may span up to
 * {@link #MAX_RECORD_LINES} physical lines; a quote left open longer (or at end of input) rejects only the line
 * where it opened, and reading resumes on the next line. Not thread-safe.
 */
public final class DelimitedRecords {
    /** Most physical lines one record may span. */
    static final int MAX_RECORD_LINES = 100;

    /** A record: its fields, or why it is bad ({@code fields == null}). Line is where the record starts. */
    public record Record(long line, String raw, List<String> fields, String error) {
        public boolean ok() {
            return error == null;
        }
    }

    private final TextLines lines;
    private final CSVFormat format;
    private final Character quote;
    private final char delimiter;
    private final Deque<TextLines.Line> pending = new ArrayDeque<>();
    private final boolean alwaysCommonsCsv;

    /** Records split by Commons CSV, except lines without a quote character, which are split directly. */
    public DelimitedRecords(TextLines lines, char delimiter, Character quote) {
        this(lines, delimiter, quote, false);
    }

    /**
     * @param alwaysCommonsCsv true to hand every record to Commons CSV, even one without quotes (a reference path
     *                         to check faster parsers against); false to split quote-free lines directly, which
     *                         gives the same fields (RFC 4180) without building a parser per line
     */
    public DelimitedRecords(TextLines lines, char delimiter, Character quote, boolean alwaysCommonsCsv) {
        this.alwaysCommonsCsv = alwaysCommonsCsv;
        this.lines = lines;
        this.delimiter = delimiter;
        this.quote = quote;
        this.format = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setQuote(quote)
                .setIgnoreEmptyLines(false).setRecordSeparator("\n").get();
    }

    private TextLines.Line nextLine() {
        return pending.isEmpty() ? lines.next() : pending.pollFirst();
    }

    /** The next record, or null at end of input. Blank lines come back as records with zero fields. */
    public Record next() {
        TextLines.Line first = nextLine();
        if (first == null) {
            return null;
        }
        if (first.tooLong()) {
            return new Record(first.number(), first.text(), null, "line is " + first.bytes()
                    + " bytes, longer than the limit (enormous field or missing line ends?)");
        }
        if (first.text().isEmpty()) {
            return new Record(first.number(), "", List.of(), null);
        }
        String raw = first.text();
        if (quote != null && opensQuote(raw)) {
            List<TextLines.Line> used = new ArrayList<>();
            StringBuilder sb = new StringBuilder(raw);
            boolean closed = false;
            while (used.size() < MAX_RECORD_LINES) {
                TextLines.Line l = nextLine();
                if (l == null) {
                    break;
                }
                used.add(l);
                if (l.tooLong()) {
                    break;
                }
                sb.append('\n').append(l.text());
                if (!opensQuote(sb)) {
                    closed = true;
                    break;
                }
            }
            if (!closed) {
                for (int i = used.size() - 1; i >= 0; i--) {
                    pending.addFirst(used.get(i));
                }
                return new Record(first.number(), raw, null, "unterminated quoted field (quote opened on this "
                        + "line is not closed)");
            }
            raw = sb.toString();
        }
        return parse(first.number(), raw);
    }

    private Record parse(long line, String raw) {
        if (!alwaysCommonsCsv && (quote == null || raw.indexOf(quote) < 0) && raw.indexOf('\n') < 0) {
            return new Record(line, raw, split(raw), null);
        }
        try (CSVParser p = CSVParser.parse(raw, format)) {
            List<CSVRecord> recs = p.getRecords();
            if (recs.size() != 1) {
                return new Record(line, raw, null, "expected one record, found " + recs.size());
            }
            return new Record(line, raw, recs.get(0).toList(), null);
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            String m = e instanceof UncheckedIOException u ? u.getCause().getMessage() : e.getMessage();
            return new Record(line, raw, null, "malformed quoting: " + shorten(m));
        }
    }

    private List<String> split(String raw) {
        List<String> out = new ArrayList<>();
        int from = 0;
        while (true) {
            int i = raw.indexOf(delimiter, from);
            if (i < 0) {
                out.add(raw.substring(from));
                return out;
            }
            out.add(raw.substring(from, i));
            from = i + 1;
        }
    }

    private static String shorten(String m) {
        if (m == null) {
            return "unparseable";
        }
        String one = m.replace('\n', ' ');
        return one.length() > 160 ? one.substring(0, 160) + "…" : one;
    }

    /** True if RFC 4180 scanning of {@code s} ends inside a quoted field (a quote only opens at field start). */
    private boolean opensQuote(CharSequence s) {
        char q = quote;
        boolean inQuote = false;
        boolean fieldStart = true;
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (inQuote) {
                if (c == q) {
                    if (i + 1 < n && s.charAt(i + 1) == q) {
                        i++;
                    } else {
                        inQuote = false;
                    }
                }
            } else if (c == q && fieldStart) {
                inQuote = true;
                fieldStart = false;
            } else {
                fieldStart = c == delimiter || c == '\n';
            }
        }
        return inQuote;
    }
}
