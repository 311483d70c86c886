package org.jameslua.smtp.data;

import org.apache.james.domainlist.api.DomainList;
import org.apache.james.domainlist.api.DomainListException;

/** James's default domain, which a bare name an SMTP script gives as an address gets, as a RCPT TO without one does. */
public final class DefaultDomain {
    private DefaultDomain() {}

    public static String of(DomainList domains) {
        try {
            return domains.getDefaultDomain().asString();
        } catch (DomainListException e) {
            return "localhost";
        }
    }
}
