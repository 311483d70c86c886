package org.jameslua.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jameslua.engine.host.ExpandedAddress;
import org.jameslua.engine.host.GlobalSettings;
import org.jameslua.engine.host.Host;
import org.jameslua.engine.host.UserDirectory;
import org.jameslua.engine.host.UserSettings;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.luaj.vm2.Varargs;

/** The always-available VPOP3.* helpers, over the file-backed host the command line uses. */
class Vpop3HelpersTest {
    @RegisterExtension
    final ScriptFixture scripts = new ScriptFixture();

    @BeforeEach
    void setUp() throws Exception {
        Files.writeString(scripts.folder().resolve("settings.properties"), "MaxUsers=10\n");
        Files.writeString(scripts.folder().resolve("users.txt"), "alice\nbob\n# a comment\n");
        Files.writeString(scripts.folder().resolve("aliases.properties"), "sales=alice,bob\ninfo=alice\n");
    }

    @Test
    void getSettingReturnsTrueAndTheValueOrFalseAndNil() {
        Varargs values = run("local ok, v = VPOP3.GetSetting('MaxUsers') local ok2, v2 = VPOP3.GetSetting('Nope')"
                + " return ok, v, ok2, v2 == nil");

        assertThat(values.arg(1).toboolean()).isTrue();
        assertThat(values.arg(2).tojstring()).isEqualTo("10");
        assertThat(values.arg(3).toboolean()).isFalse();
        assertThat(values.arg(4).toboolean()).isTrue();
    }

    @Test
    void setSettingChangesOnlySettingsThatExist() throws Exception {
        Varargs values = run("return VPOP3.SetSetting('MaxUsers', '20'), VPOP3.SetSetting('Nope', 'x'),"
                + " select(2, VPOP3.GetSetting('MaxUsers'))");

        assertThat(values.arg(1).toboolean()).isTrue();
        assertThat(values.arg(2).toboolean()).isFalse();
        assertThat(values.arg(3).tojstring()).isEqualTo("20");
        assertThat(Files.readString(scripts.folder().resolve("settings.properties")))
                .doesNotContain("Nope");
    }

    @Test
    void getUserListListsTheUsers() {
        Varargs values = run("local users = VPOP3.GetUserList() return #users, users[1], users[2]");

        assertThat(values.arg(1).toint()).isEqualTo(2);
        assertThat(values.arg(2).tojstring()).isEqualTo("alice");
        assertThat(values.arg(3).tojstring()).isEqualTo("bob");
    }

    @Test
    void expandAddressGivesTheManualsFields() {
        // false, not nil: the fields are there, as the manual lists them
        Varargs values = run("local t = VPOP3.ExpandAddress('sales', -1)"
                + " return #t, t[1].Name, t[1].List, t[1].DeferredExpansion == false, t[2].Name, t[2].List == false,"
                + " t[2].Remote == false, t[2].Forwarded == false, t[2].DeferredExpansion == nil");

        assertThat(values.arg(1).toint()).isEqualTo(3);
        assertThat(values.arg(2).tojstring()).isEqualTo("sales");
        assertThat(values.arg(3).toboolean()).isTrue();
        assertThat(values.arg(4).toboolean()).isTrue();
        assertThat(values.arg(5).tojstring()).isEqualTo("alice");
        assertThat(values.arg(6).toboolean()).isTrue();
        assertThat(values.arg(7).toboolean()).isTrue();
        assertThat(values.arg(8).toboolean()).isTrue();
        assertThat(values.arg(9).toboolean()).isTrue();
    }

    @Test
    void expandAddressMarksUnknownAddressesRemote() {
        Varargs values = run("local t = VPOP3.ExpandAddress('someone@elsewhere.example', -1)"
                + " return #t, t[1].Name, t[1].Remote");

        assertThat(values.arg(1).toint()).isEqualTo(1);
        assertThat(values.arg(2).tojstring()).isEqualTo("someone@elsewhere.example");
        assertThat(values.arg(3).toboolean()).isTrue();
    }

    @Test
    void userSettingsRoundTripAndSurviveANewEngine() {
        run("assert(VPOP3.SetUserSetting('alice', 'Forward', 'bob@example.local'))");

        Varargs values =
                run("return VPOP3.GetUserSetting('alice', 'Forward'), VPOP3.GetUserSetting('alice', 'x') == nil,"
                        + " VPOP3.SetUserSetting('mallory', 'a', 'b')");

        assertThat(values.arg(1).tojstring()).isEqualTo("bob@example.local");
        assertThat(values.arg(2).toboolean()).isTrue();
        assertThat(values.arg(3).toboolean()).isFalse();
    }

    /**
     * A script's name of megabytes was copied out of Lua (three times its size) before the host found it too long
     * for anything; now a name past 64 KiB names nothing and the host never sees it, while 64 KiB still reaches it.
     */
    @Test
    void namesLongerThan64KiBNameNothingAndAreNotHandedToTheHost() {
        List<Integer> asked = new ArrayList<>();
        GlobalSettings settings = new GlobalSettings() {
            @Override
            public Optional<String> get(String name) {
                asked.add(name.length());
                return Optional.of("v");
            }

            @Override
            public boolean set(String name, String value) {
                asked.add(name.length());
                return true;
            }
        };
        UserDirectory users = new UserDirectory() {
            @Override
            public List<String> users() {
                return List.of();
            }

            @Override
            public List<ExpandedAddress> expand(String address, int inMailIndex) {
                asked.add(address.length());
                return List.of(new ExpandedAddress(address, false, Optional.empty(), true, false));
            }
        };
        UserSettings userSettings = new UserSettings() {
            @Override
            public Optional<String> get(String user, String name) {
                asked.add(user.length() + name.length());
                return Optional.of("v");
            }

            @Override
            public boolean set(String user, String name, String value) {
                asked.add(user.length() + name.length());
                return true;
            }

            @Override
            public boolean remove(String user, String name) {
                return true;
            }
        };
        scripts.write(
                "S.LUA",
                "function Go() local long, most = string.rep('n', 65537), string.rep('n', 65536)"
                        + " return select('#', VPOP3.GetSetting(long)), VPOP3.GetSetting(long), VPOP3.SetSetting(long, 'x'),"
                        + " #VPOP3.ExpandAddress(long), VPOP3.GetUserSetting('u', long), VPOP3.SetUserSetting('u', long, 'x'),"
                        + " VPOP3.GetUserSetting(long, 'n'), VPOP3.SetUserSetting(long, 'n', 'x'),"
                        + " VPOP3.GetSetting(most), #VPOP3.ExpandAddress(most), VPOP3.GetUserSetting('u', most) end");
        try (LuaEngine engine =
                scripts.engine(LuaEngine.builder(scripts.folder()).host(new Host(settings, users, userSettings)))) {
            CallResult result = engine.newInstance("S.LUA").call("Go");

            Varargs values = ((CallResult.Returned) result).values();
            assertThat(values.arg(1).toint()).isEqualTo(2);
            assertThat(values.arg(2).toboolean()).isFalse();
            assertThat(values.arg(3).toboolean()).isFalse();
            assertThat(values.arg(4).toint()).isZero();
            assertThat(values.arg(5).isnil()).isTrue();
            assertThat(values.arg(6).toboolean()).isFalse();
            assertThat(values.arg(7).isnil()).isTrue();
            assertThat(values.arg(8).toboolean()).isFalse();
            assertThat(values.arg(9).toboolean()).isTrue();
            assertThat(values.arg(10).toint()).isEqualTo(1);
            assertThat(values.arg(11).tojstring()).isEqualTo("v");
            assertThat(asked).containsExactly(65536, 65536, 65537);
        }
    }

    private Varargs run(String body) {
        scripts.write("S.LUA", "function Go() " + body + " end");
        try (LuaEngine engine = scripts.engine()) {
            CallResult result = engine.newInstance("S.LUA").call("Go");
            assertThat(result).isInstanceOf(CallResult.Returned.class);
            return ((CallResult.Returned) result).values();
        }
    }
}
