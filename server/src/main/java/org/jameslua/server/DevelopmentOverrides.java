package org.jameslua.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.w3c.dom.Element;

/**
 * Everything the development server changes in the operator's configuration (conf-samples/james-conf), made on
 * the copies in {@code conf/}, structurally (DOM and properties), so that the operator's files are the ones
 * that run:
 *
 * <ul>
 * <li>smtpserver.xml: only the first listener (the others are James's TLS listeners, which need a keystore),
 * bound to the given address and port, without TLS (or with STARTTLS on the operator's keystore, when asked), with a fixed hello name and greeting (replies must not depend
 * on the machine), AUTH always announced and allowed without TLS (so scripts and tests can use it from loopback),
 * the given authorized addresses, no graceful shutdown (which waits seconds per listener), and any other element
 * of the listener a test asks for (say {@code ioWorkerCount});</li>
 * <li>mailetcontainer.xml: every RemoteDelivery replaced by a ToRepository into {@value #OUTBOUND}, so a
 * development server never sends mail to the Internet; or, when an outbound gateway is given (a test's loopback
 * SMTP server), every RemoteDelivery kept and sending all mail to that gateway;</li>
 * <li>james-lua.properties: the scripts folder, plus any pack settings asked for.</li>
 * </ul>
 *
 * A file the template lacks is left lacking.
 */
final class DevelopmentOverrides {

    static final String GREETING = "james-lua ESMTP ready";
    static final String OUTBOUND = "memory://var/mail/outbound/";

    private final String bindHost;
    private final int smtpPort;
    private final String domain;
    private final String authorizedAddresses;
    private final Map<String, String> packSettings;
    private final Optional<Gateway> outboundGateway;
    private final boolean startTls;
    private final Map<String, String> smtpServerElements;

    /** An SMTP server every RemoteDelivery sends to, instead of the recipients' MX servers. */
    record Gateway(String host, int port) {}

    DevelopmentOverrides(
            String bindHost,
            int smtpPort,
            String domain,
            String authorizedAddresses,
            Path scriptsFolder,
            Map<String, String> packSettings) {
        this(
                bindHost,
                smtpPort,
                domain,
                authorizedAddresses,
                scriptsFolder,
                packSettings,
                Optional.empty(),
                false,
                Map.of());
    }

    DevelopmentOverrides(
            String bindHost,
            int smtpPort,
            String domain,
            String authorizedAddresses,
            Path scriptsFolder,
            Map<String, String> packSettings,
            Optional<Gateway> outboundGateway,
            boolean startTls,
            Map<String, String> smtpServerElements) {
        this.outboundGateway = outboundGateway;
        this.smtpServerElements = Map.copyOf(smtpServerElements);
        this.startTls = startTls;
        this.bindHost = bindHost;
        this.smtpPort = smtpPort;
        this.domain = domain;
        this.authorizedAddresses = authorizedAddresses;
        this.packSettings = new LinkedHashMap<>();
        this.packSettings.put("scripts.folder", scriptsFolder.toAbsolutePath().toString());
        this.packSettings.putAll(packSettings);
    }

    void applyTo(Path conf) throws IOException {
        Path smtpServer = conf.resolve("smtpserver.xml");
        if (Files.exists(smtpServer)) {
            editSmtpServer(smtpServer);
        }
        Path mailetContainer = conf.resolve("mailetcontainer.xml");
        if (Files.exists(mailetContainer)) {
            if (outboundGateway.isPresent()) {
                sendThrough(mailetContainer, outboundGateway.get());
            } else {
                captureOutboundMail(mailetContainer);
            }
        }
        Path packProperties = conf.resolve("james-lua.properties");
        if (Files.exists(packProperties)) {
            PropertiesFile.edit(packProperties, properties -> packSettings.forEach(properties::setProperty));
        }
    }

    private void editSmtpServer(Path file) throws IOException {
        XmlFile xml = XmlFile.read(file);
        List<Element> servers = XmlFile.children(xml.root(), "smtpserver");
        if (servers.isEmpty()) {
            return;
        }
        servers.subList(1, servers.size()).forEach(XmlFile::remove);
        Element server = servers.get(0);
        xml.setChildText(server, "bind", bindHost + ":" + smtpPort);
        Element tls = xml.child(server, "tls");
        tls.setAttribute("socketTLS", "false");
        tls.setAttribute("startTLS", Boolean.toString(startTls));
        xml.setChildText(server, "helloName", "mail." + domain).setAttribute("autodetect", "false");
        xml.setChildText(server, "smtpGreeting", GREETING);
        Element auth = xml.child(server, "auth");
        xml.setChildText(auth, "announce", "always");
        xml.setChildText(auth, "requireSSL", "false");
        xml.setChildText(auth, "plainAuthEnabled", "true");
        xml.setChildText(server, "authorizedAddresses", authorizedAddresses);
        xml.setChildText(server, "gracefulShutdown", "false");
        smtpServerElements.forEach((name, text) -> xml.setChildText(server, name, text));
        xml.write();
    }

    private static void sendThrough(Path file, Gateway gateway) throws IOException {
        XmlFile xml = XmlFile.read(file);
        for (Element mailet : remoteDeliveries(xml)) {
            xml.setChildText(mailet, "gateway", gateway.host());
            xml.setChildText(mailet, "gatewayPort", Integer.toString(gateway.port()));
        }
        xml.write();
    }

    private static List<Element> remoteDeliveries(XmlFile xml) {
        return xml.descendants("mailet").stream()
                .filter(mailet -> RemoteDeliveryMailets.isRemoteDelivery(mailet.getAttribute("class")))
                .toList();
    }

    private static void captureOutboundMail(Path file) throws IOException {
        XmlFile xml = XmlFile.read(file);
        for (Element mailet : remoteDeliveries(xml)) {
            Element capture = xml.createElement("mailet");
            capture.setAttribute("match", mailet.getAttribute("match"));
            capture.setAttribute("class", "ToRepository");
            xml.setChildText(capture, "repositoryPath", OUTBOUND);
            xml.replace(mailet, xml.createComment(" james-lua development server: captured instead of sent "), capture);
        }
        xml.write();
    }
}
