package org.jameslua.smtp.rbl;

import java.util.Locale;

/** RBLWhitelist patterns: {@code *} is any run of characters, {@code ?} one character; case does not matter. */
final class Wildcard {
    private Wildcard() {}

    static boolean matches(String pattern, String text) {
        String p = pattern.trim().toLowerCase(Locale.ROOT);
        String t = text.toLowerCase(Locale.ROOT);
        int pi = 0;
        int ti = 0;
        int starAt = -1;
        int starMatched = 0;
        while (ti < t.length()) {
            if (pi < p.length() && (p.charAt(pi) == '?' || p.charAt(pi) == t.charAt(ti))) {
                pi++;
                ti++;
            } else if (pi < p.length() && p.charAt(pi) == '*') {
                starAt = pi++;
                starMatched = ti;
            } else if (starAt >= 0) {
                // let the last star swallow one more character and retry from there
                pi = starAt + 1;
                ti = ++starMatched;
            } else {
                return false;
            }
        }
        while (pi < p.length() && p.charAt(pi) == '*') {
            pi++;
        }
        return pi == p.length();
    }
}
