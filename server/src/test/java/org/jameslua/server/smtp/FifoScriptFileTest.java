package org.jameslua.server.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jameslua.server.JamesLuaServer;
import org.jameslua.server.testing.JamesLuaServerExtension;
import org.jameslua.server.testing.LuaScripts;
import org.jameslua.server.testing.MailFlow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A FIFO put where SMTPSVR.LUA was (by mistake, or by someone who can write the scripts folder) is never opened:
 * opening one to read waits for a writer for ever, and it held the SMTP worker compiling the script and, through the
 * compiled scripts' lock, every later session, until no mail came in. It is a COMPILE error logged once, the last
 * version that compiled keeps answering, and mail goes on.
 */
class FifoScriptFileTest {
    private static final String USER = JamesLuaServer.DEFAULT_USER_LOCAL_PART + "@" + JamesLuaServer.DEFAULT_DOMAIN;

    @RegisterExtension
    static JamesLuaServerExtension james = new JamesLuaServerExtension();

    private LuaScripts scripts;
    private Path fifo;

    @AfterEach
    void putBack() throws Exception {
        Files.deleteIfExists(fifo);
        scripts.putBack();
    }

    @Test
    void aFifoNamedSmtpsvrLuaIsNotOpenedAndMailFlowsUnderTheLastGoodVersion(JamesLuaServer server) throws Exception {
        scripts = new LuaScripts(server.scriptsFolder());
        scripts.install("""
            function ProcessMessage(from, subject, recipients, actions)
              actions.HeaderModifiers = { "X-Last-Good: yes" }
              return actions, ""
            end
            """);
        MailFlow mail = new MailFlow(server);
        mail.send("sender@client.example", List.of(USER), "Subject: before\r\n\r\nbefore\r\n");
        mail.awaitDeliveries("before", Map.of(USER, 1));
        fifo = server.scriptsFolder().resolve(LuaScripts.SMTP_SCRIPT);
        Files.delete(fifo);
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor())
                .isZero();

        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int i = 0; i < 3; i++) {
                mail.send("sender@client.example", List.of(USER), "Subject: after " + i + "\r\n\r\nafter\r\n");
            }
        });

        assertThat(mail.awaitDeliveries(subject -> subject.startsWith("after"), Map.of(USER, 3))
                        .get(USER))
                .allSatisfy(
                        message -> assertThat(message.getHeader("X-Last-Good")).containsExactly("yes"));
        assertThat(scripts.errors())
                .singleElement()
                .asString()
                .contains("SMTPSVR.LUA (compile) [COMPILE]: cannot read the file: it is not a regular file")
                .contains("keeps running");
    }

    /**
     * A FIFO put where LUA.OUT was: the first print opened it to write and waited for a reader for ever, holding the
     * lock every print and every LUAERRORS.LOG line waits for, until no session was answered. The lines are dropped
     * (James's log says so once) and mail goes on.
     */
    @Test
    void aFifoNamedLuaOutHoldsNoSession(JamesLuaServer server) throws Exception {
        scripts = new LuaScripts(server.scriptsFolder());
        scripts.install("""
            function ProcessMessage(from, subject, recipients, actions)
              print("message from " .. from)
              actions.HeaderModifiers = { "X-Printed: yes" }
              return actions, ""
            end
            """);
        fifo = server.scriptsFolder().resolve("LUA.OUT");
        Files.deleteIfExists(fifo);
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor())
                .isZero();
        MailFlow mail = new MailFlow(server);

        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int i = 0; i < 3; i++) {
                mail.send("sender@client.example", List.of(USER), "Subject: printed " + i + "\r\n\r\nhi\r\n");
            }
        });

        assertThat(mail.awaitDeliveries(subject -> subject.startsWith("printed"), Map.of(USER, 3))
                        .get(USER))
                .allSatisfy(
                        message -> assertThat(message.getHeader("X-Printed")).containsExactly("yes"));
    }

    /**
     * SMTPSVR.LUA opening a FIFO of its folder with io.open: the open waited for a writer for ever on the session's
     * thread, out of the call's time bound, one SMTP worker lost per mail. It gives nil and why, at once.
     */
    @Test
    void aScriptOpeningAFifoGetsNilAndMailFlows(JamesLuaServer server) throws Exception {
        scripts = new LuaScripts(server.scriptsFolder());
        fifo = server.scriptsFolder().resolve("pipe.txt");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor())
                .isZero();
        scripts.install("""
            function ProcessMessage(from, subject, recipients, actions)
              local f, why = io.open("pipe.txt", "r")
              actions.HeaderModifiers = { "X-Opened: " .. tostring(f) .. " " .. why }
              return actions, ""
            end
            """);
        MailFlow mail = new MailFlow(server);

        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int i = 0; i < 3; i++) {
                mail.send("sender@client.example", List.of(USER), "Subject: opened " + i + "\r\n\r\nhi\r\n");
            }
        });

        assertThat(mail.awaitDeliveries(subject -> subject.startsWith("opened"), Map.of(USER, 3))
                        .get(USER))
                .allSatisfy(message -> assertThat(message.getHeader("X-Opened"))
                        .containsExactly("nil pipe.txt: is a FIFO, which waits for its other end: not opened"));
    }
}
