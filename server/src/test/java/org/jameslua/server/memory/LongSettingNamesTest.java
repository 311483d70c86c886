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
import org.jameslua.server.testing.JamesLuaServerExtension;
import org.jameslua.server.testing.LuaScripts;
import org.jameslua.server.testing.MailFlow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A setting name is the script's to choose, up to the longest string it may build (24 MiB in the 768 MiB JVM that
 * exits on any {@link OutOfMemoryError}). Users' own USER_REDIRECT.LUA scripts ask for their own setting under a
 * 20 MiB name, on mail routed at once on several spool threads: the host lower-cased, encoded and escaped the whole
 * name (172 MB of allocation per call, faster than the watchdog sees it) before finding it too long for any entry,
 * and James ran out of heap. Now the name is refused by its length at once: what is left is the copy of the name out
 * of Lua, which the call's memory bound meters, and every mail is delivered once.
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
                end
                """);
        }
        MailFlow mail = new MailFlow(server);
        ExecutorService clients = Executors.newFixedThreadPool(USERS);
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
            clients.shutdownNow();
        }

        mail.awaitDeliveries("names", ADDRESSES.stream().collect(Collectors.toMap(address -> address, address -> 1)));
        // each call copies the name out of Lua (20 MiB of the call's allocation): the third is past the 48 MiB bound
        assertThat(scripts.errors())
                .hasSize(USERS)
                .allSatisfy(line -> assertThat(line)
                        .contains("/USER_REDIRECT.LUA MainDoRouting line 4 [MEMORY]: the call allocated more than"));
    }
}
