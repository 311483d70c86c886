package org.jameslua.james.fetchmail;

import java.util.Optional;
import javax.annotation.PreDestroy;
import javax.inject.Inject;
import org.apache.commons.configuration2.HierarchicalConfiguration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.commons.configuration2.tree.ImmutableNode;
import org.apache.james.dnsservice.api.DNSService;
import org.apache.james.domainlist.api.DomainList;
import org.apache.james.queue.api.MailQueueFactory;
import org.apache.james.server.core.configuration.ConfigurationProvider;
import org.apache.james.user.api.UsersRepository;
import org.apache.james.util.LoggingLevel;
import org.apache.james.utils.UserDefinedStartable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * James's FetchMail on a Guice server, which has none: named in {@code conf/extensions.properties} as
 * {@code guice.extension.startable=org.jameslua.james.fetchmail.FetchMailStartable}, it reads
 * {@code conf/fetchmail.xml} (the Spring server's file, unchanged) when James starts and, if the file exists and
 * says {@code enabled="true"}, runs each {@code <fetch>} task at its interval.
 *
 * <p>James calls {@link #start()} once all its services run, and {@link #stop()} (as a {@code @PreDestroy}
 * method of an instance its injector made) when it stops, before the services the fetches spool mail into.
 */
public final class FetchMailStartable implements UserDefinedStartable {
    static final String CONFIGURATION = "fetchmail";
    private static final Logger LOGGER = LoggerFactory.getLogger(FetchMailStartable.class);

    private final ConfigurationProvider configurationProvider;
    private final FetchMailServices services;
    private Optional<FetchTasks> running = Optional.empty();

    @Inject
    public FetchMailStartable(
            ConfigurationProvider configurationProvider,
            DNSService dns,
            UsersRepository users,
            DomainList domains,
            MailQueueFactory<?> queues) {
        this.configurationProvider = configurationProvider;
        this.services = new FetchMailServices(dns, users, domains, queues);
    }

    @Override
    public synchronized void start() {
        HierarchicalConfiguration<ImmutableNode> configuration = configuration();
        if (!configuration.getBoolean("[@enabled]", false)) {
            LOGGER.info("FetchMail is off: no conf/{}.xml, or it is not enabled", CONFIGURATION);
            return;
        }
        try {
            running = Optional.of(FetchTasks.start(configuration, services));
        } catch (ConfigurationException e) {
            // James's own components refuse to start on a bad configuration file: so does this one
            throw new IllegalStateException("Unusable conf/" + CONFIGURATION + ".xml: " + e.getMessage(), e);
        }
    }

    @PreDestroy
    public synchronized void stop() {
        running.ifPresent(FetchTasks::stop);
        running = Optional.empty();
    }

    private HierarchicalConfiguration<ImmutableNode> configuration() {
        try {
            // a missing file is an empty configuration: FetchMail is then simply off
            return configurationProvider.getConfiguration(CONFIGURATION, LoggingLevel.DEBUG);
        } catch (ConfigurationException e) {
            throw new IllegalStateException("Unreadable conf/" + CONFIGURATION + ".xml: " + e.getMessage(), e);
        }
    }
}
