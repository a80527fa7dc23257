package io.cohortlm.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** JSON Lines: one object per row, keys in column order, null kept as JSON null. Metadata is not written. */
public final class JsonLinesTableWriter implements TableWriter {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String extension() {
        return "jsonl";
    }

    @Override
    public void write(ExportTable table, Path file) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (Object[] row : table.rows()) {
                ObjectNode o = JSON.createObjectNode();
                for (int c = 0; c < row.length; c++) {
                    o.putPOJO(table.columns().get(c).name(), row[c]);
                }
                w.write(JSON.writeValueAsString(o));
                w.write('\n');
            }
        }
    }
}
