package org.jameslua.smtp.data;

import javax.mail.internet.AddressException;
import org.apache.james.core.MailAddress;
import org.apache.james.domainlist.api.DomainList;
import org.apache.james.domainlist.api.DomainListException;
import org.jameslua.james.script.BadReturn;
import org.jameslua.james.script.LuaValues;

/**
 * Addresses scripts give (ProcessMessage's Recipients, RBLRedirect). A bare name gets James's default
 * domain, as James does for a RCPT TO without one.
 */
public final class Addresses {
    private Addresses() {}

    public static MailAddress parse(String text, DomainList domains) throws BadReturn {
        String address = text.trim();
        if (address.startsWith("<") && address.endsWith(">")) {
            address = address.substring(1, address.length() - 1);
        }
        if (!address.isEmpty() && !address.contains("@")) {
            address = address + "@" + defaultDomain(domains);
        }
        try {
            return new MailAddress(address);
        } catch (AddressException e) {
            throw new BadReturn("not an e-mail address: " + LuaValues.quote(text));
        }
    }

    private static String defaultDomain(DomainList domains) {
        try {
            return domains.getDefaultDomain().asString();
        } catch (DomainListException e) {
            return "localhost";
        }
    }
}
