package org.jameslua.james.host;

import java.util.Map;
import org.apache.james.domainlist.api.DomainList;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.rrt.api.RecipientRewriteTable;
import org.apache.james.user.api.UsersRepository;
import org.jameslua.engine.host.Host;

/** The {@code VPOP3.*} settings and user helpers backed by James's own services. */
public final class JamesHost {
    private JamesHost() {}

    /** @param declaredSettings the global settings that exist, with their initial values */
    public static Host create(
            UsersRepository users,
            RecipientRewriteTable table,
            DomainList domains,
            MailboxManager mailboxManager,
            Map<String, String> declaredSettings) {
        return new Host(
                new SharedGlobalSettings(mailboxManager, declaredSettings),
                new JamesUserDirectory(users, table, domains),
                new InboxUserSettings(users, mailboxManager));
    }
}
