package org.jameslua.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.james.GuiceJamesServer;
import org.apache.james.MemoryJamesConfiguration;
import org.apache.james.MemoryJamesServerMain;
import org.apache.james.modules.protocols.ImapGuiceProbe;
import org.apache.james.utils.GuiceProbe;
import org.apache.james.utils.WebAdminGuiceProbe;

import com.google.inject.Module;
import com.google.inject.multibindings.Multibinder;

/**
 * A running in-memory James 3.8.1 assembled in-process from a configuration template directory.
 * The same class serves the newcomer's main and the end-to-end tests, so both exercise one assembly.
 */
public final class JamesLuaServer implements AutoCloseable {

    public static final String DEFAULT_DOMAIN = "example.local";
    public static final String DEFAULT_USER_LOCAL_PART = "user";
    public static final String DEFAULT_PASSWORD = "secret";

    private final GuiceJamesServer server;
    private final Path workingDirectory;
    private final boolean ownsWorkingDirectory;
    private final String domain;

    private JamesLuaServer(GuiceJamesServer server, Path workingDirectory, boolean ownsWorkingDirectory, String domain) {
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
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
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
        private String domain = DEFAULT_DOMAIN;

        private Builder() {
            // port 0: the OS picks a free port, which the probes then report
            placeholders.put("BIND_HOST", "127.0.0.1");
            placeholders.put("SMTP_PORT", "0");
            placeholders.put("IMAP_PORT", "0");
            placeholders.put("WEBADMIN_PORT", "0");
            placeholders.put("AUTHORIZED_ADDRESSES", "127.0.0.0/8");
            placeholders.put("SCRIPT_FAILURE", "default");
            placeholders.put("LUA_TIME_LIMIT_MS", "10000");
            placeholders.put("DNS_SERVERS", "");
        }

        /** Directory of James configuration files; defaults to {@link BundledConf#defaultTemplate()}. */
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
         * Value for {@code ${name}} in the template. Defaults: BIND_HOST=127.0.0.1, SMTP_PORT, IMAP_PORT and
         * WEBADMIN_PORT=0 (free ports), AUTHORIZED_ADDRESSES=127.0.0.0/8, DOMAIN=the domain,
         * SCRIPTS_DIR=&lt;workdir&gt;/scripts (created), and for james-lua.properties SCRIPT_FAILURE=default,
         * LUA_TIME_LIMIT_MS=10000 and DNS_SERVERS empty (the system's resolvers).
         */
        public Builder placeholder(String name, String value) {
            placeholders.put(name, value);
            return this;
        }

        public Builder smtpPort(int port) {
            return placeholder("SMTP_PORT", Integer.toString(port));
        }

        public Builder imapPort(int port) {
            return placeholder("IMAP_PORT", Integer.toString(port));
        }

        public Builder webAdminPort(int port) {
            return placeholder("WEBADMIN_PORT", Integer.toString(port));
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
                WorkingDirectory.prepare(root, template(), resolvedPlaceholders(root), extensionJars);
                server = MemoryJamesServerMain.createServer(MemoryJamesConfiguration.builder()
                        .workingDirectory(root.toFile())
                        .build())
                    .combineWith(binder -> {
                        Multibinder<GuiceProbe> probes = Multibinder.newSetBinder(binder, GuiceProbe.class);
                        probes.addBinding().to(SmtpPortsProbe.class);
                        probes.addBinding().to(AccountsProbe.class);
                    })
                    .overrideWith(new PackCoreBindings())
                    .overrideWith(overrides);
                server.start();
                provision(server.getProbe(AccountsProbe.class));
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

        private Map<String, String> resolvedPlaceholders(Path root) throws IOException {
            Map<String, String> resolved = new LinkedHashMap<>(placeholders);
            resolved.putIfAbsent("DOMAIN", domain);
            if (!resolved.containsKey("SCRIPTS_DIR")) {
                resolved.put("SCRIPTS_DIR", Files.createDirectories(root.resolve("scripts")).toAbsolutePath().toString());
            }
            return resolved;
        }

        private void provision(AccountsProbe accounts) throws Exception {
            accounts.addDomainIfMissing(domain);
            accounts.addUser(DEFAULT_USER_LOCAL_PART + "@" + domain, DEFAULT_PASSWORD);
            for (Map.Entry<String, String> user : users.entrySet()) {
                accounts.addUser(user.getKey(), user.getValue());
            }
        }
    }
}
