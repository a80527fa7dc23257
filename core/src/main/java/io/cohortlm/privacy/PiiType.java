package io.cohortlm.privacy;

/**
 * A kind of personal data the {@link Redactor} removes, with the typed placeholder that replaces it.
 * The declaration order is the order in which detectors run: earlier kinds win where matches overlap
 * (an e-mail whose local part is a phone number becomes {@code [EMAIL]}).
 */
public enum PiiType {
    /** E-mail addresses. */
    EMAIL("[EMAIL]"),
    /** IPv4 and IPv6 addresses. */
    IP("[IP]"),
    /** National identity numbers: the 18-digit Chinese resident id (checksum-validated) and the US SSN. */
    ID("[ID]"),
    /** Payment card numbers: 13–19 digits, Luhn-valid. */
    CARD("[CARD]"),
    /** Phone numbers: international, North American, UK / Chinese landline, Chinese mobile. */
    PHONE("[PHONE]"),
    /** Exact values of attribute columns declared personal. */
    PERSONAL("[PERSONAL]");

    private final String placeholder;

    PiiType(String placeholder) {
        this.placeholder = placeholder;
    }

    /** The text that replaces a match, e.g. {@code [EMAIL]}. */
    public String placeholder() {
        return placeholder;
    }
}
