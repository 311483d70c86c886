package org.jameslua.server.memory;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The mailet and matcher scripts' side of {@link HugeReturnsTest}: the shipped mailetcontainer.xml's LuaMatcher
 * ({@code ROUTING.LUA:IsBulk}) and LuaMailet ({@code TagBulk}) return tables of a million and a half references to
 * one address or header line, for several bulk mails at once, in the 768 MiB JVM that exits on any
 * {@link OutOfMemoryError}. Each is refused as a BAD_RETURN at its line; every mail is delivered exactly once.
 */
class HugeMailetReturnsTest {
    private static final String USER = JamesLuaServer.DEFAULT_USER_LOCAL_PART + "@" + JamesLuaServer.DEFAULT_DOMAIN;
    private static final int MAILS = 6;

    private static final String SCRIPT = """
        local function many(s) local t = {} for i = 1, 1500000 do t[i] = s end return t end
        function IsBulk(mail)
          if mail.Subject:find("^matcher") then
            return many(mail.Recipients[1])
          end
          return mail.Headers["precedence"] == "bulk"
        end
        function TagBulk(mail)
          if mail.Subject:find("^recipients") then
            return { Recipients = many(mail.Recipients[1]) }
          end
          return { HeaderModifiers = many("X-Many: modifier") }
        end
        """;

    @RegisterExtension
    // the calls at once allocate more together (tables of millions of references, grown by doubling) than the third of
    // this heap limit.memory.total.bytes allows by default: what is guarded here is how their returns are read, so the
    // whole heap is allowed (what calls allocate together has tests of its own, AllocationTogetherTest and the
    // distribution's manySessionsHoardingAtOnceLeaveJamesItsHeap)
    static JamesLuaServerExtension james = new JamesLuaServerExtension(
            builder -> builder.packSetting("limit.memory.total.bytes", String.valueOf(768L * 1024 * 1024)));

    private LuaScripts scripts;

    @AfterEach
    void putBack() throws Exception {
        scripts.putBack();
    }

    @Test
    void hugeMailetAndMatcherReturnsAreRefusedAndEveryMailIsDeliveredOnce(JamesLuaServer server) throws Exception {
        assertThat(Runtime.getRuntime().maxMemory())
                .as("run by the memory-bounds execution, -Xmx768m")
                .isLessThanOrEqualTo(768L * 1024 * 1024);
        scripts = new LuaScripts(server.scriptsFolder());
        scripts.install("ROUTING.LUA", SCRIPT);
        MailFlow mail = new MailFlow(server);
        String[] kinds = {"matcher", "recipients", "modifiers"};
        ExecutorService clients = Executors.newFixedThreadPool(MAILS);
        BusyCores busy = BusyCores.start();
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < MAILS; i++) {
                String subject = kinds[i % kinds.length] + " " + i;
                running.add(clients.submit(() -> {
                    mail.send(
                            "sender@client.example",
                            List.of(USER),
                            "Subject: " + subject + "\r\nPrecedence: bulk\r\n\r\nbulk\r\n");
                    return null;
                }));
            }
            for (Future<?> client : running) {
                client.get(2, TimeUnit.MINUTES);
            }
        } finally {
            busy.close();
            clients.shutdownNow();
        }

        mail.awaitDeliveries(subject -> true, Map.of(USER, MAILS));
        List<String> errors = scripts.errors();
        assertThat(errors).hasSize(MAILS).allMatch(line -> line.contains("[BAD_RETURN]"));
        // IsBulk tail-calls many: the value was returned by many's return, on line 1
        assertThat(errors)
                .filteredOn(line -> line.contains("ROUTING.LUA IsBulk line 1 "))
                .hasSize(2);
        assertThat(errors)
                .filteredOn(line -> line.contains("ROUTING.LUA TagBulk line 10 "))
                .hasSize(2);
        assertThat(errors)
                .filteredOn(line -> line.contains("ROUTING.LUA TagBulk line 12 "))
                .hasSize(2);
    }
}
