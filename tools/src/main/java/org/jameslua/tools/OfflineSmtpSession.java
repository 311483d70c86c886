package org.jameslua.tools;

import com.google.inject.Scopes;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.jameslua.james.ScriptMetrics;
import org.jameslua.server.JamesLuaServer;

/**
 * {@code james-lua-run --smtp}: an SMTP dialogue played against James's own SMTP server with the pack's
 * handlers ({@code LuaSmtpHandlers}) and the folder's {@code SMTPSVR.LUA}: the in-memory James of the
 * server module, in this process, listening on loopback only. So what the transcript shows is what James
 * answers, by the same code. The one change: every script call goes through {@link TracingScriptMetrics}.
 *
 * <p>Mail the dialogue sends goes on through the server's mailet container as on the development server
 * (local users' mailboxes in memory; mail for other domains kept in a repository, never sent), and is gone
 * when the command ends.
 */
final class OfflineSmtpSession {
    /** The client's address unless --from says otherwise: not the server's authorizedAddresses. */
    static final String DEFAULT_CLIENT = "127.0.0.2";

    static final String AUTHORIZED_CLIENT = "127.0.0.1";

    private final PrintStream out;

    OfflineSmtpSession(PrintStream out) {
        this.out = out;
    }

    /** @return whether the session ran, no callback failed and nothing else was written to LUAERRORS.LOG */
    boolean run(Path folder, String client, Optional<List<String>> message, BufferedReader dialogue) throws Exception {
        InetAddress clientAddress = InetAddress.getByName(client);
        if (!clientAddress.isLoopbackAddress()) {
            out.println("--from " + client + ": the session is a real connection on loopback, so the client's"
                    + " address must be a loopback address (127.0.0.0/8)");
            return false;
        }
        CallTrace trace = new CallTrace(new ErrorLogTail(folder.resolve("LUAERRORS.LOG")));
        try (JamesLuaServer server = JamesLuaServer.builder()
                .packSetting("scripts.folder", folder.toString())
                .authorizedAddresses(AUTHORIZED_CLIENT)
                .overrideWith(binder -> {
                    binder.bind(CallTrace.class).toInstance(trace);
                    binder.bind(ScriptMetrics.class)
                            .to(TracingScriptMetrics.class)
                            .in(Scopes.SINGLETON);
                })
                .start()) {
            out.println("james-lua-run: SMTP session from " + client + " with " + folder.resolve("SMTPSVR.LUA"));
            try (Socket socket = new Socket()) {
                socket.bind(new InetSocketAddress(clientAddress, 0));
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.smtpPort()));
                BufferedReader fromServer =
                        new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
                new SmtpDialogue(out, trace, message).play(dialogue, fromServer, socket.getOutputStream());
            }
        }
        // End() runs when the connection closes, after the last reply: stopping the server has waited for it
        trace.take().forEach(out::println);
        return !trace.failed();
    }
}
