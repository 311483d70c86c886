package org.jameslua.server;

import com.google.inject.Module;
import com.google.inject.multibindings.Multibinder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.james.GuiceJamesServer;
import org.apache.james.MemoryJamesConfiguration;
import org.apache.james.MemoryJamesServerMain;
import org.apache.james.modules.protocols.ImapGuiceProbe;
import org.apache.james.utils.GuiceProbe;
import org.apache.james.utils.WebAdminGuiceProbe;
import org.jameslua.server.queue.DiskMailQueueProbe;

/**
 * A running in-memory James 3.8.1 assembled in-process from a configuration template directory (by default the
 * operator's configuration of conf-samples, edited by {@link DevelopmentOverrides}) and the sample scripts.
 * The same class serves the newcomer's main and the end-to-end tests, so both exercise one assembly.
 */
public final class JamesLuaServer implements AutoCloseable {

    public static final String DEFAULT_DOMAIN = "example.local";
    public static final String DEFAULT_USER_LOCAL_PART = "user";
    public static final String DEFAULT_PASSWORD = "secret";
    static final String SCRIPTS_FOLDER = "scripts";

    private final GuiceJamesServer server;
    private final Path workingDirectory;
    private final boolean ownsWorkingDirectory;
    private final String domain;

    private JamesLuaServer(
            GuiceJamesServer server, Path workingDirectory, boolean ownsWorkingDirectory, String domain) {
        this.server = server;
        this.workingDirectory = workingDirectory;
        this.ownsWorkingDirectory = ownsWorkingDirectory;
        this.domain = domain;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Bound SMTP ports, in smtpserver.xml order. */
    public List<Integer> smtpPorts() {
        return server.getProbe(SmtpPortsProbe.class).ports();
    }

    /** The first SMTP listener's port. */
    public int smtpPort() {
        return smtpPorts().get(0);
    }

    public int imapPort() {
        return server.getProbe(ImapGuiceProbe.class).getImapPort();
    }

    public int webAdminPort() {
        return server.getProbe(WebAdminGuiceProbe.class).getWebAdminPort().getValue();
    }

    public String domain() {
        return domain;
    }

    public Path workingDirectory() {
        return workingDirectory;
    }

    /** The scripts folder (james-lua.properties' scripts.folder): a copy of conf-samples/scripts at first start. */
    public Path scriptsFolder() {
        return workingDirectory.resolve(SCRIPTS_FOLDER);
    }

    public <T extends GuiceProbe> T probe(Class<T> probeClass) {
        return server.getProbe(probeClass);
    }

    @Override
    public void close() {
        try {
            server.stop();
        } finally {
            if (ownsWorkingDirectory) {
                deleteRecursively(workingDirectory);
            }
        }
    }

    private static void deleteRecursively(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a leftover temp dir must not mask the shutdown itself
            System.err.println("Could not delete " + root + ": " + e);
        }
    }

    public static final class Builder {
        private Path confTemplate;
        private Path workingDirectory;
        private final Map<String, String> placeholders = new LinkedHashMap<>();
        private final List<Path> extensionJars = new ArrayList<>();
        private final List<Module> overrides = new ArrayList<>();
        private final Map<String, String> users = new LinkedHashMap<>();
        private final Map<String, String> packSettings = new LinkedHashMap<>();
        private String domain = DEFAULT_DOMAIN;
        private String bindHost = "127.0.0.1";
        // port 0: the OS picks a free port, which the probes then report
        private int smtpPort = 0;
        private String authorizedAddresses = "127.0.0.0/8";
        private boolean packCoreBindings = true;
        private Optional<PackRemoval> packRemoval = Optional.empty();
        private Optional<DevelopmentOverrides.Gateway> outboundGateway = Optional.empty();
        private boolean startTls;
        private final Map<String, String> smtpServerElements = new LinkedHashMap<>();

        private Builder() {
            placeholders.put("IMAP_PORT", "0");
            placeholders.put("WEBADMIN_PORT", "0");
        }

        /**
         * Directory of James configuration files; defaults to {@link BundledConf#defaultTemplate()}: the operator's
         * files of conf-samples/james-conf with the rest of a development server's configuration.
         * {@link DevelopmentOverrides} then edits the copies.
         */
        public Builder confTemplate(Path confTemplate) {
            this.confTemplate = confTemplate;
            return this;
        }

        /** Kept after stop. Without it a temp directory is used and deleted on stop. */
        public Builder workingDirectory(Path workingDirectory) {
            this.workingDirectory = workingDirectory;
            return this;
        }

        /**
         * Value for {@code ${name}} in the template files of this module (the operator's files have none).
         * Set by the builder: BIND_HOST, IMAP_PORT and WEBADMIN_PORT (0: free ports) and DOMAIN.
         */
        public Builder placeholder(String name, String value) {
            placeholders.put(name, value);
            return this;
        }

        /** The address every listener binds to; 127.0.0.1 unless set. */
        public Builder bindHost(String bindHost) {
            this.bindHost = bindHost;
            return this;
        }

        public Builder smtpPort(int port) {
            this.smtpPort = port;
            return this;
        }

        public Builder imapPort(int port) {
            return placeholder("IMAP_PORT", Integer.toString(port));
        }

        public Builder webAdminPort(int port) {
            return placeholder("WEBADMIN_PORT", Integer.toString(port));
        }

        /**
         * Mail to other servers really goes out, all of it to this SMTP server (a test's loopback server), through
         * the configuration's own RemoteDelivery mailets with {@code <gateway>}/{@code <gatewayPort>}. Without it,
         * mail to other servers is kept in {@value DevelopmentOverrides#OUTBOUND} and never sent.
         */
        public Builder outboundGateway(String host, int port) {
            this.outboundGateway = Optional.of(new DevelopmentOverrides.Gateway(host, port));
            return this;
        }

        /**
         * Offers STARTTLS on the SMTP listener, with the keystore its {@code <tls>} names (the operator's
         * {@code conf/keystore}): put one in the {@link #workingDirectory} first.
         */
        public Builder startTls() {
            this.startTls = true;
            return this;
        }

        /** smtpserver.xml's authorizedAddresses: clients that may relay without authenticating; 127.0.0.0/8 unless set. */
        public Builder authorizedAddresses(String addresses) {
            this.authorizedAddresses = addresses;
            return this;
        }

        /**
         * An element of smtpserver.xml's listener, set to {@code text}: say {@code ioWorkerCount} 1, for one I/O thread
         * that every connection shares.
         */
        public Builder smtpServerElement(String name, String text) {
            smtpServerElements.put(name, text);
            return this;
        }

        /** A key of james-lua.properties, e.g. {@code script.failure}, {@code limit.time.ms}, {@code dns.servers}. */
        public Builder packSetting(String key, String value) {
            packSettings.put(key, value);
            return this;
        }

        public Builder extensionJar(Path jar) {
            extensionJars.add(jar);
            return this;
        }

        /**
         * Guice bindings replacing James's own, applied after the server's {@link PackCoreBindings} (which
         * they may replace in turn).
         */
        public Builder overrideWith(Module... modules) {
            overrides.addAll(List.of(modules));
            return this;
        }

        /**
         * Leaves out {@link PackCoreBindings}, as on a stock James, whose core bindings an extension jar cannot
         * change: for a server that gets the pack only from {@code extensions-jars/}.
         */
        public Builder stockCoreBindings() {
            this.packCoreBindings = false;
            return this;
        }

        /**
         * A stock James on the same files: James's own SMTP handler chain, no pack mailet, matcher, Guice module,
         * webadmin route or core binding (see {@link PackRemoval}). The baseline of the benchmarks.
         */
        public Builder withoutPack() {
            this.packRemoval = Optional.of(PackRemoval.whole());
            this.packCoreBindings = false;
            return this;
        }

        /**
         * The pack without its mailets and matchers: the SMTP handler chain with SMTPSVR.LUA, the Guice module and
         * the rest of the configuration stay, every mailetcontainer.xml element naming a pack mailet or matcher goes
         * (see {@link PackRemoval#mailetsOnly()}). For the benchmarks, to tell SMTPSVR.LUA's cost from the mailets'.
         */
        public Builder withoutPackMailets() {
            this.packRemoval = Optional.of(PackRemoval.mailetsOnly());
            return this;
        }

        /** The mail domain, also substituted for {@code ${DOMAIN}}. */
        public Builder domain(String domain) {
            this.domain = domain;
            return this;
        }

        /**
         * A user to create besides {@code user@<domain>} / {@code secret}, which always exists. These accounts are
         * configuration: their passwords are not put to {@code PASSWORDCHECK.LUA}.
         */
        public Builder user(String address, String password) {
            users.put(address, password);
            return this;
        }

        public JamesLuaServer start() throws Exception {
            boolean ownsWorkingDirectory = workingDirectory == null;
            Path root = ownsWorkingDirectory ? Files.createTempDirectory("james-lua-") : workingDirectory;
            GuiceJamesServer server = null;
            try {
                Path scripts = root.resolve(SCRIPTS_FOLDER);
                WorkingDirectory.prepare(root, template(), resolvedPlaceholders(), extensionJars);
                new DevelopmentOverrides(
                                bindHost,
                                smtpPort,
                                domain,
                                authorizedAddresses,
                                scripts,
                                packSettings,
                                outboundGateway,
                                startTls,
                                smtpServerElements)
                        .applyTo(root.resolve("conf"));
                if (packRemoval.isPresent()) {
                    packRemoval.get().applyTo(root.resolve("conf"));
                }
                WorkingDirectory.seedScripts(scripts, BundledConf.sampleScripts());
                server = MemoryJamesServerMain.createServer(MemoryJamesConfiguration.builder()
                                .workingDirectory(root.toFile())
                                .build())
                        .combineWith(
                                binder -> {
                                    Multibinder<GuiceProbe> probes = Multibinder.newSetBinder(binder, GuiceProbe.class);
                                    probes.addBinding().to(SmtpPortsProbe.class);
                                    probes.addBinding().to(DiskMailQueueProbe.class);
                                },
                                new AccountsProvisioning(domain, accounts()))
                        .overrideWith(packCoreBindings ? List.of(new PackCoreBindings()) : List.of())
                        .overrideWith(overrides);
                server.start();
                if (packCoreBindings) {
                    server.getProbe(DiskMailQueueProbe.class).open();
                }
                return new JamesLuaServer(server, root, ownsWorkingDirectory, domain);
            } catch (Exception | Error e) {
                if (server != null) {
                    server.stop();
                }
                if (ownsWorkingDirectory) {
                    deleteRecursively(root);
                }
                throw e;
            }
        }

        private Path template() throws IOException {
            return confTemplate != null ? confTemplate : BundledConf.defaultTemplate();
        }

        private Map<String, String> resolvedPlaceholders() {
            Map<String, String> resolved = new LinkedHashMap<>(placeholders);
            resolved.putIfAbsent("BIND_HOST", bindHost);
            resolved.putIfAbsent("DOMAIN", domain);
            return resolved;
        }

        private Map<String, String> accounts() {
            Map<String, String> accounts = new LinkedHashMap<>();
            accounts.put(DEFAULT_USER_LOCAL_PART + "@" + domain, DEFAULT_PASSWORD);
            accounts.putAll(users);
            return accounts;
        }
    }
}
