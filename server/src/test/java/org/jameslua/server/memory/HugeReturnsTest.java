package org.jameslua.server.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jameslua.server.JamesLuaServer;
import org.jameslua.server.testing.BusyCores;
import org.jameslua.server.testing.JamesLuaServerExtension;
import org.jameslua.server.testing.LuaScripts;
import org.jameslua.server.testing.MailFlow;
import org.jameslua.server.testing.RawSmtpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the pack reads back from a script must not cost James more than the script paid for it. Each of these
 * returns is cheap for the script (one short string repeated, a table of millions of references to one string)
 * and within every bound of the call, but would have James build millions of strings, lines and addresses of
 * its own, or a Reason James's log would hold escaped. In the 768 MiB JVM that exits on any {@link OutOfMemoryError} ({@code memory-bounds}), several sessions
 * return them at once: each is refused as a BAD_RETURN at its line (the Reason logged as an excerpt), and every mail is delivered exactly once.
 */
class HugeReturnsTest {
    private static final String HOST = "127.0.0.1";
    private static final String USER = JamesLuaServer.DEFAULT_USER_LOCAL_PART + "@" + JamesLuaServer.DEFAULT_DOMAIN;
    /** sessions of each kind at once */
    private static final int ROUNDS = 3;

    private static final String[] KINDS = {"reply", "servers", "headers", "recipients", "modifiers", "reason"};
    /** the kinds refused: a long Reason is only logged, as an excerpt */
    private static final int REFUSED_KINDS = 5;

    private static final String SCRIPT = """
        local function many(s, n) local t = {} for i = 1, n or 1500000 do t[i] = s end return t end
        function DoMAILFROM(data, from, params)
          KIND = from:match("^(%%a+)@huge")
          if KIND == "reply" then
            return string.rep("250-x\\r\\n", 3000000)
          elseif KIND == "servers" then
            RBLServers = many("bl.example", 100000)
          end
          return ""
        end
        function DoDATAStart(recipients)
          if KIND == "headers" then
            return "354 go ahead", many("X-Many: header")
          end
          return "", {}
        end
        function ProcessMessage(from, subject, recipients, actions, mime, size, attachments)
          if KIND == "recipients" then
            actions.Recipients = many("%s")
          elseif KIND == "modifiers" then
            actions.HeaderModifiers = many("X-Many: modifier")
          elseif KIND == "reason" then
            actions.Reason = string.rep("\\1", 20 * 2 ^ 20)
          end
          return actions, ""
        end
        """.formatted(USER);

    @RegisterExtension
    // the calls at once allocate more together (tables of millions of references, grown by doubling) than the third of
    // this heap limit.memory.total.bytes allows by default: what is guarded here is how their returns are read, so the
    // whole heap is allowed (what calls allocate together has tests of its own, AllocationTogetherTest and the
    // distribution's manySessionsHoardingAtOnceLeaveJamesItsHeap)
    static JamesLuaServerExtension james = new JamesLuaServerExtension(
            builder -> builder.packSetting("limit.memory.total.bytes", String.valueOf(768L * 1024 * 1024)));

    @Test
    void hugeReturnsAreRefusedAndEveryMailIsDeliveredOnce(JamesLuaServer server) throws Exception {
        assertThat(Runtime.getRuntime().maxMemory())
                .as("run by the memory-bounds execution, -Xmx768m")
                .isLessThanOrEqualTo(768L * 1024 * 1024);
        LuaScripts scripts = new LuaScripts(server.scriptsFolder());
        scripts.install(SCRIPT);
        ExecutorService clients = Executors.newFixedThreadPool(KINDS.length * ROUNDS);
        BusyCores busy = BusyCores.start();
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int round = 0; round < ROUNDS; round++) {
                for (String kind : KINDS) {
                    String subject = kind + " " + round;
                    running.add(clients.submit(() -> {
                        send(server.smtpPort(), kind, subject);
                        return null;
                    }));
                }
            }
            for (Future<?> client : running) {
                client.get(2, TimeUnit.MINUTES);
            }
        } finally {
            busy.close();
            clients.shutdownNow();
        }

        MailFlow mail = new MailFlow(server);
        mail.awaitDeliveries(subject -> true, Map.of(USER, KINDS.length * ROUNDS));
        List<String> errors = scripts.errors();
        assertThat(errors).hasSize(REFUSED_KINDS * ROUNDS).allMatch(line -> line.contains("[BAD_RETURN]"));
        assertThat(errors)
                .filteredOn(line -> line.contains("SMTPSVR.LUA DoMAILFROM line 5 "))
                .hasSize(ROUNDS);
        assertThat(errors)
                .filteredOn(line -> line.contains("SMTPSVR.LUA DoMAILFROM line ")
                        && line.contains("RBLServers holds 100000 items (at most 1000)"))
                .hasSize(ROUNDS);
        assertThat(errors)
                .filteredOn(line -> line.contains("SMTPSVR.LUA DoDATAStart line 13 "))
                .hasSize(ROUNDS);
        assertThat(errors)
                .filteredOn(line -> line.contains("SMTPSVR.LUA ProcessMessage line 25 "))
                .hasSize(2 * ROUNDS);
    }

    /** One mail whose session has the script return one kind of huge value; James still takes the mail. */
    private static void send(int port, String kind, String subject) throws IOException {
        try (RawSmtpClient smtp = RawSmtpClient.connect(HOST, port)) {
            smtp.readReply();
            assertThat(smtp.command("EHLO client.example").code()).isEqualTo(250);
            assertThat(smtp.command("MAIL FROM:<" + kind + "@huge.example>").code())
                    .isEqualTo(250);
            assertThat(smtp.command("RCPT TO:<" + USER + ">").code()).isEqualTo(250);
            assertThat(smtp.command("DATA").code()).isEqualTo(354);
            assertThat(smtp.sendMessage("Subject: " + subject + "\r\n\r\nhuge returns\r\n")
                            .code())
                    .isEqualTo(250);
            smtp.command("QUIT");
        }
    }
}
