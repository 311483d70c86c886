package org.jameslua.james.host;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.james.core.Username;
import org.apache.james.domainlist.api.DomainList;
import org.apache.james.domainlist.api.DomainListException;
import org.apache.james.rrt.api.RecipientRewriteTable;
import org.apache.james.rrt.api.RecipientRewriteTableException;
import org.apache.james.user.api.UsersRepository;
import org.apache.james.user.api.UsersRepositoryException;
import org.jameslua.engine.host.ExpandedAddress;
import org.jameslua.engine.host.UserDirectory;

/**
 * {@code VPOP3.GetUserList} from James's users repository (user names as James has them: whole addresses with
 * virtual hosting) and {@code VPOP3.ExpandAddress} through its recipient rewrite table. James has no "In Mail"
 * items: the second argument of {@code ExpandAddress} changes nothing.
 */
public final class JamesUserDirectory implements UserDirectory {
    private final UsersRepository users;
    private final RewriteTableExpansion expansion;

    public JamesUserDirectory(UsersRepository users, RecipientRewriteTable table, DomainList domains) {
        this.users = users;
        this.expansion = new RewriteTableExpansion(table, users, domains);
    }

    @Override
    public List<String> users() {
        try {
            List<String> names = new ArrayList<>();
            for (Iterator<Username> all = users.list(); all.hasNext(); ) {
                names.add(all.next().asString());
            }
            return names;
        } catch (UsersRepositoryException e) {
            throw new IllegalStateException("cannot list James's users: " + e.getMessage(), e);
        }
    }

    @Override
    public List<ExpandedAddress> expand(String address, int inMailIndex) {
        try {
            return expansion.expand(address);
        } catch (RecipientRewriteTableException | UsersRepositoryException | DomainListException e) {
            throw new IllegalStateException("cannot expand " + address + ": " + e.getMessage(), e);
        }
    }
}
