package io.cohortlm.privacy;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The PII test corpus ({@code src/test/resources/privacy}): positive cases (expected type or MIXED, text, PII
 * substrings separated by {@code ||}) and negative texts that must pass unchanged. Shared by the redactor
 * tests and the remote-encoder leak test.
 */
public final class PiiCorpus {
    private static final Pattern DIGIT_RUN = Pattern.compile("[0-9]{4,}");

    private PiiCorpus() {
    }

    /** One corpus line: expected type (or MIXED), the text, and the PII substrings in it. */
    public record PiiCase(String type, String text, List<String> pii) {
        @Override
        public String toString() {
            return type + ": " + text;
        }
    }

    public static List<PiiCase> positives() {
        List<PiiCase> out = new ArrayList<>();
        for (String line : lines("/privacy/pii-positive.tsv")) {
            String[] f = line.split("\t");
            out.add(new PiiCase(f[0], f[1], List.of(f[2].split("\\|\\|"))));
        }
        return out;
    }

    public static List<String> negatives() {
        return lines("/privacy/pii-negative.txt");
    }

    private static List<String> lines(String resource) {
        try (InputStream in = PiiCorpus.class.getResourceAsStream(resource)) {
            String all = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return Stream.of(all.split("\n")).filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Asserts that no PII substring of {@code c}, nor any run of 4+ digits taken from one, occurs in {@code out}. */
    public static void assertNoLeak(PiiCase c, String out) {
        for (String pii : c.pii()) {
            assertFalse(out.contains(pii), () -> "'" + pii + "' survived in: " + out);
            Matcher m = DIGIT_RUN.matcher(pii);
            while (m.find()) {
                String run = m.group();
                assertFalse(out.contains(run), () -> "digits '" + run + "' of '" + pii + "' survived in: " + out);
            }
        }
    }
}
