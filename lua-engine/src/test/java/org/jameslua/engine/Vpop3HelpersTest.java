package org.jameslua.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
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
        Varargs values = run("local t = VPOP3.ExpandAddress('sales', -1)"
                + " return #t, t[1].Name, t[1].List, t[1].DeferredExpansion, t[2].Name, t[2].List, t[2].Remote,"
                + " t[2].Forwarded, t[2].DeferredExpansion == nil");

        assertThat(values.arg(1).toint()).isEqualTo(3);
        assertThat(values.arg(2).tojstring()).isEqualTo("sales");
        assertThat(values.arg(3).toboolean()).isTrue();
        assertThat(values.arg(4).toboolean()).isFalse();
        assertThat(values.arg(5).tojstring()).isEqualTo("alice");
        assertThat(values.arg(6).toboolean()).isFalse();
        assertThat(values.arg(7).toboolean()).isFalse();
        assertThat(values.arg(8).toboolean()).isFalse();
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

    private Varargs run(String body) {
        scripts.write("S.LUA", "function Go() " + body + " end");
        try (LuaEngine engine = scripts.engine()) {
            CallResult result = engine.newInstance("S.LUA").call("Go");
            assertThat(result).isInstanceOf(CallResult.Returned.class);
            return ((CallResult.Returned) result).values();
        }
    }
}
