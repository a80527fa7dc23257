package io.cohortlm.privacy;

/** The check-digit rules the {@link Redactor} uses to tell identifiers from other long numbers. */
final class Checksums {
    private Checksums() {
    }

    private static final int[] CN_ID_WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final char[] CN_ID_CHECK = "10X98765432".toCharArray();

    /** GB 11643-1999 check character over the 17 leading digits. */
    static boolean cnIdOk(CharSequence id18) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (id18.charAt(i) - '0') * CN_ID_WEIGHTS[i];
        }
        return Character.toUpperCase(id18.charAt(17)) == CN_ID_CHECK[sum % 11];
    }

    /** Luhn check over the digits of a range (separators skipped). */
    static boolean luhnOk(CharSequence s, int start, int end) {
        int sum = 0;
        boolean dbl = false;
        for (int i = end - 1; i >= start; i--) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                continue;
            }
            int v = c - '0';
            if (dbl) {
                v *= 2;
                if (v > 9) {
                    v -= 9;
                }
            }
            sum += v;
            dbl = !dbl;
        }
        return sum % 10 == 0;
    }
}
