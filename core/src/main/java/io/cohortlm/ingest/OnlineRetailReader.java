package io.cohortlm.ingest;

import io.cohortlm.CohortException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads the UCI Online Retail CSV (plain or gzip): invoice lines become {@code purchase} events (value =
 * quantity, price = unit price, time = InvoiceDate as UTC), stock codes become items titled by their
 * description, customers become users with a categorical {@code country}. Rows that are not customer purchases
 * are excluded by named reason (see {@link OnlineRetailAssembler}); the summary's {@code details} carry
 * {@code customers_seen} and {@code customers_all_rows_excluded}.
 * <p>Two parsers give identical results: {@link Parser#FAST} (default: a byte-level parser for this known
 * layout, gunzip on a second thread) and {@link Parser#COMMONS_CSV} (the generic Apache Commons CSV path, kept
 * as the reference the fast one is checked against).
 */
public final class OnlineRetailReader implements DataSource {
    /** Column names, in order, as in the UCI file. */
    static final List<String> COLUMNS = List.of("InvoiceNo", "StockCode", "Description", "Quantity", "InvoiceDate",
            "UnitPrice", "CustomerID", "Country");
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss", Locale.ROOT)
            .withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm", Locale.ROOT)
            .withResolverStyle(ResolverStyle.STRICT);

    private record Row(long line, String raw) {
    }

    /** Which parser splits the lines. */
    public enum Parser { FAST, COMMONS_CSV }

    private final Path file;
    private final Parser parser;

    public OnlineRetailReader(Path file) {
        this(file, Parser.FAST);
    }

    public OnlineRetailReader(Path file, Parser parser) {
        this.file = Objects.requireNonNull(file, "file");
        this.parser = Objects.requireNonNull(parser, "parser");
    }

    @Override
    public IngestResult read(IngestOptions options) {
        InputFiles.requireFile(file, "online-retail");
        FileTally tally = new FileTally(file.getFileName().toString());
        try (BadRows bad = new BadRows(options)) {
            OnlineRetailAssembler asm = new OnlineRetailAssembler(tally, bad);
            if (parser == Parser.FAST) {
                new OnlineRetailFastParser(file, tally.file(), options.maxLineBytes()).parse(asm);
            } else {
                readWithCommonsCsv(asm, tally.file(), options);
            }
            return asm.finish("online-retail:" + file);
        }
    }

    /** Fails unless the header names the eight UCI columns in order (case and surrounding blanks ignored). */
    static void checkHeader(String file, List<String> header) {
        if (header.size() == 1 && COLUMNS.size() > 1) {
            throw new CohortException(file + ": header has a single column '" + header.get(0)
                    + "'; expected comma-separated columns " + String.join(",", COLUMNS) + " (wrong delimiter?)");
        }
        boolean ok = header.size() == COLUMNS.size();
        for (int i = 0; ok && i < COLUMNS.size(); i++) {
            ok = COLUMNS.get(i).equalsIgnoreCase(header.get(i).strip());
        }
        if (!ok) {
            throw new CohortException(file + ": not the Online Retail layout; expected columns "
                    + String.join(",", COLUMNS) + ", found " + String.join(",", header));
        }
    }

    /**
     * The reference path: one streaming Commons CSV parser over a strictly decoded reader. Unlike the fast parser
     * it cannot resume after malformed quoting, so that stops the run whatever the bad-row policy.
     */
    private void readWithCommonsCsv(OnlineRetailAssembler asm, String name, IngestOptions options) {
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        long line = 0;
        try (PushbackReader in = new PushbackReader(new BufferedReader(new InputStreamReader(
                InputFiles.open(file, "online-retail"), utf8), 1 << 16));
                CSVParser p = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(false).get().parse(skipBom(in))) {
            boolean header = true;
            for (CSVRecord rec : p) {
                line = rec.getRecordNumber();
                List<String> f = rec.toList();
                if (header) {
                    checkHeader(name, f);
                    header = false;
                } else if (f.size() == 1 && f.get(0).isEmpty()) {
                    asm.blank();
                } else if (f.size() != COLUMNS.size()) {
                    asm.reject(line, String.join(",", f), "expected " + COLUMNS.size() + " fields, found " + f.size()
                            + (f.size() < COLUMNS.size() ? " (truncated line?)" : ""));
                } else {
                    row(asm, line, String.join(",", f), f);
                }
            }
            if (header) {
                throw new CohortException(name + ": file is empty (expected a header line)");
            }
        } catch (IOException | UncheckedIOException e) {
            Throwable c = e instanceof UncheckedIOException u ? u.getCause() : e;
            if (c instanceof CharacterCodingException) {
                throw new CohortException(name + ":" + (line + 1) + ": invalid UTF-8 byte sequence; re-encode the "
                        + "file as UTF-8", e);
            }
            if (c instanceof java.io.EOFException || c instanceof java.util.zip.ZipException) {
                throw new CohortException(name + ": file ends unexpectedly (truncated gzip?) near line " + (line + 1),
                        e);
            }
            throw new CohortException(name + ":" + (line + 1) + ": malformed CSV: " + c.getMessage(), e);
        }
    }

    private static Reader skipBom(PushbackReader in) throws IOException {
        int c = in.read();
        if (c >= 0 && c != '\uFEFF') {
            in.unread(c);
        }
        return in;
    }

    private static void row(OnlineRetailAssembler asm, long lineNo, String raw, List<String> f) {
        Row r = new Row(lineNo, raw);
        String invoice = f.get(0).strip();
        if (invoice.isEmpty()) {
            asm.reject(r.line(), r.raw(), "empty InvoiceNo");
            return;
        }
        String code = f.get(1).strip();
        if (code.isEmpty()) {
            asm.reject(r.line(), r.raw(), "empty StockCode");
            return;
        }
        int qty;
        try {
            qty = Integer.parseInt(f.get(3).strip());
        } catch (NumberFormatException e) {
            asm.reject(r.line(), r.raw(), "bad Quantity '" + f.get(3) + "' (expected an integer)");
            return;
        }
        long time;
        try {
            String d = f.get(4).strip();
            time = LocalDateTime.parse(d, d.length() == 16 ? MINUTES : SECONDS).toEpochSecond(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            asm.reject(r.line(), r.raw(), "bad InvoiceDate '" + f.get(4) + "' (expected yyyy-MM-dd HH:mm:ss)");
            return;
        }
        double price;
        try {
            price = Double.parseDouble(f.get(5).strip());
        } catch (NumberFormatException e) {
            price = Double.NaN;
        }
        if (!Double.isFinite(price)) {
            asm.reject(r.line(), r.raw(), "bad UnitPrice '" + f.get(5) + "' (expected a decimal number)");
            return;
        }
        String stripped = f.get(2).strip();
        String desc = stripped.isEmpty() ? null : stripped;
        String customer = f.get(6).strip();
        if (customer.endsWith(".0")) {
            customer = customer.substring(0, customer.length() - 2);
        }
        asm.row(invoice.charAt(0) == 'C' || invoice.charAt(0) == 'c', code, desc != null, () -> desc, qty, time,
                price, customer.isEmpty() ? null : customer, f.get(7).strip());
    }
}
