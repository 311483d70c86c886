package org.jameslua.james.script;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import javax.mail.internet.AddressException;
import org.apache.james.core.MailAddress;

/**
 * Email addresses as scripts and VPOP3 settings write them: {@code a@b} or {@code <a@b>}, blanks around them
 * ignored. Whether a bare name is an address is the caller's choice: {@link #fullOnly()} refuses it (mailets,
 * matchers, settings), {@link #withDefaultDomain(String)} gives it that domain, as James does for a RCPT TO without
 * one (the SMTP scripts' ProcessMessage Recipients and RBLRedirect).
 */
public final class Addresses {
    private static final String SEPARATORS = "[,;\\s]+";

    private final Optional<String> defaultDomain;

    private Addresses(Optional<String> defaultDomain) {
        this.defaultDomain = defaultDomain;
    }

    public static Addresses fullOnly() {
        return new Addresses(Optional.empty());
    }

    public static Addresses withDefaultDomain(String domain) {
        return new Addresses(Optional.of(domain));
    }

    /** One address; anything else is a {@link BadReturn} naming {@code what} (e.g. "Recipients entry"). */
    public MailAddress parse(String text, String what) {
        try {
            return address(text.strip());
        } catch (AddressException e) {
            throw new BadReturn(what + " is not an email address: " + LuaValues.quote(text));
        }
    }

    /**
     * A list of addresses separated by commas, semicolons or blanks, as VPOP3's Assistants and Forward To settings
     * hold them. Entries that are not addresses are handed to {@code invalid} and left out.
     */
    public List<MailAddress> parseList(String text, Consumer<String> invalid) {
        List<MailAddress> addresses = new ArrayList<>();
        for (String entry : text.split(SEPARATORS)) {
            if (entry.isEmpty()) {
                continue;
            }
            try {
                addresses.add(address(entry));
            } catch (AddressException e) {
                invalid.accept(entry);
            }
        }
        return addresses;
    }

    /**
     * Whether a list, as {@link #parseList} reads it, has more than {@code most} entries, found without splitting
     * it: a long string costs a script little, and must not cost the host an object or a log line per entry.
     */
    public static boolean hasMoreEntriesThan(String text, int most) {
        int entries = 0;
        boolean inEntry = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean separator = c == ',' || c == ';' || c == ' ' || (c >= '\t' && c <= '\r');
            if (!separator && !inEntry && ++entries > most) {
                return true;
            }
            inEntry = !separator;
        }
        return false;
    }

    private MailAddress address(String text) throws AddressException {
        String address = text.length() > 1 && text.startsWith("<") && text.endsWith(">")
                ? text.substring(1, text.length() - 1)
                : text;
        if (defaultDomain.isPresent() && !address.isEmpty() && !address.contains("@")) {
            address = address + "@" + defaultDomain.get();
        }
        return new MailAddress(address);
    }
}
