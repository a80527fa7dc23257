package io.cohortlm.privacy;

import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes personal data from a text before it leaves the process, replacing each match with a typed
 * placeholder ({@link PiiType#placeholder()}): e-mail addresses, IPv4/IPv6 addresses, national id numbers
 * (Chinese resident id with checksum, US SSN, and any number right after an id keyword), payment card numbers
 * (Luhn-checked), phone numbers (international, North American, UK / Chinese landline with a leading 0,
 * Chinese mobile with or without {@code +86}, and any number right after a phone keyword) and the exact
 * values of personal attribute columns ({@link PersonalValues}).
 * <p>Detectors run in {@link PiiType} order on the output of the previous one, so a placeholder is never
 * matched again. The patterns are precompiled; a single pass over the text counts digits, {@code @}, colons
 * and dots, and detectors that cannot match are skipped, so texts without long numbers cost one scan.
 * <p>Contract: the result never contains a substring that a detector matched; it may over-redact (see
 * docs/privacy.md for known false positives and negatives). The redactor never logs or stores values.
 * Immutable and thread-safe.
 */
public final class Redactor {
    private static final Redactor STANDARD = new Redactor(PersonalValues.none());

    // --- e-mail: ASCII local part so that an unspaced Chinese label before it ("邮箱a@b.cn") survives.
    private static final Pattern EMAIL = Pattern.compile(
            "(?<![A-Za-z0-9._%+\\-])[A-Za-z0-9._%+\\-]+@[A-Za-z0-9](?:[A-Za-z0-9\\-]*[A-Za-z0-9])?"
                    + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9\\-]*[A-Za-z0-9])?)*\\.[A-Za-z]{2,24}(?![A-Za-z0-9\\-])");
    // Also catches the common obfuscation "name [at] host [dot] com" / "name (at) host.com".
    private static final Pattern EMAIL_OBFUSCATED = Pattern.compile(
            "(?i)(?<![A-Za-z0-9._%+\\-])[A-Za-z0-9._%+\\-]+\\s*[\\[(]\\s*at\\s*[\\])]\\s*[A-Za-z0-9\\-]+"
                    + "(?:\\s*(?:\\.|[\\[(]\\s*dot\\s*[\\])])\\s*[A-Za-z0-9\\-]+)+");

    // --- IP
    private static final String OCTET = "(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])";
    private static final Pattern IPV4 = Pattern.compile(
            "(?<![0-9.])" + OCTET + "(?:\\." + OCTET + "){3}(?![0-9]|\\.[0-9])");
    private static final Pattern IPV6_CANDIDATE = Pattern.compile(
            "(?:(?<![0-9A-Za-z.:])|(?<=[G-Zg-z]:))[0-9A-Fa-f:]*:[0-9A-Fa-f]*:[0-9A-Fa-f:.]*(?:%[0-9A-Za-z]+)?");

    // --- national ids
    private static final Pattern CN_ID = Pattern.compile(
            "(?<![0-9])[1-9][0-9]{5} ?(?:18|19|20)[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01]) ?"
                    + "[0-9]{3}[0-9Xx](?![0-9])");
    private static final Pattern SSN = Pattern.compile(
            "(?<![0-9\\-])(?!000|666|9[0-9][0-9])[0-9]{3}([\\- ])(?!00)[0-9]{2}\\1(?!0000)[0-9]{4}(?![0-9\\-])");
    private static final Pattern ID_KEYWORD = Pattern.compile(
            "(?i)(?:身份证(?:号码|号)?|公民身份号码|证件号(?:码)?|\\bresident id\\b|\\bid card(?: no\\.?| number)?|"
                    + "\\bid (?:no\\.?|number)|\\bpassport(?: no\\.?| number)?|\\bssn\\b|"
                    + "\\bsocial security(?: number| no\\.?)?)[^0-9A-Za-z\\n]{0,6}"
                    + "([0-9][0-9 \\-]{7,22}[0-9Xx])(?![0-9])");

    // --- payment cards
    private static final Pattern CARD = Pattern.compile("(?<![0-9+])(?:[0-9][ \\-]?){12,18}[0-9](?![0-9])");

    // --- phones
    private static final Pattern CN_MOBILE = Pattern.compile(
            "(?<![0-9])(?:(?:\\+|00)86[ \\-]?|\\(\\+?86\\)[ \\-]?|86[ \\-])?1[3-9][0-9](?:[ \\-]?[0-9]{4}){2}"
                    + "(?![0-9])");
    private static final Pattern INTERNATIONAL = Pattern.compile(
            "(?<![0-9A-Za-z+])(?:\\+|00)[1-9][0-9 .\\-()]{6,26}[0-9](?![0-9])");
    private static final Pattern NANP = Pattern.compile(
            "(?<![0-9A-Za-z+\\-.])(?:\\+?1[ .\\-]?)?(?:\\([2-9][0-9]{2}\\)[ .\\-]?|[2-9][0-9]{2}[ .\\-])"
                    + "[2-9][0-9]{2}[ .\\-][0-9]{4}(?![0-9]|[\\-.][0-9])");
    private static final Pattern LEADING_ZERO = Pattern.compile(
            "(?<![0-9A-Za-z+\\-.])(?:\\(0[1-9][0-9]{1,3}\\)[ \\-]?|0[1-9][0-9]{1,3}[ \\-]?)[0-9]{3,4}[ \\-]?[0-9]{3,4}"
                    + "(?![0-9]|[\\-.][0-9])");
    private static final Pattern PHONE_KEYWORD = Pattern.compile(
            "(?i)(?:\\b(?:tel|phone|mobile|cell|fax|call|whatsapp|telephone)\\b|电话|手机|座机|联系方式|致电|微信)"
                    + "[^0-9\\n]{0,12}?(\\+?[0-9(][0-9 .\\-()]{5,22}[0-9])(?![0-9])");

    // Literal pre-checks for the keyword patterns: a case-insensitive alternation with \b is tried at every
    // position and cost more than all other detectors together on retail texts.
    private static final String[] PHONE_WORDS = {"tel", "phone", "mobile", "cell", "fax", "call", "whatsapp",
        "电话", "手机", "座机", "联系方式", "致电", "微信"};
    private static final String[] ID_WORDS = {"身份证", "公民身份号码", "证件号", "resident id", "id card", "id no",
        "id number", "passport", "ssn", "social security"};

    private final PersonalValues personal;

    private Redactor(PersonalValues personal) {
        this.personal = Objects.requireNonNull(personal, "personal");
    }

    /** The pattern detectors only (no personal attribute values). */
    public static Redactor standard() {
        return STANDARD;
    }

    /** This redactor plus exact matching of {@code values} (replacing any values set before). */
    public Redactor withPersonalValues(PersonalValues values) {
        return new Redactor(values);
    }

    /** The personal values this redactor matches in every text. */
    public PersonalValues personalValues() {
        return personal;
    }

    /** Redacts one text; returns the text and counts by type. */
    public Redaction redact(String text) {
        return redact(text, PersonalValues.none());
    }

    /**
     * Redacts one text, also matching {@code extra} (e.g. {@link PersonalValues#ofRow} for the user the text
     * describes). Personal values are matched before the patterns, so a personal value that contains an
     * e-mail address is still counted as {@code PERSONAL}.
     */
    public Redaction redact(String text, PersonalValues extra) {
        Objects.requireNonNull(text, "text");
        int[] counts = new int[PiiType.values().length];
        String t = personal.redact(text, counts);
        t = extra.redact(t, counts);
        t = applyPatterns(t, counts);
        return t == text ? new Redaction(text, java.util.Map.of()) : Redaction.of(t, counts);
    }

    /** Redacts each text of a list, in order, adding every result to {@code stats}. */
    public List<String> redactAll(List<String> texts, RedactionStats stats) {
        String[] out = new String[texts.size()];
        for (int i = 0; i < out.length; i++) {
            Redaction r = redact(texts.get(i));
            stats.add(r);
            out[i] = r.text();
        }
        return List.of(out);
    }

    private static String applyPatterns(String text, int[] counts) {
        // One scan: digit count, '@', ':', '.', and the most digits in one "number-like" run (digits joined by
        // at most two separators from " .-()+/"), which gates the digit-based detectors.
        int digits = 0;
        int at = 0;
        int colons = 0;
        int dots = 0;
        int run = 0;
        int maxRun = 0;
        int seps = 0;
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                digits++;
                run++;
                seps = 0;
                if (run > maxRun) {
                    maxRun = run;
                }
                continue;
            }
            if (c == '@') {
                at++;
            } else if (c == ':') {
                colons++;
            } else if (c == '.') {
                dots++;
            }
            if ((c == ' ' || c == '.' || c == '-' || c == '(' || c == ')' || c == '+' || c == '/') && ++seps <= 2) {
                continue;
            }
            run = 0;
            seps = 0;
        }
        String t = text;
        if (at > 0) {
            t = replace(t, EMAIL, 0, Redactor::whole, PiiType.EMAIL, counts);
        }
        if (text.length() >= 8 && containsAtWord(text)) {
            t = replace(t, EMAIL_OBFUSCATED, 0, Redactor::whole, PiiType.EMAIL, counts);
        }
        if (colons >= 2) {
            t = replace(t, IPV6_CANDIDATE, 0, Redactor::ipv6Span, PiiType.IP, counts);
        }
        if (dots >= 3 && maxRun >= 4) {
            t = replace(t, IPV4, 0, Redactor::whole, PiiType.IP, counts);
        }
        if (maxRun < 7) {
            return t;
        }
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        if (maxRun >= 17) {
            t = replace(t, CN_ID, 0, Redactor::cnIdSpan, PiiType.ID, counts);
        }
        if (maxRun >= 8 && containsAny(lower, ID_WORDS)) {
            t = replace(t, ID_KEYWORD, 1, Redactor::idKeywordSpan, PiiType.ID, counts);
        }
        if (maxRun >= 9) {
            t = replace(t, SSN, 0, Redactor::whole, PiiType.ID, counts);
        }
        if (maxRun >= 13) {
            t = replace(t, CARD, 0, Redactor::cardSpan, PiiType.CARD, counts);
        }
        if (maxRun >= 11) {
            t = replace(t, CN_MOBILE, 0, Redactor::whole, PiiType.PHONE, counts);
        }
        if (maxRun >= 8) {
            t = replace(t, INTERNATIONAL, 0, Redactor::internationalSpan, PiiType.PHONE, counts);
        }
        if (maxRun >= 10) {
            t = replace(t, NANP, 0, Redactor::whole, PiiType.PHONE, counts);
            t = replace(t, LEADING_ZERO, 0, Redactor::leadingZeroSpan, PiiType.PHONE, counts);
        }
        if (containsAny(lower, PHONE_WORDS)) {
            t = replace(t, PHONE_KEYWORD, 1, Redactor::phoneKeywordSpan, PiiType.PHONE, counts);
        }
        return t;
    }

    /** Accepts, trims or rejects a regex match; returns {start, end} or null. */
    @FunctionalInterface
    private interface Span {
        int[] accept(String text, int start, int end);
    }

    private static String replace(String text, Pattern p, int group, Span span, PiiType type, int[] counts) {
        Matcher m = p.matcher(text);
        StringBuilder sb = null;
        int last = 0;
        int from = 0;
        int n = text.length();
        while (from < n && m.find(from)) {
            int[] s = span.accept(text, m.start(group), m.end(group));
            if (s == null || s[0] < last) {
                from = m.start() + 1;
                continue;
            }
            if (sb == null) {
                sb = new StringBuilder(n);
            }
            sb.append(text, last, s[0]).append(type.placeholder());
            counts[type.ordinal()]++;
            last = s[1];
            from = Math.max(s[1], m.start() + 1);
        }
        return sb == null ? text : sb.append(text, last, n).toString();
    }

    private static int[] whole(String text, int start, int end) {
        return new int[] {start, end};
    }

    private static boolean containsAny(String lower, String[] words) {
        for (String w : words) {
            if (lower.contains(w)) {
                return true;
            }
        }
        return false;
    }

    /** Cheap pre-check for "[at]" / "(at)" before running the obfuscated e-mail pattern. */
    private static boolean containsAtWord(String text) {
        for (int i = 0, n = text.length() - 2; i < n; i++) {
            char c = text.charAt(i);
            if (c == '[' || c == '(') {
                int j = i + 1;
                while (j < n && text.charAt(j) == ' ') {
                    j++;
                }
                if (j + 1 < text.length() && (text.charAt(j) | 0x20) == 'a' && (text.charAt(j + 1) | 0x20) == 't') {
                    return true;
                }
            }
        }
        return false;
    }

    // --- validators -------------------------------------------------------------------------------------

    private static int[] cnIdSpan(String text, int start, int end) {
        StringBuilder d = new StringBuilder(18);
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (c != ' ') {
                d.append(c);
            }
        }
        return d.length() == 18 && Checksums.cnIdOk(d) ? new int[] {start, end} : null;
    }

    private static int[] idKeywordSpan(String text, int start, int end) {
        int d = countDigits(text, start, end);
        return d >= 8 && d <= 20 ? new int[] {start, end} : null;
    }

    private static int[] cardSpan(String text, int start, int end) {
        // Card numbers start with 2-6 (Mastercard 2/5, Amex/JCB/Diners 3, Visa 4, Discover/UnionPay 6); this
        // and Luhn keep long order numbers and timestamps out.
        char first = text.charAt(start);
        if (first < '2' || first > '6') {
            return null;
        }
        int d = countDigits(text, start, end);
        if (d < 13 || d > 19 || !Checksums.luhnOk(text, start, end)) {
            return null;
        }
        return new int[] {start, end};
    }

    /** International numbers: 8–15 digits after the + or 00; trailing groups beyond 15 digits are left out. */
    private static int[] internationalSpan(String text, int start, int end) {
        int i = start + (text.charAt(start) == '+' ? 1 : 2);
        int digits = 0;
        int lastGoodEnd = -1;
        int sepRun = 0;
        int open = 0;
        for (; i < end; i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                digits++;
                sepRun = 0;
                if (digits > 15) {
                    break;
                }
                if (i + 1 >= end || !isDigit(text.charAt(i + 1))) {
                    if (digits >= 8 && open == 0) {
                        lastGoodEnd = i + 1;
                    }
                }
            } else {
                if (++sepRun > 2) {
                    break;
                }
                if (c == '(') {
                    open++;
                } else if (c == ')') {
                    if (--open < 0) {
                        break;
                    }
                }
            }
        }
        return lastGoodEnd < 0 ? null : new int[] {start, lastGoodEnd};
    }

    private static int[] leadingZeroSpan(String text, int start, int end) {
        int d = countDigits(text, start, end);
        return d >= 10 && d <= 12 ? new int[] {start, end} : null;
    }

    private static int[] phoneKeywordSpan(String text, int start, int end) {
        int d = countDigits(text, start, end);
        return d >= 7 && d <= 15 ? new int[] {start, end} : null;
    }

    private static int[] ipv6Span(String text, int start, int end) {
        int s = start;
        int e = end;
        // A zone id ("%eth0") belongs to the address; a trailing sentence dot does not.
        while (e > s && text.charAt(e - 1) == '.') {
            e--;
        }
        if (e - s >= 2 && text.charAt(s) == ':' && text.charAt(s + 1) != ':') {
            s++; // "IP:2001:db8::1" - the colon is the label's
        }
        if (e - s >= 2 && text.charAt(e - 1) == ':' && text.charAt(e - 2) != ':') {
            e--;
        }
        String cand = text.substring(s, e);
        int pct = cand.indexOf('%');
        String addr = pct >= 0 ? cand.substring(0, pct) : cand;
        return IpAddresses.isIpv6(addr) ? new int[] {s, e} : null;
    }

    private static int countDigits(String text, int start, int end) {
        int d = 0;
        for (int i = start; i < end; i++) {
            if (isDigit(text.charAt(i))) {
                d++;
            }
        }
        return d;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
