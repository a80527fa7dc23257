package io.cohortlm.ingest;

import io.cohortlm.CohortException;
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

    private void readWithCommonsCsv(OnlineRetailAssembler asm, String name, IngestOptions options) {
        try (TextLines lines = new TextLines(InputFiles.open(file, "online-retail"), StandardCharsets.UTF_8, name,
                options.maxLineBytes())) {
            DelimitedRecords records = new DelimitedRecords(lines, ',', '"', true);
            DelimitedRecords.Record header = records.next();
            if (header == null) {
                throw new CohortException(name + ": file is empty (expected a header line)");
            }
            if (!header.ok()) {
                throw new CohortException(name + ":" + header.line() + ": unreadable header: " + header.error());
            }
            checkHeader(name, header.fields());
            for (DelimitedRecords.Record r = records.next(); r != null; r = records.next()) {
                if (!r.ok()) {
                    asm.reject(r.line(), r.raw(), r.error());
                } else if (r.fields().isEmpty()) {
                    asm.blank();
                } else if (r.fields().size() != COLUMNS.size()) {
                    asm.reject(r.line(), r.raw(), "expected " + COLUMNS.size() + " fields, found " + r.fields().size()
                            + (r.fields().size() < COLUMNS.size() ? " (truncated line?)" : ""));
                } else {
                    row(asm, r);
                }
            }
        }
    }

    private static void row(OnlineRetailAssembler asm, DelimitedRecords.Record r) {
        List<String> f = r.fields();
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
