package org.jameslua.server;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * Starts the james-lua development server on fixed local ports and keeps it running until Ctrl-C.
 *
 * <pre>
 * Options:
 *   --conf DIR      configuration template directory (default: conf-samples/james-conf with the rest of a
 *                   development server's configuration, bundled at build time)
 *   --workdir DIR   James working directory to use and keep (default: a temp dir, deleted on exit)
 *   --jar FILE      extension jar to copy into extensions-jars/ (repeatable)
 *   --smtp-port N, --imap-port N, --webadmin-port N
 *                   listen there instead of 2525, 1143, 8000 (0: a free port, printed at start)
 * </pre>
 */
public final class JamesLuaServerMain {

    public static final String BIND_HOST = "127.0.0.1";
    public static final int SMTP_PORT = 2525;
    public static final int IMAP_PORT = 1143;
    public static final int WEBADMIN_PORT = 8000;

    private JamesLuaServerMain() {}

    public static void main(String[] args) throws Exception {
        JamesLuaServer.Builder builder = JamesLuaServer.builder()
                .bindHost(BIND_HOST)
                .smtpPort(SMTP_PORT)
                .imapPort(IMAP_PORT)
                .webAdminPort(WEBADMIN_PORT);
        if (!applyOptions(args, builder)) {
            System.err.println("Usage: JamesLuaServerMain [--conf DIR] [--workdir DIR] [--jar FILE]..."
                    + " [--smtp-port N] [--imap-port N] [--webadmin-port N]");
            System.exit(2);
        }

        long startNanos = System.nanoTime();
        JamesLuaServer server = builder.start();
        Duration bootTime = Duration.ofNanos(System.nanoTime() - startNanos);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "james-lua-shutdown"));

        printFacts(server, bootTime);
        // everything runs on James's threads until the JVM is stopped (Ctrl-C, SIGTERM), which runs the shutdown hook
        Thread.currentThread().join();
    }

    private static boolean applyOptions(String[] args, JamesLuaServer.Builder builder) {
        if (args.length % 2 != 0) {
            return false;
        }
        try {
            for (int i = 0; i < args.length; i += 2) {
                String value = args[i + 1];
                switch (args[i]) {
                    case "--conf" -> builder.confTemplate(Path.of(value));
                    case "--workdir" -> builder.workingDirectory(Path.of(value));
                    case "--jar" -> builder.extensionJar(Path.of(value));
                    case "--smtp-port" -> builder.smtpPort(Integer.parseInt(value));
                    case "--imap-port" -> builder.imapPort(Integer.parseInt(value));
                    case "--webadmin-port" -> builder.webAdminPort(Integer.parseInt(value));
                    default -> {
                        return false;
                    }
                }
            }
        } catch (NumberFormatException e) {
            return false;
        }
        return true;
    }

    private static void printFacts(JamesLuaServer server, Duration bootTime) {
        String user = JamesLuaServer.DEFAULT_USER_LOCAL_PART + "@" + server.domain();
        System.out.printf(
                Locale.ROOT,
                """

            james-lua server started in %.1f s
              SMTP      %s:%d
              IMAP      %s:%d
              webadmin  http://%s:%d/
              domain    %s
              user      %s  password %s
              workdir   %s
              scripts   %s (conf-samples/scripts at first start; an edit applies to the next connection or mail)
            Press Ctrl-C to stop.
            %n""",
                bootTime.toMillis() / 1000.0,
                BIND_HOST,
                server.smtpPort(),
                BIND_HOST,
                server.imapPort(),
                BIND_HOST,
                server.webAdminPort(),
                server.domain(),
                user,
                JamesLuaServer.DEFAULT_PASSWORD,
                server.workingDirectory(),
                server.scriptsFolder());
    }
}
