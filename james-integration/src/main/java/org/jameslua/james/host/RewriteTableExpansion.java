package org.jameslua.james.host;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.mail.internet.AddressException;
import org.apache.james.core.Domain;
import org.apache.james.core.MailAddress;
import org.apache.james.core.Username;
import org.apache.james.domainlist.api.DomainList;
import org.apache.james.domainlist.api.DomainListException;
import org.apache.james.rrt.api.RecipientRewriteTable;
import org.apache.james.rrt.api.RecipientRewriteTable.ErrorMappingException;
import org.apache.james.rrt.api.RecipientRewriteTable.TooManyMappingException;
import org.apache.james.rrt.api.RecipientRewriteTableConfiguration;
import org.apache.james.rrt.api.RecipientRewriteTableException;
import org.apache.james.rrt.lib.Mapping;
import org.apache.james.rrt.lib.MappingSource;
import org.apache.james.rrt.lib.Mappings;
import org.apache.james.user.api.UsersRepository;
import org.apache.james.user.api.UsersRepositoryException;
import org.jameslua.engine.host.ExpandedAddress;

/**
 * {@code VPOP3.ExpandAddress} through James's recipient rewrite table, resolved step by step the way James's
 * {@code AbstractRecipientRewriteTable} resolves it (an address's own mappings, else its domain's; recursion and
 * mapping limit as configured; a mapping back to the address itself ends the resolution), so that each step's
 * kind of mapping can be told apart:
 *
 * <ul>
 *   <li>every final recipient is one entry: {@code Name} is James's user name when it is a local user, else the
 *       address; {@code Remote} is true when its domain is not one of James's; {@code Forwarded} is true when a
 *       forward mapping ({@code forward:}) led to it;</li>
 *   <li>an address on the way that is a group ({@code group:}) or maps to several targets is also an entry, before
 *       its members: {@code List} true and {@code DeferredExpansion} false, since its members follow;</li>
 *   <li>an address James would refuse (an error mapping, too many mappings, a target that is not an address) gives
 *       no entry at all; an address that cannot be parsed gives none either;</li>
 *   <li>a name without {@code @} is taken in James's default domain. Each entry is listed once.</li>
 * </ul>
 */
final class RewriteTableExpansion {
    private final RecipientRewriteTable table;
    private final UsersRepository users;
    private final DomainList domains;

    RewriteTableExpansion(RecipientRewriteTable table, UsersRepository users, DomainList domains) {
        this.table = table;
        this.users = users;
        this.domains = domains;
    }

    List<ExpandedAddress> expand(String address)
            throws RecipientRewriteTableException, UsersRepositoryException, DomainListException {
        Optional<Username> start = parse(address);
        if (start.isEmpty()) {
            return List.of();
        }
        Map<String, ExpandedAddress> entries = new LinkedHashMap<>();
        RecipientRewriteTableConfiguration configuration = table.getConfiguration();
        try {
            visit(start.get(), false, configuration.getMappingLimit(), configuration.isRecursive(), entries);
        } catch (ErrorMappingException | AddressException e) {
            return List.of();
        }
        return List.copyOf(entries.values());
    }

    private void visit(
            Username user, boolean forwarded, int remaining, boolean recursive, Map<String, ExpandedAddress> entries)
            throws ErrorMappingException, AddressException, RecipientRewriteTableException, UsersRepositoryException,
                    DomainListException {
        if (remaining == 0) {
            throw new TooManyMappingException("too many mappings for " + user.asString());
        }
        List<Target> targets = new ArrayList<>();
        for (Mapping mapping : storedMappings(user).asStream().collect(Collectors.toUnmodifiableList())) {
            Optional<Username> rewritten =
                    mapping.rewriteUser(user).map(target -> target.withDefaultDomainFromUser(user));
            if (rewritten.isEmpty()) {
                continue;
            }
            boolean forward = mapping.getType() == Mapping.Type.Forward;
            if (rewritten.get().equals(user) && !forward) {
                // James drops all of the address's mappings then, and delivers to the address itself
                finalRecipient(user, forwarded, entries);
                return;
            }
            targets.add(new Target(rewritten.get(), mapping.getType()));
        }
        if (targets.isEmpty()) {
            finalRecipient(user, forwarded, entries);
            return;
        }
        if (targets.size() > 1 || targets.stream().anyMatch(target -> target.type() == Mapping.Type.Group)) {
            MailAddress list = user.asMailAddress();
            add(
                    entries,
                    new ExpandedAddress(
                            list.asString(), true, Optional.of(false), isRemote(list.getDomain()), forwarded));
        }
        for (Target target : targets) {
            boolean viaForward = forwarded || target.type() == Mapping.Type.Forward;
            if (target.user().equals(user)) {
                // forward:itself keeps a copy in the address's own mailbox
                finalRecipient(user, forwarded, entries);
            } else if (recursive) {
                visit(target.user(), viaForward, remaining - 1, true, entries);
            } else {
                finalRecipient(target.user(), viaForward, entries);
            }
        }
    }

    private Mappings storedMappings(Username user) throws RecipientRewriteTableException {
        Mappings own = table.getStoredMappings(MappingSource.fromUser(user));
        if (!own.isEmpty()) {
            return own;
        }
        return table.getStoredMappings(
                MappingSource.fromDomain(user.getDomainPart().orElseThrow()));
    }

    private void finalRecipient(Username user, boolean forwarded, Map<String, ExpandedAddress> entries)
            throws AddressException, UsersRepositoryException, DomainListException {
        MailAddress address = user.asMailAddress();
        Username jamesUser = users.getUsername(address);
        if (users.contains(jamesUser)) {
            add(entries, new ExpandedAddress(jamesUser.asString(), false, Optional.empty(), false, forwarded));
        } else {
            add(
                    entries,
                    new ExpandedAddress(
                            address.asString(), false, Optional.empty(), isRemote(address.getDomain()), forwarded));
        }
    }

    private boolean isRemote(Domain domain) throws DomainListException {
        return !domains.containsDomain(domain);
    }

    private static void add(Map<String, ExpandedAddress> entries, ExpandedAddress entry) {
        entries.putIfAbsent((entry.list() ? "list:" : "recipient:") + entry.name(), entry);
    }

    private Optional<Username> parse(String address) throws DomainListException {
        String text = address.strip();
        if (text.startsWith("<") && text.endsWith(">")) {
            text = text.substring(1, text.length() - 1);
        }
        try {
            if (!text.contains("@")) {
                return Optional.of(Username.fromMailAddress(new MailAddress(text, domains.getDefaultDomain())));
            }
            return Optional.of(Username.fromMailAddress(new MailAddress(text)));
        } catch (AddressException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static final class Target {
        private final Username user;
        private final Mapping.Type type;

        private Target(Username user, Mapping.Type type) {
            this.user = user;
            this.type = type;
        }

        public Username user() {
            return user;
        }

        public Mapping.Type type() {
            return type;
        }
    }
}
