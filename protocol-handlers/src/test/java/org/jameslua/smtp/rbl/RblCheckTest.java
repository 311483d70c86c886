package org.jameslua.smtp.rbl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jameslua.engine.Limits;
import org.jameslua.engine.LuaEngine;
import org.jameslua.engine.ScriptInstance;
import org.jameslua.engine.ServerLimits;
import org.jameslua.engine.net.NetConfig;
import org.jameslua.james.LuaPackSettings;
import org.jameslua.james.ScriptFailure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.luaj.vm2.LuaValue;

class RblCheckTest {
    private static final InetAddress CLIENT = address("192.0.2.7");

    @TempDir
    Path folder;

    private LuaEngine engine;
    private ScriptInstance instance;
    private final RblGlobals globals = new RblGlobals();
    private final List<String> asked = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();

    @BeforeEach
    void instance() {
        engine = LuaEngine.builder(folder).build();
        instance = engine.newInstance("SMTPSVR.LUA");
        LuaPackSettings settings = new LuaPackSettings(
                folder,
                Limits.defaults(),
                ServerLimits.defaults(),
                NetConfig.defaults(),
                ScriptFailure.DEFAULT,
                LuaPackSettings.DEFAULT_SMTP_WORKERS,
                List.of("one.test", "two.test", "three.test"),
                List.of());
        globals.install(instance, settings, CLIENT.getHostAddress(), false);
    }

    @AfterEach
    void close() {
        engine.close();
    }

    @Test
    void stopsAtTheFirstListingUnlessAllServersAreChecked() {
        RblCheck check = new RblCheck(
                listing(Map.of("two.test", "127.0.0.2", "three.test", "127.0.0.4")), Duration.ofSeconds(5));

        assertThat(check.check(CLIENT, globals)).contains(Map.of("two.test", 33554559L));
        assertThat(asked).containsExactly("one.test", "two.test");

        instance.set(RblGlobals.CHECK_ALL_SERVERS, LuaValue.TRUE);
        globals.readBack(instance, problems::add);
        assertThat(check.check(CLIENT, globals)).contains(Map.of("two.test", 33554559L, "three.test", 67108991L));
    }

    @Test
    void noLookupForAWhitelistedClientNorWhenCheckRblIsOff() {
        RblCheck check = new RblCheck(listing(Map.of("one.test", "127.0.0.2")), Duration.ofSeconds(5));

        instance.set(RblGlobals.WHITELIST, LuaValue.listOf(new LuaValue[] {LuaValue.valueOf("192.0.2.*")}));
        globals.readBack(instance, problems::add);
        assertThat(check.check(CLIENT, globals)).isEmpty();

        instance.set(RblGlobals.WHITELIST, LuaValue.listOf(new LuaValue[] {}));
        instance.set(RblGlobals.CHECK_RBL, LuaValue.FALSE);
        globals.readBack(instance, problems::add);
        assertThat(check.check(CLIENT, globals)).isEmpty();
        assertThat(asked).isEmpty();
    }

    @Test
    void aGlobalOfTheWrongTypeIsReportedAndPutBack() {
        instance.set(RblGlobals.SERVERS, LuaValue.valueOf("one.test"));
        instance.set(RblGlobals.ACCEPT, LuaValue.valueOf(1));
        globals.readBack(instance, problems::add);

        assertThat(globals.servers()).containsExactly("one.test", "two.test", "three.test");
        assertThat(instance.get(RblGlobals.SERVERS).istable()).isTrue();
        assertThat(instance.get(RblGlobals.ACCEPT).toboolean()).isFalse();
        assertThat(problems).hasSize(2).allMatch(problem -> problem.startsWith("global RBL"));
    }

    @Test
    void resultsArePublishedAsTheManualShows() {
        globals.results(instance, Map.of("one.test", 16777343L));

        assertThat(instance.get(RblGlobals.FOUND).toboolean()).isTrue();
        assertThat(instance.get(RblGlobals.RESULT_INFO).get("one.test").tolong())
                .isEqualTo(16777343L);
        assertThat(RblCheck.number(address("127.0.0.1"))).isEqualTo(16777343L);
    }

    private DnsBlocklist listing(Map<String, String> listed) {
        return (client, zone, timeout) -> {
            asked.add(zone);
            return Optional.ofNullable(listed.get(zone)).map(RblCheckTest::address);
        };
    }

    private static InetAddress address(String dotted) {
        try {
            return InetAddress.getByName(dotted);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
