package io.cohortlm.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The PII corpus: every positive case must lose every listed PII substring (and every run of 4+ digits of it),
 * and every negative case must come back unchanged.
 */
class RedactorCorpusTest {

    /** One corpus line: expected type (or MIXED), the text, and the PII substrings in it. */
    record PiiCase(String type, String text, List<String> pii) {
        @Override
        public String toString() {
            return type + ": " + text;
        }
    }

    static List<PiiCase> positives() {
        List<PiiCase> out = new ArrayList<>();
        for (String line : lines("/privacy/pii-positive.tsv")) {
            String[] f = line.split("\t");
            out.add(new PiiCase(f[0], f[1], List.of(f[2].split("\\|\\|"))));
        }
        return out;
    }

    static List<String> negatives() {
        return lines("/privacy/pii-negative.txt");
    }

    static List<String> lines(String resource) {
        try (InputStream in = RedactorCorpusTest.class.getResourceAsStream(resource)) {
            String all = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return Stream.of(all.split("\n")).filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final Pattern DIGIT_RUN = Pattern.compile("[0-9]{4,}");

    /** Asserts that no PII substring, and no run of 4+ digits taken from one, survives in {@code out}. */
    static void assertNoLeak(PiiCase c, String out) {
        for (String pii : c.pii()) {
            assertFalse(out.contains(pii), () -> "'" + pii + "' survived in: " + out);
            Matcher m = DIGIT_RUN.matcher(pii);
            while (m.find()) {
                String run = m.group();
                assertFalse(out.contains(run), () -> "digits '" + run + "' of '" + pii + "' survived in: " + out);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("positives")
    void positive_case_loses_all_its_pii(PiiCase c) {
        Redaction r = Redactor.standard().redact(c.text());
        assertNoLeak(c, r.text());
        if (!c.type().equals("MIXED")) {
            PiiType t = PiiType.valueOf(c.type());
            assertTrue(r.text().contains(t.placeholder()), () -> "expected " + t.placeholder() + " in " + r.text());
            assertEquals(r.total(), r.count(t), () -> "only " + t + " expected, got " + r.counts());
        } else {
            assertTrue(r.total() >= c.pii().size(), () -> "counts " + r.counts() + " for " + r.text());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("negatives")
    void negative_case_is_left_unchanged(String text) {
        Redaction r = Redactor.standard().redact(text);
        assertEquals(text, r.text());
        assertFalse(r.changed());
    }

    @org.junit.jupiter.api.Test
    void corpus_has_the_promised_size() {
        assertTrue(positives().size() >= 60, "positives: " + positives().size());
        assertTrue(negatives().size() >= 30, "negatives: " + negatives().size());
    }
}
