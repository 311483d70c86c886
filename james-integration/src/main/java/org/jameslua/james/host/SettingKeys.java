package org.jameslua.james.host;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import org.apache.james.mailbox.model.MailboxAnnotationKey;

/**
 * Where a VPOP3 setting is kept: the RFC 5464 entry {@code /private/vendor/jameslua/<name>}.
 *
 * <p>James 3.8.1 accepts only ASCII letters, digits and {@code /} in entry names (not even {@code -} or
 * {@code .}), needs four components under {@code vendor}, and folds names to lower case. A setting name is
 * therefore lower-cased (setting names are case-insensitive, as in VPOP3's Windows settings) and written as
 * itself where it is a letter or digit; any other character becomes {@code q} and the two hex digits of each of
 * its UTF-8 bytes, {@code q} included, so that two names never share an entry:
 * {@code AcceptMail} is {@code acceptmail}, {@code BigRedirect.Target} is {@code bigredirectq2etarget},
 * {@code Quota} is {@code q71uota}.
 */
public final class SettingKeys {
    public static final String PREFIX = "/private/vendor/jameslua/";
    /** The longest entry name every James mailbox backend stores (JPA's annotation key column). */
    static final int MAX_KEY_LENGTH = 200;

    static final int MAX_COMPONENT_LENGTH = MAX_KEY_LENGTH - PREFIX.length();
    private static final char ESCAPE = 'q';

    private SettingKeys() {}

    /** The entry for a setting name; empty for the empty name or one whose entry would be too long. */
    public static Optional<MailboxAnnotationKey> of(String name) {
        return component(name).map(component -> new MailboxAnnotationKey(PREFIX + component));
    }

    /** The name's last entry component, also usable as a mailbox name. */
    static Optional<String> component(String name) {
        // each character takes at least one place in the entry: a longer name (a script's can be tens of megabytes)
        // is refused before it is copied
        if (name.length() > MAX_COMPONENT_LENGTH) {
            return Optional.empty();
        }
        StringBuilder encoded = new StringBuilder();
        for (byte b : name.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c != ESCAPE && (c >= 'a' && c <= 'z' || c >= '0' && c <= '9')) {
                encoded.append(c);
            } else {
                encoded.append(ESCAPE).append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xf, 16));
            }
        }
        if (encoded.length() == 0 || encoded.length() > MAX_COMPONENT_LENGTH) {
            return Optional.empty();
        }
        return Optional.of(encoded.toString());
    }
}
