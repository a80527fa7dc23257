package io.cohortlm.privacy;

import java.util.regex.Pattern;

/** Validation of IP address text forms for the {@link Redactor}. */
final class IpAddresses {
    private static final String OCTET = "(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])";
    private static final Pattern IPV4_EXACT = Pattern.compile(OCTET + "(?:\\." + OCTET + "){3}");

    private IpAddresses() {
    }

    /**
     * RFC 4291 text form (with "::" and an embedded IPv4 tail). Requires at least three non-empty groups (an
     * IPv4 tail counts as two), so C++-style "a::b" and loopback "::1" are not taken for addresses.
     */
    static boolean isIpv6(String s) {
        int dc = s.indexOf("::");
        if (dc >= 0 && s.indexOf("::", dc + 1) >= 0) {
            return false;
        }
        int groupsAllowed = 8;
        String head = s;
        int lastColon = s.lastIndexOf(':');
        if (lastColon < 0) {
            return false;
        }
        String tail = s.substring(lastColon + 1);
        if (tail.indexOf('.') >= 0) {
            if (!IPV4_EXACT.matcher(tail).matches()) {
                return false;
            }
            groupsAllowed = 6;
            head = s.substring(0, lastColon + 1);
            if (head.endsWith("::")) {
                // "::ffff:1.2.3.4" style: keep "::" as is
            } else {
                head = head.substring(0, head.length() - 1);
            }
        } else if (s.indexOf('.') >= 0) {
            return false;
        }
        int nonEmpty = 0;
        int groups = 0;
        if (dc >= 0) {
            String left = head.substring(0, head.indexOf("::"));
            String right = head.substring(head.indexOf("::") + 2);
            int l = countGroups(left);
            int r = countGroups(right);
            if (l < 0 || r < 0) {
                return false;
            }
            groups = l + r;
            nonEmpty = groups;
            if (groups > groupsAllowed - 1) {
                return false;
            }
        } else {
            groups = countGroups(head);
            if (groups != groupsAllowed) {
                return false;
            }
            nonEmpty = groups;
        }
        return nonEmpty + (groupsAllowed == 6 ? 2 : 0) >= 3;
    }

    /** Number of 1–4 hex digit groups in a ':'-separated string (empty string: 0); -1 if malformed. */
    private static int countGroups(String s) {
        if (s.isEmpty()) {
            return 0;
        }
        int n = 0;
        for (String g : s.split(":", -1)) {
            if (g.isEmpty() || g.length() > 4) {
                return -1;
            }
            for (int i = 0; i < g.length(); i++) {
                if (Character.digit(g.charAt(i), 16) < 0) {
                    return -1;
                }
            }
            n++;
        }
        return n;
    }
}
