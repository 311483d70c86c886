package org.jameslua.mailets.mail;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javax.mail.internet.AddressException;
import org.apache.james.core.MailAddress;
import org.jameslua.james.script.BadReturn;

/** Email addresses as scripts and VPOP3 settings write them. */
public final class Addresses {
    private Addresses() {}

    /** One address ({@code a@b} or {@code <a@b>}); anything else is a {@link BadReturn}. */
    public static MailAddress parse(String text, String what) {
        try {
            return new MailAddress(unbracket(text.strip()));
        } catch (AddressException e) {
            throw new BadReturn(what + " is not an email address: \"" + text + "\"");
        }
    }

    /**
     * A list of addresses separated by commas, semicolons or spaces, as VPOP3's Assistants and Forward To
     * settings hold them. Entries that are not addresses are handed to {@code invalid} and left out.
     */
    public static List<MailAddress> parseList(String text, Consumer<String> invalid) {
        List<MailAddress> addresses = new ArrayList<>();
        for (String entry : text.split("[,;\\s]+")) {
            if (entry.isEmpty()) {
                continue;
            }
            try {
                addresses.add(new MailAddress(unbracket(entry)));
            } catch (AddressException e) {
                invalid.accept(entry);
            }
        }
        return addresses;
    }

    private static String unbracket(String text) {
        return text.length() > 1 && text.startsWith("<") && text.endsWith(">")
                ? text.substring(1, text.length() - 1)
                : text;
    }
}
