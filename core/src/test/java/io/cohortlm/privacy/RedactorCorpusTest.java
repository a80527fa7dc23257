package io.cohortlm.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The PII corpus: every positive case must lose every listed PII substring (and every run of 4+ digits of it),
 * and every negative case must come back unchanged.
 */
class RedactorCorpusTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.cohortlm.privacy.PiiCorpus#positives")
    void positive_case_loses_all_its_pii(PiiCorpus.PiiCase c) {
        Redaction r = Redactor.standard().redact(c.text());
        PiiCorpus.assertNoLeak(c, r.text());
        if (!c.type().equals("MIXED")) {
            PiiType t = PiiType.valueOf(c.type());
            assertTrue(r.text().contains(t.placeholder()), () -> "expected " + t.placeholder() + " in " + r.text());
            assertEquals(r.total(), r.count(t), () -> "only " + t + " expected, got " + r.counts());
        } else {
            assertTrue(r.total() >= c.pii().size(), () -> "counts " + r.counts() + " for " + r.text());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.cohortlm.privacy.PiiCorpus#negatives")
    void negative_case_is_left_unchanged(String text) {
        Redaction r = Redactor.standard().redact(text);
        assertEquals(text, r.text());
        assertFalse(r.changed());
    }

    @org.junit.jupiter.api.Test
    void corpus_has_the_promised_size() {
        assertTrue(PiiCorpus.positives().size() >= 60, "positives: " + PiiCorpus.positives().size());
        assertTrue(PiiCorpus.negatives().size() >= 30, "negatives: " + PiiCorpus.negatives().size());
    }
}
