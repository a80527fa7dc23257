package io.cohortlm.bench.kmeans;

import io.cohortlm.segment.Matrix;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a float matrix as a NumPy {@code .npy} file (format 1.0, little-endian float32, C order). */
final class Npy {
    private Npy() {
    }

    static void write(Matrix m, Path file) throws IOException {
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + m.rows() + ", " + m.cols() + "), }";
        int total = 10 + dict.length() + 1;
        int pad = (64 - total % 64) % 64;
        String header = dict + " ".repeat(pad) + "\n";
        try (OutputStream raw = Files.newOutputStream(file);
             DataOutputStream out = new DataOutputStream(new BufferedOutputStream(raw, 1 << 20))) {
            out.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
            int len = header.length();
            out.write(len & 0xff);
            out.write(len >>> 8);
            out.write(header.getBytes(StandardCharsets.US_ASCII));
            ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
            for (float v : m.data()) {
                if (!buf.hasRemaining()) {
                    out.write(buf.array(), 0, buf.position());
                    buf.clear();
                }
                buf.putFloat(v);
            }
            out.write(buf.array(), 0, buf.position());
        }
    }
}
