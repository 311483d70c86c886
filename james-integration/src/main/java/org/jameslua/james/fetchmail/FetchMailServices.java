package org.jameslua.james.fetchmail;

import org.apache.james.dnsservice.api.DNSService;
import org.apache.james.domainlist.api.DomainList;
import org.apache.james.queue.api.MailQueueFactory;
import org.apache.james.user.api.UsersRepository;

/** The James services a FetchMail task works with: it checks recipients against users and domains, and spools. */
record FetchMailServices(DNSService dns, UsersRepository users, DomainList domains, MailQueueFactory<?> queues) {
}
