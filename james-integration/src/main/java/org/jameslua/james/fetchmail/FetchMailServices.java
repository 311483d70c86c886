package org.jameslua.james.fetchmail;

import org.apache.james.dnsservice.api.DNSService;
import org.apache.james.domainlist.api.DomainList;
import org.apache.james.queue.api.MailQueueFactory;
import org.apache.james.user.api.UsersRepository;

/** The James services a FetchMail task works with: it checks recipients against users and domains, and spools. */
final class FetchMailServices {
    private final DNSService dns;
    private final UsersRepository users;
    private final DomainList domains;
    private final MailQueueFactory<?> queues;

    FetchMailServices(DNSService dns, UsersRepository users, DomainList domains, MailQueueFactory<?> queues) {
        this.dns = dns;
        this.users = users;
        this.domains = domains;
        this.queues = queues;
    }

    public DNSService dns() {
        return dns;
    }

    public UsersRepository users() {
        return users;
    }

    public DomainList domains() {
        return domains;
    }

    public MailQueueFactory<?> queues() {
        return queues;
    }
}
