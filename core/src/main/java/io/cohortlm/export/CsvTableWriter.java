package io.cohortlm.export;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * RFC 4180 CSV with a header row; null is an empty field, booleans {@code true/false}, doubles in Java's
 * shortest round-trip form. Table metadata is written as leading {@code # key: value} comment lines only if
 * {@code comments} is true (many CSV readers choke on comments, so the default is off and the notes live in
 * the rows' own {@code note} columns).
 */
public record CsvTableWriter(boolean comments) implements TableWriter {
    public CsvTableWriter() {
        this(false);
    }

    @Override
    public String extension() {
        return "csv";
    }

    @Override
    public void write(ExportTable table, Path file) throws IOException {
        List<String> header = new ArrayList<>();
        table.columns().forEach(c -> header.add(c.name()));
        CSVFormat.Builder fmt = CSVFormat.RFC4180.builder().setHeader(header.toArray(String[]::new));
        if (comments && !table.metadata().isEmpty()) {
            StringBuilder sb = new StringBuilder();
            for (Map.Entry<String, String> e : table.metadata().entrySet()) {
                sb.append(sb.isEmpty() ? "" : "\n").append(e.getKey()).append(": ").append(e.getValue());
            }
            fmt.setCommentMarker('#').setHeaderComments(sb.toString());
        }
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
                CSVPrinter p = new CSVPrinter(w, fmt.get())) {
            for (Object[] row : table.rows()) {
                p.printRecord(row);
            }
        }
    }
}
