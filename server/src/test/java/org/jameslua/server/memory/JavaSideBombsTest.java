package org.jameslua.server.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.jameslua.server.JamesLuaServer;
import org.jameslua.server.testing.BusyCores;
import org.jameslua.server.testing.JamesLuaServerExtension;
import org.jameslua.server.testing.LuaScripts;
import org.jameslua.server.testing.MailFlow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Library functions that work in Java run no Lua instruction, where neither the watchdog nor the call's own look
 * can stop them: users' own routing scripts (safety mode) hand them a string of megabytes each, on mail routed at
 * once on several spool threads while other threads keep the cores busy, in the 768 MiB JVM that exits on any
 * {@link OutOfMemoryError}. Compiling a 21 MiB chunk allocated about 2 GB (100 bytes a token in the Lua 5.0
 * rewriter, then LuaJ's compiler); {@code os.date} of 800,000 conversions copied the rest of its format at each
 * (hundreds of gigabytes, for minutes); {@code assert} and {@code error} copied their message into Java and back
 * seven times; {@code print} copied its line five times before counting it; {@code require} copied its name 25
 * times. Each is now refused at its bound with a line in LUAERRORS.LOG, and every mail is delivered once.
 */
class JavaSideBombsTest {
    private static final String MIB_STRING = "string.rep('x', 20 * 1024 * 1024)";
    /** Each user's routing script and the line LUAERRORS.LOG must have for it. */
    private static final Map<String, List<String>> BOMBS = Map.of(
            "load@example.local",
            List.of("local f = load(string.rep('f()', 7000000))", "[MEMORY]: the call allocated more than"),
            "date@example.local",
            List.of("local d = os.date(string.rep('%d', 800000))", "[MEMORY]: the call allocated more than"),
            "assert@example.local",
            List.of(
                    "local s = " + MIB_STRING + " for i = 1, 50 do pcall(assert, false, s) end",
                    "[MEMORY]: the call allocated more than"),
            "error@example.local",
            List.of(
                    "local s = " + MIB_STRING + " for i = 1, 50 do pcall(error, s) end",
                    "[MEMORY]: the call allocated more than"),
            "print@example.local",
            List.of("print(" + MIB_STRING + ")", "[MEMORY]: the call printed more than"),
            "require@example.local",
            List.of(
                    "require(string.rep('m', 20 * 1024 * 1024))",
                    "[RUNTIME]: require@example.local/USER_REDIRECT.LUA:2: bad argument #1 to 'require'"
                            + " (name longer than 65536 bytes)"));

    @RegisterExtension
    static JamesLuaServerExtension james = new JamesLuaServerExtension(withUsers());

    private LuaScripts scripts;

    private static UnaryOperator<JamesLuaServer.Builder> withUsers() {
        return builder -> {
            for (String address : BOMBS.keySet()) {
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
    void routingScriptsHandingJavaCodeHugeStringsAtOnceMeetTheirBoundsAndEveryMailIsDeliveredOnce(JamesLuaServer server)
            throws Exception {
        assertThat(Runtime.getRuntime().maxMemory())
                .as("run by the memory-bounds execution, -Xmx768m")
                .isLessThanOrEqualTo(768L * 1024 * 1024);
        scripts = new LuaScripts(server.scriptsFolder());
        for (Map.Entry<String, List<String>> bomb : BOMBS.entrySet()) {
            Files.createDirectories(server.scriptsFolder().resolve(bomb.getKey()));
            scripts.install(
                    bomb.getKey() + "/USER_REDIRECT.LUA",
                    "function MainDoRouting(user)\n  " + bomb.getValue().get(0) + "\nend\n");
        }
        MailFlow mail = new MailFlow(server);
        ExecutorService clients = Executors.newFixedThreadPool(BOMBS.size());
        BusyCores busy = BusyCores.start();
        try {
            List<Future<?>> running = new ArrayList<>();
            for (String address : BOMBS.keySet()) {
                running.add(clients.submit(() -> {
                    mail.send("sender@client.example", List.of(address), "Subject: bombs\r\n\r\nhello\r\n");
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

        mail.awaitDeliveries("bombs", BOMBS.keySet().stream().collect(Collectors.toMap(Function.identity(), a -> 1)));
        List<String> errors = scripts.errors();
        String log = "LUAERRORS.LOG:\n" + String.join("\n", errors);
        assertThat(errors).as(log).hasSize(BOMBS.size());
        for (Map.Entry<String, List<String>> bomb : BOMBS.entrySet()) {
            assertThat(errors)
                    .as(log)
                    .anySatisfy(line -> assertThat(line)
                            .contains(bomb.getKey() + "/USER_REDIRECT.LUA MainDoRouting line 2 "
                                    + bomb.getValue().get(1)));
        }
    }
}
