package io.cohortlm.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DuckDB's own Parquet reader is the independent check that the hand-written files are valid. */
class ParquetTableWriterTest {
    @TempDir
    Path dir;

    static ExportTable sample(int rows) {
        ExportTable.Builder b = new ExportTable.Builder("t")
                .column("name", ExportTable.Type.STRING, false)
                .column("count", ExportTable.Type.LONG, false)
                .column("share", ExportTable.Type.DOUBLE, true)
                .column("flag", ExportTable.Type.BOOLEAN, false)
                .column("note", ExportTable.Type.STRING, true)
                .meta("cohortlm.min_segment_size", "10");
        for (int i = 0; i < rows; i++) {
            b.row("名前-" + i, (long) i * 1_000_000_007L, i % 3 == 0 ? null : i / 7.0, i % 2 == 0,
                    i % 5 == 0 ? "five" : null);
        }
        return b.build();
    }

    static List<List<Object>> readWithDuckDb(Path file, String sql) throws Exception {
        List<List<Object>> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql.replace("$F", "'" + file + "'"))) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    row.add(rs.getObject(i));
                }
                out.add(row);
            }
        }
        return out;
    }

    @Test
    void duckdb_reads_back_every_value_including_nulls_and_multiple_row_groups() throws Exception {
        Path f = dir.resolve("t.parquet");
        new ParquetTableWriter(7).write(sample(23), f);
        List<List<Object>> rows = readWithDuckDb(f, "SELECT name, count, share, flag, note FROM read_parquet($F)");
        assertEquals(23, rows.size());
        for (int i = 0; i < 23; i++) {
            List<Object> r = rows.get(i);
            assertEquals("名前-" + i, r.get(0));
            assertEquals((long) i * 1_000_000_007L, ((Number) r.get(1)).longValue());
            if (i % 3 == 0) {
                assertNull(r.get(2));
            } else {
                assertEquals(i / 7.0, ((Number) r.get(2)).doubleValue(), 0);
            }
            assertEquals(i % 2 == 0, r.get(3));
            assertEquals(i % 5 == 0 ? "five" : null, r.get(4));
        }
        List<List<Object>> meta = readWithDuckDb(f,
                "SELECT decode(key), decode(value) FROM parquet_kv_metadata($F)");
        assertEquals(List.of(List.of("cohortlm.min_segment_size", "10")), meta);
    }

    @Test
    void an_empty_table_is_a_valid_file() throws Exception {
        Path f = dir.resolve("e.parquet");
        new ParquetTableWriter().write(sample(0), f);
        assertEquals(List.of(List.of(0L)), readWithDuckDb(f, "SELECT count(*) FROM read_parquet($F)"));
    }
}
