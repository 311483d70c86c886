package org.jameslua.server;

import javax.inject.Inject;

import org.apache.james.core.Domain;
import org.apache.james.core.Username;
import org.apache.james.domainlist.api.DomainList;
import org.apache.james.user.memory.MemoryUsersRepository;
import org.apache.james.utils.GuiceProbe;

/**
 * Creates the accounts the builder is given, as configuration rather than as a password change: straight in
 * James's repository, so that a {@code PASSWORDCHECK.LUA} in the scripts folder cannot stop the server starting.
 */
public class AccountsProbe implements GuiceProbe {
    private final MemoryUsersRepository users;
    private final DomainList domains;

    @Inject
    public AccountsProbe(MemoryUsersRepository users, DomainList domains) {
        this.users = users;
        this.domains = domains;
    }

    public void addDomainIfMissing(String domain) throws Exception {
        // domainlist.xml usually names the domain as defaultDomain, and James has created it already
        if (!domains.containsDomain(Domain.of(domain))) {
            domains.addDomain(Domain.of(domain));
        }
    }

    public void addUser(String user, String password) throws Exception {
        users.addUser(Username.of(user), password);
    }
}
