package io.cohortlm.ingest;

import io.cohortlm.CohortException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A byte-level parser for the known Online Retail layout (8 comma-separated fields, RFC 4180 quotes, UTF-8).
 * Splits fields in place, parses numbers and {@code yyyy-MM-dd HH:mm[:ss]} dates without building strings, and
 * reuses strings of repeated stock codes, customers and countries through small bounded caches, decodes a
 * Description only when a new item needs its title, and parses an InvoiceDate only when it differs from the
 * previous row's (rows of one invoice share it). Agrees with the Commons CSV path on every well-formed file
 * (checked on the full file by {@code bench/run ingest} and on the sample by the tests). On malformed input it
 * is the more forgiving: malformed quoting rejects one row (Commons CSV stops), a quoted field spanning lines is
 * rejected (Commons CSV joins it); a line over the length limit stops the run.
 */
final class OnlineRetailFastParser {
    private static final int FIELDS = 8;
    private static final double[] POW10 = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13,
        1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
    private final Path file;
    private final String name;
    private final int maxLineBytes;
    private final int[] fs = new int[FIELDS];
    private final int[] fe = new int[FIELDS];
    private final boolean[] fq = new boolean[FIELDS];
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private byte[] b;
    private final byte[] lastTimeBytes = new byte[32];
    private int lastTimeLen = -1;
    private long lastTime;
    private long line;
    private final AsciiStringCache codes = new AsciiStringCache(16_384);
    private final AsciiStringCache customers = new AsciiStringCache(16_384);
    private final AsciiStringCache countries = new AsciiStringCache(256);
    private final OnlineRetailAssembler.Description description = () -> str(2);
    private String lastCustomer;
    private String lastCountry;
    private int nfields;
    private String splitError;

    OnlineRetailFastParser(Path file, String name, int maxLineBytes) {
        this.file = file;
        this.name = name;
        this.maxLineBytes = maxLineBytes;
    }

    void parse(OnlineRetailAssembler asm) {
        try (ChunkedInput in = new ChunkedInput(file, maxLineBytes)) {
            boolean header = true;
            for (ChunkedInput.Chunk c = in.next(); c != null; c = in.next()) {
                b = c.data();
                int n = c.length();
                int p = 0;
                while (p < n) {
                    line++;
                    int e;
                    if (header) {
                        e = scanEol(p, n);
                        header(p, e);
                        header = false;
                    } else {
                        e = splitLine(p, n);
                        row(asm, p, e);
                    }
                    p = e;
                    if (p < n && b[p] == '\r') {
                        p++;
                        if (p < n && b[p] == '\n') {
                            p++;
                        }
                    } else if (p < n) {
                        p++;
                    }
                }
                in.recycle(c);
            }
            if (header) {
                throw new CohortException(name + ": file is empty (expected a header line)");
            }
        }
    }

    private void header(int p, int e) {
        if (e - p >= 3 && (b[p] & 0xff) == 0xEF && (b[p + 1] & 0xff) == 0xBB && (b[p + 2] & 0xff) == 0xBF) {
            p += 3;
        }
        List<String> cols = new ArrayList<>();
        int q = p;
        while (true) {
            int end = q;
            while (end < e && b[end] != ',') {
                end++;
            }
            String col = new String(b, q, end - q, StandardCharsets.UTF_8).strip();
            cols.add(col.length() >= 2 && col.startsWith("\"") && col.endsWith("\"")
                    ? col.substring(1, col.length() - 1) : col);
            if (end >= e) {
                break;
            }
            q = end + 1;
        }
        OnlineRetailReader.checkHeader(name, cols);
    }

    private void row(OnlineRetailAssembler asm, int p, int e) {
        if (p == e) {
            asm.blank();
            return;
        }
        if (e - p > maxLineBytes) {
            asm.reject(line, raw(p, p + 256), "line is " + (e - p) + " bytes, longer than the limit");
            return;
        }
        if (splitError != null) {
            asm.reject(line, raw(p, e), splitError);
            return;
        }
        if (nfields != FIELDS) {
            asm.reject(line, raw(p, e), "expected " + FIELDS + " fields, found " + nfields
                    + (nfields < FIELDS ? " (truncated line?)" : ""));
            return;
        }
        trimAll();
        if (fs[0] == fe[0]) {
            asm.reject(line, raw(p, e), "empty InvoiceNo");
            return;
        }
        if (fs[1] == fe[1]) {
            asm.reject(line, raw(p, e), "empty StockCode");
            return;
        }
        long qty = parseInt(3);
        if (qty == Long.MIN_VALUE) {
            asm.reject(line, raw(p, e), "bad Quantity '" + str(3) + "' (expected an integer)");
            return;
        }
        long time = sameAsLastTime(4) ? lastTime : parseTime(4);
        if (time == Long.MIN_VALUE) {
            asm.reject(line, raw(p, e), "bad InvoiceDate '" + str(4) + "' (expected yyyy-MM-dd HH:mm:ss)");
            return;
        }
        rememberTime(4, time);
        double price = parsePrice(5);
        if (!Double.isFinite(price)) {
            asm.reject(line, raw(p, e), "bad UnitPrice '" + str(5) + "' (expected a decimal number)");
            return;
        }
        int ce = fe[6];
        if (ce - fs[6] >= 2 && b[ce - 1] == '0' && b[ce - 2] == '.') {
            ce -= 2;
        }
        String customer = ce == fs[6] ? null : !fq[6] && sameAs(lastCustomer, fs[6], ce) ? lastCustomer
                : cached(customers, fs[6], ce, fq[6]);
        lastCustomer = customer != null ? customer : lastCustomer;
        String country = !fq[7] && sameAs(lastCountry, fs[7], fe[7]) ? lastCountry : cached(countries, fs[7], fe[7], fq[7]);
        lastCountry = country;
        String code = cached(codes, fs[1], fe[1], fq[1]);
        byte first = b[fs[0]];
        asm.row(first == 'C' || first == 'c', code, fs[2] != fe[2], description, (int) qty, time, price, customer,
                country);
    }

    private int scanEol(int p, int n) {
        while (p < n && b[p] != '\n' && b[p] != '\r') {
            p++;
        }
        return p;
    }

    /**
     * Splits the line starting at {@code p} into fields in one pass and returns where the line ends (its CR/LF,
     * or {@code n}); sets {@code nfields}, or {@code splitError} on malformed quoting.
     */
    private int splitLine(int p, int n) {
        splitError = null;
        int nf = 0;
        while (true) {
            int start;
            int end;
            boolean esc = false;
            if (p < n && b[p] == '"') {
                int q = p + 1;
                while (true) {
                    if (q >= n || b[q] == '\n' || b[q] == '\r') {
                        splitError = "unterminated quoted field in field " + (nf + 1);
                        return scanEol(q, n);
                    }
                    if (b[q] == '"') {
                        if (q + 1 < n && b[q + 1] == '"') {
                            esc = true;
                            q += 2;
                            continue;
                        }
                        break;
                    }
                    q++;
                }
                start = p + 1;
                end = q;
                p = q + 1;
                if (p < n && b[p] != ',' && b[p] != '\n' && b[p] != '\r') {
                    splitError = "malformed quoting: character after the closing quote of field " + (nf + 1);
                    return scanEol(p, n);
                }
            } else {
                int q = p;
                while (q < n) {
                    byte c = b[q];
                    if (c == ',' || c == '\n' || c == '\r') {
                        break;
                    }
                    q++;
                }
                start = p;
                end = q;
                p = q;
            }
            if (nf < FIELDS) {
                fs[nf] = start;
                fe[nf] = end;
                fq[nf] = esc;
            }
            nf++;
            if (p >= n || b[p] != ',') {
                break;
            }
            p++;
        }
        nfields = nf;
        return p;
    }

    private void trimAll() {
        for (int i = 0; i < FIELDS; i++) {
            int s = fs[i];
            int e = fe[i];
            while (s < e && isSpace(b[s])) {
                s++;
            }
            while (e > s && isSpace(b[e - 1])) {
                e--;
            }
            fs[i] = s;
            fe[i] = e;
        }
    }

    /** The characters {@link String#strip()} removes, restricted to ASCII. */
    private static boolean isSpace(byte c) {
        return c == ' ' || (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x1F);
    }

    /** True if {@code s} equals the ASCII bytes b[from, to) (rows of one invoice repeat customer and country). */
    private boolean sameAs(String s, int from, int to) {
        if (s == null || s.length() != to - from) {
            return false;
        }
        for (int i = 0; i < to - from; i++) {
            if (s.charAt(i) != b[from + i]) {
                return false;
            }
        }
        return true;
    }

    /** Through the cache when plain ASCII (the common case), else a fresh decoded string. */
    private String cached(AsciiStringCache cache, int s, int e, boolean escaped) {
        if (!escaped) {
            boolean ascii = true;
            for (int i = s; i < e; i++) {
                if (b[i] < 0) {
                    ascii = false;
                    break;
                }
            }
            if (ascii) {
                return cache.get(b, s, e);
            }
        }
        return str(s, e, escaped);
    }

    private String str(int f) {
        return str(fs[f], fe[f], fq[f]);
    }

    private String str(int s, int e, boolean escaped) {
        boolean ascii = true;
        for (int i = s; i < e; i++) {
            if (b[i] < 0) {
                ascii = false;
                break;
            }
        }
        String v;
        if (ascii) {
            v = new String(b, s, e - s, StandardCharsets.ISO_8859_1);
        } else {
            try {
                v = utf8.reset().decode(ByteBuffer.wrap(b, s, e - s)).toString();
            } catch (CharacterCodingException ex) {
                throw new CohortException(name + ":" + line + ": invalid UTF-8 byte sequence; re-encode the file "
                        + "as UTF-8");
            }
            v = v.strip();
        }
        return escaped ? v.replace("\"\"", "\"") : v;
    }

    private String raw(int s, int e) {
        return new String(b, s, Math.min(e, s + maxLineBytes) - s, StandardCharsets.UTF_8);
    }

    /** An int in [-2^31, 2^31), or Long.MIN_VALUE if not one. */
    private long parseInt(int f) {
        int s = fs[f];
        int e = fe[f];
        boolean neg = false;
        if (s < e && (b[s] == '-' || b[s] == '+')) {
            neg = b[s] == '-';
            s++;
        }
        if (s == e || e - s > 10) {
            return Long.MIN_VALUE;
        }
        long v = 0;
        for (int i = s; i < e; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                return Long.MIN_VALUE;
            }
            v = v * 10 + d;
        }
        v = neg ? -v : v;
        return v < Integer.MIN_VALUE || v > Integer.MAX_VALUE ? Long.MIN_VALUE : v;
    }

    /**
     * A decimal; exact for up to 15 significant digits and 22 decimals (an exact long divided by an exact power of
     * ten is correctly rounded, as {@link Double#parseDouble} is); anything else goes to parseDouble.
     */
    private double parsePrice(int f) {
        int s = fs[f];
        int e = fe[f];
        int i = s;
        boolean neg = false;
        if (i < e && (b[i] == '-' || b[i] == '+')) {
            neg = b[i] == '-';
            i++;
        }
        long m = 0;
        int digits = 0;
        int scale = 0;
        boolean dot = false;
        for (; i < e; i++) {
            byte c = b[i];
            if (c >= '0' && c <= '9') {
                m = m * 10 + (c - '0');
                digits++;
                if (dot) {
                    scale++;
                }
            } else if (c == '.' && !dot) {
                dot = true;
            } else {
                break;
            }
        }
        if (i == e && digits > 0 && digits <= 15 && scale <= 22) {
            double v = m / POW10[scale];
            return neg ? -v : v;
        }
        try {
            return Double.parseDouble(str(f));
        } catch (NumberFormatException ex) {
            return Double.NaN;
        }
    }

    /** True if field f has the same bytes as the last parsed time (rows of one invoice share it). */
    private boolean sameAsLastTime(int f) {
        int len = fe[f] - fs[f];
        if (len != lastTimeLen) {
            return false;
        }
        for (int i = 0; i < len; i++) {
            if (b[fs[f] + i] != lastTimeBytes[i]) {
                return false;
            }
        }
        return true;
    }

    private void rememberTime(int f, long t) {
        int len = fe[f] - fs[f];
        if (len <= lastTimeBytes.length) {
            System.arraycopy(b, fs[f], lastTimeBytes, 0, len);
            lastTimeLen = len;
            lastTime = t;
        } else {
            lastTimeLen = -1;
        }
    }

    /** {@code yyyy-MM-dd HH:mm:ss} or {@code yyyy-MM-dd HH:mm} as UTC epoch seconds; Long.MIN_VALUE if invalid. */
    private long parseTime(int f) {
        int s = fs[f];
        int len = fe[f] - s;
        if ((len != 19 && len != 16) || b[s + 4] != '-' || b[s + 7] != '-' || b[s + 10] != ' ' || b[s + 13] != ':'
                || (len == 19 && b[s + 16] != ':')) {
            return Long.MIN_VALUE;
        }
        int y = digits(s, 4);
        int mo = digits(s + 5, 2);
        int d = digits(s + 8, 2);
        int h = digits(s + 11, 2);
        int mi = digits(s + 14, 2);
        int sec = len == 19 ? digits(s + 17, 2) : 0;
        if (y < 0 || mo < 1 || mo > 12 || d < 1 || d > monthLength(y, mo) || h < 0 || h > 23 || mi < 0 || mi > 59
                || sec < 0 || sec > 59) {
            return Long.MIN_VALUE;
        }
        return daysFromCivil(y, mo, d) * 86400L + h * 3600L + mi * 60L + sec;
    }

    private int digits(int s, int n) {
        int v = 0;
        for (int i = s; i < s + n; i++) {
            int c = b[i] - '0';
            if (c < 0 || c > 9) {
                return -1;
            }
            v = v * 10 + c;
        }
        return v;
    }

    private static int monthLength(int y, int m) {
        return switch (m) {
            case 2 -> (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
    static long daysFromCivil(int y, int m, int d) {
        y -= m <= 2 ? 1 : 0;
        long era = Math.floorDiv(y, 400);
        long yoe = y - era * 400;
        long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146097 + doe - 719468;
    }
}
