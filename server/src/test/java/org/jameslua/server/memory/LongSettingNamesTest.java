package org.jameslua.server.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jameslua.server.JamesLuaServer;
import org.jameslua.server.testing.BusyCores;
import org.jameslua.server.testing.JamesLuaServerExtension;
import org.jameslua.server.testing.LuaScripts;
import org.jameslua.server.testing.MailFlow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A setting name is the script's to choose, up to the longest string it may build (24 MiB in the 768 MiB JVM that
 * exits on any {@link OutOfMemoryError}). Users' own USER_REDIRECT.LUA scripts ask for their own setting under a
 * 20 MiB name, then store 20 MiB under a short one, on mail routed at once on several spool threads, while other
 * threads keep the cores busy (the watchdog then looks late). The host lower-cased, encoded and escaped the whole
 * name (172 MB of allocation per call) before finding it too long for any entry, and James ran out of heap; then
 * the copy of the name out of Lua alone (60 MiB a call, faster than the watchdog saw it) did the same on busy cores.
 * Now a name past 64 KiB names nothing and is not copied, the value's copy is refused before it is made, and every
 * mail is delivered once.
 */
class LongSettingNamesTest {
    private static final int USERS = 8;
    private static final List<String> ADDRESSES = IntStream.rangeClosed(1, USERS)
            .mapToObj(i -> "user" + i + "@example.local")
            .collect(Collectors.toUnmodifiableList());

    @RegisterExtension
    static JamesLuaServerExtension james = new JamesLuaServerExtension(withUsers());

    private LuaScripts scripts;

    private static UnaryOperator<JamesLuaServer.Builder> withUsers() {
        return builder -> {
            for (String address : ADDRESSES) {
                builder.user(address, JamesLuaServer.DEFAULT_PASSWORD);
            }
            return builder;
        };
    }

    @AfterEach
    void putBack() throws Exception {
        scripts.putBack();
    }

    @Test
    void usersScriptsAskingForSettingsUnderHugeNamesAtOnceMeetTheirMemoryBoundAndEveryMailIsDeliveredOnce(
            JamesLuaServer server) throws Exception {
        assertThat(Runtime.getRuntime().maxMemory())
                .as("run by the memory-bounds execution, -Xmx768m")
                .isLessThanOrEqualTo(768L * 1024 * 1024);
        scripts = new LuaScripts(server.scriptsFolder());
        for (String address : ADDRESSES) {
            Files.createDirectories(server.scriptsFolder().resolve(address));
            scripts.install(address + "/USER_REDIRECT.LUA", """
                function MainDoRouting(user)
                  local name = string.rep("!", 20 * 1024 * 1024)
                  for i = 1, 5 do
                    if VPOP3.GetUserSetting(user, name) ~= nil then error("a setting under that name") end
                  end
                  VPOP3.SetUserSetting(user, "note", name)
                end
                """);
        }
        MailFlow mail = new MailFlow(server);
        ExecutorService clients = Executors.newFixedThreadPool(USERS);
        BusyCores busy = BusyCores.start();
        try {
            List<Future<?>> running = new ArrayList<>();
            for (String address : ADDRESSES) {
                running.add(clients.submit(() -> {
                    mail.send("sender@client.example", List.of(address), "Subject: names\r\n\r\nhello\r\n");
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

        mail.awaitDeliveries("names", ADDRESSES.stream().collect(Collectors.toMap(address -> address, address -> 1)));
        // the value's copy out of Lua would take 60 MiB more than the 20 MiB string: past the 48 MiB bound
        assertThat(scripts.errors())
                .hasSize(USERS)
                .allSatisfy(line -> assertThat(line)
                        .contains("/USER_REDIRECT.LUA MainDoRouting line 6 [MEMORY]: the call allocated more than"));
    }
}
