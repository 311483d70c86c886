package org.jameslua.james.host;

import java.util.Map;
import org.apache.james.core.Domain;
import org.apache.james.core.Username;
import org.apache.james.domainlist.lib.DomainListConfiguration;
import org.apache.james.domainlist.memory.MemoryDomainList;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.inmemory.manager.InMemoryIntegrationResources;
import org.apache.james.rrt.api.RecipientRewriteTableConfiguration;
import org.apache.james.rrt.memory.MemoryRecipientRewriteTable;
import org.apache.james.user.memory.MemoryUsersRepository;
import org.jameslua.engine.host.Host;

/**
 * James's own in-memory users, domains, recipient rewrite table and mailboxes, with virtual hosting and the
 * domains {@code example.local} (the default) and {@code other.local}.
 */
final class InMemoryJames {
    static final Domain DOMAIN = Domain.of("example.local");
    static final Domain OTHER_DOMAIN = Domain.of("other.local");

    final MemoryDomainList domains;
    final MemoryUsersRepository users;
    final MemoryRecipientRewriteTable rewriteTable;
    final MailboxManager mailboxManager;

    private InMemoryJames(MailboxManager mailboxManager) throws Exception {
        this.mailboxManager = mailboxManager;
        domains = new MemoryDomainList(null);
        domains.configure(DomainListConfiguration.builder()
                .autoDetect(false)
                .autoDetectIp(false)
                .defaultDomain(DOMAIN)
                .build());
        domains.addDomain(OTHER_DOMAIN);
        users = MemoryUsersRepository.withVirtualHosting(domains);
        rewriteTable = new MemoryRecipientRewriteTable();
        rewriteTable.setConfiguration(RecipientRewriteTableConfiguration.DEFAULT_ENABLED);
        rewriteTable.setUsersRepository(users);
        rewriteTable.setDomainList(domains);
    }

    static InMemoryJames start() throws Exception {
        return new InMemoryJames(InMemoryIntegrationResources.defaultResources().getMailboxManager());
    }

    /** Mailboxes that keep at most {@code count} annotations of at most {@code size} characters each. */
    static InMemoryJames withAnnotationLimits(int count, int size) throws Exception {
        return new InMemoryJames(InMemoryIntegrationResources.builder()
                .preProvisionnedFakeAuthenticator()
                .fakeAuthorizator()
                .inVmEventBus()
                .annotationLimits(count, size)
                .defaultMessageParser()
                .scanningSearchIndex()
                .noPreDeletionHooks()
                .storeQuotaManager()
                .build()
                .getMailboxManager());
    }

    InMemoryJames user(String name) throws Exception {
        users.addUser(Username.of(name), "secret");
        return this;
    }

    Host host(Map<String, String> declaredSettings) {
        return JamesHost.create(users, rewriteTable, domains, mailboxManager, declaredSettings);
    }
}
