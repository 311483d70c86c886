package org.jameslua.server.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.mail.internet.MimeMessage;
import org.jameslua.server.JamesLuaServer;
import org.jameslua.server.testing.BusyCores;
import org.jameslua.server.testing.JamesLuaServerExtension;
import org.jameslua.server.testing.LuaScripts;
import org.jameslua.server.testing.MailFlow;
import org.jameslua.server.testing.RawSmtpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Scripts that try to fill James's heap, beside ordinary mail, in a JVM of 768 MiB that exits on any
 * {@link OutOfMemoryError} (the {@code memory-bounds} surefire execution: {@code -Xmx768m
 * -XX:+ExitOnOutOfMemoryError}), so that an OOM anywhere, in any thread, fails the run. The bounds are the
 * defaults sized from that heap: every bomb is refused before its string is built, every hoarder once it keeps
 * too much, each with a MEMORY line; and every ordinary mail is delivered exactly once.
 */
class MemoryBombsTest {
    private static final String HOST = "127.0.0.1";
    private static final String USER = JamesLuaServer.DEFAULT_USER_LOCAL_PART + "@" + JamesLuaServer.DEFAULT_DOMAIN;
    private static final int BOMB_SESSIONS = 4;
    private static final int HOARDER_SESSIONS = 12;
    private static final int ORDINARY_MAILS = 20;
    private static final String[] BOMBS = {"concat", "rep", "tableconcat", "format", "hoard"};

    private static final String SCRIPT = """
        local MiB = 2^20
        BIG = {}
        local function thirty(s) local t = {} for i = 1, 30 do t[i] = s end return t end
        function DoMAILFROM(data, from, params)
          local kind = from:match("^(%a+)@bomb")
          if kind == "concat" then
            local s = ("x"):rep(20 * MiB)
            local r = s..s..s..s..s..s..s..s..s..s..s..s..s..s..s..s..s..s..s..s..s..s..s..s..s..s..s..s..s..s
          elseif kind == "rep" then
            local r = ("x"):rep(2^30)  -- 2^31 is an empty string in Lua 5.2 (an int count)
          elseif kind == "tableconcat" then
            local r = table.concat(thirty(("x"):rep(20 * MiB)))
          elseif kind == "format" then
            local r = string.format(("%s"):rep(30), table.unpack(thirty(("x"):rep(20 * MiB))))
          elseif kind == "hoard" then
            BIG[#BIG + 1] = ("y"):rep(20 * MiB)
          elseif kind == "keep" then
            BIG[#BIG + 1] = ("k"):rep(16 * MiB)
          end
          return ""
        end
        """;

    @RegisterExtension
    static JamesLuaServerExtension james = new JamesLuaServerExtension();

    @Test
    void bombsAndHoardersAreRefusedAndOrdinaryMailIsDeliveredOnce(JamesLuaServer server) throws Exception {
        assertThat(Runtime.getRuntime().maxMemory())
                .as("run by the memory-bounds execution, -Xmx768m")
                .isLessThanOrEqualTo(768L * 1024 * 1024);
        LuaScripts scripts = new LuaScripts(server.scriptsFolder());
        scripts.install(SCRIPT);
        MailFlow mail = new MailFlow(server);
        List<RawSmtpClient> keepers = new ArrayList<>();
        ExecutorService clients = Executors.newFixedThreadPool(BOMB_SESSIONS + 2);
        BusyCores busy = BusyCores.start();
        try {
            // instances that stay alive, each under its own bound, until together they pass the server's
            for (int i = 0; i < HOARDER_SESSIONS; i++) {
                RawSmtpClient keeper = greeted(server.smtpPort());
                keepers.add(keeper);
                assertThat(keeper.command("MAIL FROM:<keep@bomb.example>").code())
                        .isEqualTo(250);
            }
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < BOMB_SESSIONS; i++) {
                running.add(clients.submit(() -> {
                    bombSession(server.smtpPort());
                    return null;
                }));
            }
            for (int i = 0; i < ORDINARY_MAILS; i++) {
                int number = i;
                running.add(clients.submit(() -> {
                    mail.send(
                            "sender@client.example",
                            List.of(USER),
                            "Subject: ordinary " + number + "\r\n\r\nbeside the bombs\r\n");
                    return null;
                }));
            }
            for (Future<?> client : running) {
                client.get(2, TimeUnit.MINUTES);
            }
        } finally {
            busy.close();
            clients.shutdownNow();
            for (RawSmtpClient keeper : keepers) {
                keeper.close();
            }
        }

        List<MimeMessage> delivered = mail.awaitDeliveries(
                        subject -> subject.startsWith("ordinary "), Map.of(USER, ORDINARY_MAILS))
                .get(USER);
        Set<String> subjects = new HashSet<>();
        for (MimeMessage message : delivered) {
            subjects.add(message.getSubject());
        }
        assertThat(subjects).as("each ordinary mail once").hasSize(ORDINARY_MAILS);
        List<String> errors = scripts.errors();
        String log = "LUAERRORS.LOG:\n" + String.join("\n", errors);
        assertThat(errors).as(log).noneMatch(line -> line.toLowerCase().contains("out of memory"));
        assertThat(errors)
                .as(log)
                .filteredOn(line -> line.contains("[MEMORY]: a string of "))
                .hasSize(BOMB_SESSIONS * 4);
        // each bomb session's hoarder is refused once, by its own bound or by the server's, whichever it passes
        // first; so is the keeper that takes all of them past the server's
        assertThat(errors)
                .as(log)
                .filteredOn(line -> line.contains("[MEMORY]: the script keeps more than")
                        || line.contains("[MEMORY]: all scripts together keep more than"))
                .hasSize(BOMB_SESSIONS + 1);
        assertThat(errors)
                .as(log)
                .allMatch(line -> line.contains("SMTPSVR.LUA DoMAILFROM") && line.contains("[MEMORY]"));
    }

    /** Every bomb in one session, then the hoarder until it is refused; each MAIL FROM still gets James's 250. */
    private static void bombSession(int port) throws IOException {
        try (RawSmtpClient smtp = greeted(port)) {
            for (String bomb : BOMBS) {
                assertThat(smtp.command("MAIL FROM:<" + bomb + "@bomb.example>").code())
                        .isEqualTo(250);
                assertThat(smtp.command("RSET").code()).isEqualTo(250);
            }
            for (int i = 0; i < 3; i++) {
                assertThat(smtp.command("MAIL FROM:<hoard@bomb.example>").code())
                        .isEqualTo(250);
                assertThat(smtp.command("RSET").code()).isEqualTo(250);
            }
            smtp.command("QUIT");
        }
    }

    private static RawSmtpClient greeted(int port) throws IOException {
        RawSmtpClient smtp = RawSmtpClient.connect(HOST, port);
        smtp.readReply();
        assertThat(smtp.command("EHLO client.example").code()).isEqualTo(250);
        return smtp;
    }
}
