package io.cohortlm.store;

import io.cohortlm.CohortException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * A dense float32 matrix on disk: 8-byte magic {@code CLMF32\0\1}, rows and cols as little-endian int32, then
 * rows × cols little-endian float32 values, row-major. No Java serialisation; readable from numpy with
 * {@code np.fromfile(f, '<f4', offset=16).reshape(rows, cols)}.
 */
public final class FloatMatrixFile {
    private static final byte[] MAGIC = {'C', 'L', 'M', 'F', '3', '2', 0, 1};
    private static final int HEADER = 16;

    private FloatMatrixFile() {
    }

    public static void write(Path file, float[][] rows, int cols) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer head = ByteBuffer.allocate(HEADER).order(ByteOrder.LITTLE_ENDIAN);
            head.put(MAGIC).putInt(rows.length).putInt(cols).flip();
            while (head.hasRemaining()) {
                ch.write(head);
            }
            ByteBuffer buf = ByteBuffer.allocate(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
            for (float[] row : rows) {
                if (row.length != cols) {
                    throw new IllegalArgumentException("every row must have " + cols + " columns, one had " + row.length);
                }
                for (float v : row) {
                    if (!buf.hasRemaining()) {
                        buf.flip();
                        while (buf.hasRemaining()) {
                            ch.write(buf);
                        }
                        buf.clear();
                    }
                    buf.putFloat(v);
                }
            }
            buf.flip();
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
        } catch (IOException e) {
            throw new CohortException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    public static float[][] read(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < HEADER) {
                throw new CohortException(file + ": not a CohortLM matrix file (too short)");
            }
            ByteBuffer head = ByteBuffer.allocate(HEADER).order(ByteOrder.LITTLE_ENDIAN);
            while (head.hasRemaining() && ch.read(head) >= 0) {
                // fill header
            }
            head.flip();
            byte[] magic = new byte[8];
            head.get(magic);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new CohortException(file + ": not a CohortLM matrix file (bad magic)");
            }
            int rows = head.getInt();
            int cols = head.getInt();
            long expected = HEADER + 4L * rows * cols;
            if (rows < 0 || cols < 0 || size != expected) {
                throw new CohortException(file + ": truncated or corrupt matrix file (header says " + rows + "x" + cols
                        + " = " + expected + " bytes, file has " + size + ")");
            }
            float[][] out = new float[rows][cols];
            long pos = HEADER;
            int r = 0;
            while (r < rows) {
                int chunkRows = (int) Math.min(rows - r, Math.max(1, (64L << 20) / Math.max(1, 4L * cols)));
                ByteBuffer bb = ch.map(FileChannel.MapMode.READ_ONLY, pos, 4L * chunkRows * cols)
                        .order(ByteOrder.LITTLE_ENDIAN);
                FloatBuffer fb = bb.asFloatBuffer();
                for (int i = 0; i < chunkRows; i++) {
                    fb.get(out[r + i]);
                }
                pos += 4L * chunkRows * cols;
                r += chunkRows;
            }
            return out;
        } catch (IOException e) {
            throw new CohortException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
