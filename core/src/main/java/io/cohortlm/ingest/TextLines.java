package io.cohortlm.ingest;

import io.cohortlm.CohortException;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Physical lines of a text file, decoded strictly. Accepts {@code \n}, {@code \r\n} and lone {@code \r} line
 * ends, mixed in one file; strips a UTF-8 byte-order mark; numbers lines from 1. A byte sequence that is not
 * valid in the charset stops reading with a {@link CohortException} naming file and line (the file as a whole
 * is unusable: guessing would corrupt text silently). Lines longer than the bound come back as
 * {@link Line#tooLong()} with a cut prefix, so the caller can reject just that row. Not thread-safe.
 */
public final class TextLines implements Closeable {
    /** One physical line. {@code text} is cut to a prefix when {@code tooLong}. */
    public record Line(long number, String text, boolean tooLong, long bytes) {
    }

    private static final int PREFIX = 256;
    private final InputStream in;
    private final String file;
    private final CharsetDecoder decoder;
    private final boolean ascii7Fast;
    private final int maxLineBytes;
    private final byte[] buf = new byte[1 << 16];
    private int pos;
    private int lim;
    private boolean eof;
    private byte[] line = new byte[256];
    private long number;
    private boolean first = true;

    public TextLines(InputStream in, Charset charset, String file, int maxLineBytes) {
        this.in = in;
        this.file = file;
        this.decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        this.ascii7Fast = charset.equals(StandardCharsets.UTF_8) || charset.equals(StandardCharsets.US_ASCII)
                || charset.equals(StandardCharsets.ISO_8859_1);
        this.maxLineBytes = maxLineBytes;
    }

    /** The next line, or null at end of input. */
    public Line next() {
        int len = 0;
        long total = 0;
        boolean sawAny = false;
        while (true) {
            if (pos >= lim && !fill()) {
                if (!sawAny) {
                    return null;
                }
                break;
            }
            sawAny = true;
            byte b = buf[pos++];
            if (b == '\n') {
                break;
            }
            if (b == '\r') {
                if (pos >= lim) {
                    fill();
                }
                if (pos < lim && buf[pos] == '\n') {
                    pos++;
                }
                break;
            }
            total++;
            if (total <= maxLineBytes) {
                if (len == line.length) {
                    line = Arrays.copyOf(line, Math.min(maxLineBytes, line.length * 2));
                }
                line[len++] = b;
            }
        }
        number++;
        int start = 0;
        if (first) {
            first = false;
            if (len >= 3 && (line[0] & 0xff) == 0xEF && (line[1] & 0xff) == 0xBB && (line[2] & 0xff) == 0xBF) {
                start = 3;
                total -= 3;
            }
        }
        if (total > maxLineBytes) {
            return new Line(number, decodeLenient(start, Math.min(len - start, PREFIX)), true, total);
        }
        return new Line(number, decode(start, len - start), false, total);
    }

    /** Number of the last line returned (0 before the first). */
    public long lineNumber() {
        return number;
    }

    private String decode(int off, int n) {
        if (ascii7Fast && isAscii(off, n)) {
            return new String(line, off, n, StandardCharsets.ISO_8859_1);
        }
        try {
            return decoder.reset().decode(ByteBuffer.wrap(line, off, n)).toString();
        } catch (CharacterCodingException e) {
            int bad = firstBadByte(off, n);
            throw new CohortException(file + ":" + number + ": invalid " + decoder.charset().name()
                    + " byte sequence at column " + (bad + 1) + " (byte 0x"
                    + Integer.toHexString(line[off + bad] & 0xff) + "); re-encode the file as "
                    + decoder.charset().name() + " or declare its encoding (e.g. encoding: ISO-8859-1)");
        }
    }

    private int firstBadByte(int off, int n) {
        for (int k = 1; k <= n; k++) {
            try {
                decoder.reset().decode(ByteBuffer.wrap(line, off, k));
            } catch (CharacterCodingException e) {
                // the sequence starting just before k is incomplete or invalid; report where it starts
                int i = k - 1;
                while (i > 0 && (line[off + i] & 0xC0) == 0x80) {
                    i--;
                }
                return i;
            }
        }
        return Math.max(0, n - 1);
    }

    private String decodeLenient(int off, int n) {
        return new String(line, off, n, decoder.charset());
    }

    private boolean isAscii(int off, int n) {
        for (int i = off; i < off + n; i++) {
            if (line[i] < 0) {
                return false;
            }
        }
        return true;
    }

    private boolean fill() {
        if (eof) {
            return false;
        }
        try {
            int n = in.read(buf, 0, buf.length);
            if (n <= 0) {
                eof = n < 0;
                if (n == 0) {
                    return fill();
                }
                return false;
            }
            pos = 0;
            lim = n;
            return true;
        } catch (java.util.zip.ZipException e) {
            throw new CohortException(file + ": corrupt gzip data near line " + (number + 1) + ": " + e.getMessage(), e);
        } catch (java.io.EOFException e) {
            throw new CohortException(file + ": file ends unexpectedly (truncated gzip?) near line " + (number + 1), e);
        } catch (IOException e) {
            throw new CohortException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            // nothing was written; a failed close of an input cannot lose data
        }
    }
}
