package org.jameslua.server;

import java.net.InetSocketAddress;
import java.util.List;
import javax.inject.Inject;
import org.apache.james.smtpserver.netty.SMTPServerFactory;
import org.apache.james.utils.GuiceProbe;

/** James's own SmtpGuiceProbe reports only the first SMTP listener; templates may declare several. */
public class SmtpPortsProbe implements GuiceProbe {

    private final SMTPServerFactory smtpServerFactory;

    @Inject
    public SmtpPortsProbe(SMTPServerFactory smtpServerFactory) {
        this.smtpServerFactory = smtpServerFactory;
    }

    /** Bound ports, in the order the listeners appear in smtpserver.xml. */
    public List<Integer> ports() {
        return smtpServerFactory.getServers().stream()
                .flatMap(server -> server.getListenAddresses().stream())
                .map(InetSocketAddress::getPort)
                .toList();
    }
}
