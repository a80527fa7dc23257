package io.cohortlm.export;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The few pieces of the Thrift compact protocol that a Parquet footer and page header need: struct fields of
 * type i32, i64, binary, bool, list and nested struct. Field ids must increase inside a struct.
 * Spec: https://github.com/apache/thrift/blob/master/doc/specs/thrift-compact-protocol.md
 */
final class ThriftCompactWriter {
    static final int BOOL_TRUE = 1;
    static final int BOOL_FALSE = 2;
    static final int I32 = 5;
    static final int I64 = 6;
    static final int BINARY = 8;
    static final int LIST = 9;
    static final int STRUCT = 12;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final Deque<Integer> lastIds = new ArrayDeque<>();
    private int lastId;

    byte[] toByteArray() {
        return out.toByteArray();
    }

    private void fieldHeader(int id, int type) {
        int delta = id - lastId;
        if (delta > 0 && delta <= 15) {
            out.write((delta << 4) | type);
        } else {
            out.write(type);
            varint(zigzag(id));
        }
        lastId = id;
    }

    void i32(int id, int v) {
        fieldHeader(id, I32);
        varint(zigzag(v));
    }

    void i64(int id, long v) {
        fieldHeader(id, I64);
        varint(zigzag(v));
    }

    void bool(int id, boolean v) {
        fieldHeader(id, v ? BOOL_TRUE : BOOL_FALSE);
    }

    void string(int id, String s) {
        fieldHeader(id, BINARY);
        binaryValue(s.getBytes(StandardCharsets.UTF_8));
    }

    /** Starts a struct-typed field; close it with {@link #endStruct()}. */
    void beginStruct(int id) {
        fieldHeader(id, STRUCT);
        beginStructValue();
    }

    /** Starts a struct value (a list element or the top-level struct). */
    void beginStructValue() {
        lastIds.push(lastId);
        lastId = 0;
    }

    void endStruct() {
        out.write(0);
        lastId = lastIds.pop();
    }

    /** Starts a list field of {@code size} elements of {@code elemType}; then write the elements' values. */
    void beginList(int id, int elemType, int size) {
        fieldHeader(id, LIST);
        if (size < 15) {
            out.write((size << 4) | elemType);
        } else {
            out.write(0xF0 | elemType);
            varint(size);
        }
    }

    void i32Value(int v) {
        varint(zigzag(v));
    }

    void binaryValue(byte[] b) {
        varint(b.length);
        out.write(b, 0, b.length);
    }

    private static long zigzag(long v) {
        return (v << 1) ^ (v >> 63);
    }

    private void varint(long v) {
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }
}
