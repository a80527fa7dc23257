package io.cohortlm.export;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A minimal Apache Parquet writer for flat {@link ExportTable}s, written by hand so the product does not pull
 * parquet-hadoop (and with it Hadoop) onto the class path: format version 1, one data page (v1) per column per
 * row group, PLAIN encoding, UNCOMPRESSED, definition levels (RLE) for nullable columns, footer in the Thrift
 * compact protocol. Types: STRING → BYTE_ARRAY (UTF8 / STRING logical type), LONG → INT64, DOUBLE → DOUBLE,
 * BOOLEAN → BOOLEAN. Table metadata goes to the footer's key-value metadata.
 * <p>Verified by reading the files back with DuckDB's Parquet reader in the tests. No statistics, dictionaries,
 * compression or nested types: export tables are small and flat.
 * Spec: https://github.com/apache/parquet-format (parquet.thrift).
 */
public final class ParquetTableWriter implements TableWriter {
    private static final byte[] MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);
    // parquet.thrift enum values
    private static final int T_BOOLEAN = 0;
    private static final int T_INT64 = 2;
    private static final int T_DOUBLE = 5;
    private static final int T_BYTE_ARRAY = 6;
    private static final int REQUIRED = 0;
    private static final int OPTIONAL = 1;
    private static final int CONVERTED_UTF8 = 0;
    private static final int ENC_PLAIN = 0;
    private static final int ENC_RLE = 3;
    private static final int CODEC_UNCOMPRESSED = 0;
    private static final int PAGE_DATA = 0;

    private final int rowGroupRows;

    /** A writer with row groups of at most 1,000,000 rows. */
    public ParquetTableWriter() {
        this(1_000_000);
    }

    /** @param rowGroupRows most rows per row group, ≥ 1 */
    public ParquetTableWriter(int rowGroupRows) {
        if (rowGroupRows < 1) {
            throw new IllegalArgumentException("rowGroupRows must be ≥ 1, was " + rowGroupRows);
        }
        this.rowGroupRows = rowGroupRows;
    }

    @Override
    public String extension() {
        return "parquet";
    }

    @Override
    public void write(ExportTable table, Path file) throws IOException {
        try (OutputStream os = Files.newOutputStream(file)) {
            os.write(toBytes(table));
        }
    }

    /** The whole file as bytes. */
    public byte[] toBytes(ExportTable table) {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.writeBytes(MAGIC);
        List<ExportTable.Column> cols = table.columns();
        List<long[]> groups = new ArrayList<>(); // per group: rows, then per column: offset, size
        int n = table.rows().size();
        for (int start = 0; start < n || (n == 0 && start == 0); start += rowGroupRows) {
            int end = Math.min(n, start + rowGroupRows);
            long[] g = new long[1 + 2 * cols.size()];
            g[0] = end - start;
            for (int c = 0; c < cols.size(); c++) {
                byte[] page = page(table, c, start, end);
                g[1 + 2 * c] = file.size();
                g[2 + 2 * c] = page.length;
                file.writeBytes(page);
            }
            groups.add(g);
            if (n == 0) {
                break;
            }
        }
        byte[] footer = footer(table, groups, n);
        file.writeBytes(footer);
        file.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(footer.length).array());
        file.writeBytes(MAGIC);
        return file.toByteArray();
    }

    private static byte[] page(ExportTable table, int c, int start, int end) {
        ExportTable.Column col = table.columns().get(c);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int count = end - start;
        if (col.nullable()) {
            byte[] levels = definitionLevels(table.rows(), c, start, end);
            body.writeBytes(le32(levels.length));
            body.writeBytes(levels);
        }
        int bits = 0;
        int bitCount = 0;
        for (int r = start; r < end; r++) {
            Object v = table.rows().get(r)[c];
            if (v == null) {
                continue;
            }
            switch (col.type()) {
                case STRING -> {
                    byte[] b = ((String) v).getBytes(StandardCharsets.UTF_8);
                    body.writeBytes(le32(b.length));
                    body.writeBytes(b);
                }
                case LONG -> body.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN)
                        .putLong((Long) v).array());
                case DOUBLE -> body.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN)
                        .putDouble((Double) v).array());
                case BOOLEAN -> {
                    // PLAIN booleans are bit-packed, least significant bit first.
                    if ((Boolean) v) {
                        bits |= 1 << bitCount;
                    }
                    if (++bitCount == 8) {
                        body.write(bits);
                        bits = 0;
                        bitCount = 0;
                    }
                }
                default -> throw new IllegalStateException();
            }
        }
        if (bitCount > 0) {
            body.write(bits);
        }
        byte[] data = body.toByteArray();
        ThriftCompactWriter h = new ThriftCompactWriter();
        h.beginStructValue();
        h.i32(1, PAGE_DATA);
        h.i32(2, data.length);
        h.i32(3, data.length);
        h.beginStruct(5);
        h.i32(1, count);
        h.i32(2, ENC_PLAIN);
        h.i32(3, ENC_RLE);
        h.i32(4, ENC_RLE);
        h.endStruct();
        h.endStruct();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(h.toByteArray());
        out.writeBytes(data);
        return out.toByteArray();
    }

    /** RLE/bit-packing hybrid with bit width 1, RLE runs only: header varint(count << 1), then one byte. */
    private static byte[] definitionLevels(List<Object[]> rows, int c, int start, int end) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int r = start;
        while (r < end) {
            int level = rows.get(r)[c] == null ? 0 : 1;
            int run = 1;
            while (r + run < end && (rows.get(r + run)[c] == null ? 0 : 1) == level) {
                run++;
            }
            long header = (long) run << 1;
            while ((header & ~0x7FL) != 0) {
                out.write((int) ((header & 0x7F) | 0x80));
                header >>>= 7;
            }
            out.write((int) header);
            out.write(level);
            r += run;
        }
        return out.toByteArray();
    }

    private static byte[] footer(ExportTable table, List<long[]> groups, int numRows) {
        List<ExportTable.Column> cols = table.columns();
        ThriftCompactWriter w = new ThriftCompactWriter();
        w.beginStructValue();
        w.i32(1, 1);
        w.beginList(2, ThriftCompactWriter.STRUCT, cols.size() + 1);
        w.beginStructValue();
        w.string(4, "schema");
        w.i32(5, cols.size());
        w.endStruct();
        for (ExportTable.Column col : cols) {
            w.beginStructValue();
            w.i32(1, physical(col.type()));
            w.i32(3, col.nullable() ? OPTIONAL : REQUIRED);
            w.string(4, col.name());
            if (col.type() == ExportTable.Type.STRING) {
                w.i32(6, CONVERTED_UTF8);
                w.beginStruct(10); // LogicalType union: field 1 = STRING (empty struct)
                w.beginStruct(1);
                w.endStruct();
                w.endStruct();
            }
            w.endStruct();
        }
        w.i64(3, numRows);
        w.beginList(4, ThriftCompactWriter.STRUCT, groups.size());
        for (long[] g : groups) {
            w.beginStructValue();
            w.beginList(1, ThriftCompactWriter.STRUCT, cols.size());
            long total = 0;
            for (int c = 0; c < cols.size(); c++) {
                ExportTable.Column col = cols.get(c);
                long offset = g[1 + 2 * c];
                long size = g[2 + 2 * c];
                total += size;
                w.beginStructValue();
                w.i64(2, offset);
                w.beginStruct(3);
                w.i32(1, physical(col.type()));
                w.beginList(2, ThriftCompactWriter.I32, 2);
                w.i32Value(ENC_PLAIN);
                w.i32Value(ENC_RLE);
                w.beginList(3, ThriftCompactWriter.BINARY, 1);
                w.binaryValue(col.name().getBytes(StandardCharsets.UTF_8));
                w.i32(4, CODEC_UNCOMPRESSED);
                w.i64(5, g[0]);
                w.i64(6, size);
                w.i64(7, size);
                w.i64(9, offset);
                w.endStruct();
                w.endStruct();
            }
            w.i64(2, total);
            w.i64(3, g[0]);
            w.endStruct();
        }
        Map<String, String> meta = table.metadata();
        if (!meta.isEmpty()) {
            w.beginList(5, ThriftCompactWriter.STRUCT, meta.size());
            meta.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
                w.beginStructValue();
                w.string(1, e.getKey());
                w.string(2, e.getValue());
                w.endStruct();
            });
        }
        w.string(6, "cohortlm parquet writer 1");
        w.endStruct();
        return w.toByteArray();
    }

    private static int physical(ExportTable.Type t) {
        return switch (t) {
            case STRING -> T_BYTE_ARRAY;
            case LONG -> T_INT64;
            case DOUBLE -> T_DOUBLE;
            case BOOLEAN -> T_BOOLEAN;
        };
    }

    private static byte[] le32(int v) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array();
    }
}
