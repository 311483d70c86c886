package org.jameslua.server;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.ProvidesIntoSet;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.james.core.Domain;
import org.apache.james.core.Username;
import org.apache.james.domainlist.api.DomainList;
import org.apache.james.user.memory.MemoryUsersRepository;
import org.apache.james.utils.InitializationOperation;
import org.apache.james.utils.InitilizationOperationBuilder;

/**
 * Creates the builder's domain and accounts while James starts, before its mail spooler and its protocol servers.
 * A working directory kept from an earlier run (one killed with mail in {@code var/queue}) hands its queued mail to
 * the spooler as soon as it starts; were the recipients created after that, the mail would go to
 * {@code local-address-error} as "no such user here" and be bounced.
 *
 * <p>The accounts are configuration, not password changes: they go straight into James's repository, so that a
 * {@code PASSWORDCHECK.LUA} in the scripts folder cannot stop the server starting.
 */
final class AccountsProvisioning extends AbstractModule {
    private final String domain;
    private final Map<String, String> passwordsByUser;

    AccountsProvisioning(String domain, Map<String, String> passwordsByUser) {
        this.domain = domain;
        this.passwordsByUser = new LinkedHashMap<>(passwordsByUser);
    }

    /**
     * Runs with the users repository's own start-up: James starts its domain list and users repository before the
     * spooler, the mailet container and every server, and initialises the repository (bound before this module)
     * before running this.
     */
    @ProvidesIntoSet
    InitializationOperation provisionAccounts(MemoryUsersRepository users, DomainList domains) {
        return InitilizationOperationBuilder.forClass(MemoryUsersRepository.class)
                .init(() -> provision(users, domains));
    }

    private void provision(MemoryUsersRepository users, DomainList domains) throws Exception {
        // domainlist.xml usually names the domain as defaultDomain, and James has created it already
        if (!domains.containsDomain(Domain.of(domain))) {
            domains.addDomain(Domain.of(domain));
        }
        for (Map.Entry<String, String> user : passwordsByUser.entrySet()) {
            users.addUser(Username.of(user.getKey()), user.getValue());
        }
    }
}
