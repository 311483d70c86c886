package org.jameslua.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SafetyModeTest {
    @TempDir
    Path folder;
    ScriptFixture scripts;

    @BeforeEach
    void setUp() {
        scripts = new ScriptFixture(folder);
    }

    @ParameterizedTest
    @ValueSource(strings = {"loadlib('x', 'y')", "io.close()", "io.open('f.txt', 'w')", "io.input('f.txt')",
        "io.output('f.txt')", "io.lines('f.txt')", "io.read()", "io.write('x')", "io.flush()", "os.timedexecute('true', 100)",
        "os.remove('f.txt')", "os.rename('f.txt', 'g.txt')", "os.getenv('PATH')", "VPOP3.SetSetting('a', 'b')",
        "VPOP3.GetSetting('a')"})
    void everyFunctionOfTheManualsListIsRefusedInSafetyMode(String call) {
        scripts.write("USER.LUA", "function Go() os.setsafety('k') " + call + " end");

        CallResult result = scripts.engine().newInstance("USER.LUA").call("Go");

        assertThat(result).isInstanceOf(CallResult.Failed.class);
        assertThat(scripts.errors()).anySatisfy(line -> assertThat(line).contains("[SANDBOX]"));
    }

    @Test
    void aRefusalIsLoggedOnceWhereItHappened() {
        scripts.write("USER.LUA", "function Go()\n os.setsafety('k')\n os.remove('x')\n end");

        scripts.engine().newInstance("USER.LUA").call("Go");

        assertThat(scripts.errors()).singleElement().asString()
                .contains("USER.LUA Go line 3 [SANDBOX]: os.remove is disabled in safety mode");
    }

    @Test
    void theSameFunctionsWorkOutsideSafetyMode() throws Exception {
        scripts.write("ADMIN.LUA", "function Go() local f = io.open('out.txt', 'w') f:write('hi') f:close()"
                + " return os.getenv('PATH') ~= nil end");

        CallResult result = scripts.engine().newInstance("ADMIN.LUA").call("Go");

        assertThat(((CallResult.Returned) result).values().arg1().toboolean()).isTrue();
        assertThat(Files.readString(folder.resolve("out.txt"))).isEqualTo("hi");
    }

    @Test
    void clearSafetyWithTheWrongKeyIsRefusedAndSafetyModeStaysOn() {
        scripts.write("USER.LUA", "function Go() os.setsafety('right')"
                + " local ok = pcall(os.clearsafety, 'wrong')"
                + " return ok, pcall(os.getenv, 'PATH') end");

        CallResult result = scripts.engine().newInstance("USER.LUA").call("Go");

        var values = ((CallResult.Returned) result).values();
        assertThat(values.arg(1).toboolean()).isFalse();
        assertThat(values.arg(2).toboolean()).isFalse();
        assertThat(scripts.errors()).anySatisfy(line -> assertThat(line).contains("wrong key"));
    }

    @Test
    void clearSafetyWithTheRightKeyRestoresTheFunctions() {
        scripts.write("ADMIN.LUA", "function Go() os.setsafety('k') os.clearsafety('k') return os.getenv('PATH') ~= nil end");

        CallResult result = scripts.engine().newInstance("ADMIN.LUA").call("Go");

        assertThat(((CallResult.Returned) result).values().arg1().toboolean()).isTrue();
    }

    @Test
    void aSecondSetSafetyCannotReplaceTheKey() {
        scripts.write("USER.LUA", "function Go() os.setsafety('admin')"
                + " local replaced = pcall(os.setsafety, 'mine')"
                + " local cleared = pcall(os.clearsafety, 'mine')"
                + " return replaced, cleared end");

        var values = ((CallResult.Returned) scripts.engine().newInstance("USER.LUA").call("Go")).values();

        assertThat(values.arg(1).toboolean()).isFalse();
        assertThat(values.arg(2).toboolean()).isFalse();
    }

    @Test
    void aHostRunsUserScriptsInSafetyModeUnderAKeyTheyNeverSee() {
        scripts.write("USER.LUA", "function Go() return pcall(os.getenv, 'PATH') end");

        var values = ((CallResult.Returned) scripts.engine()
                .newInstance("USER.LUA", InstanceOptions.userScript("alice")).call("Go")).values();

        assertThat(values.arg1().toboolean()).isFalse();
    }

    @Test
    void aFileHandleOpenedBeforeSafetyModeKeepsWorkingAsTheManualSays() throws Exception {
        scripts.write("ADMIN.LUA", "function Go() local f = io.open('handed.txt', 'w') os.setsafety('k')"
                + " f:write('from user code') f:close() end");

        assertThat(scripts.engine().newInstance("ADMIN.LUA").call("Go")).isInstanceOf(CallResult.Returned.class);
        assertThat(Files.readString(folder.resolve("handed.txt"))).isEqualTo("from user code");
    }

    @Test
    void aUserScriptReachesOnlyItsOwnUsersSettings() {
        scripts.write("USER.LUA", "function Own() return VPOP3.SetUserSetting('alice', 'colour', 'blue') end"
                + " function Other() return VPOP3.GetUserSetting('bob', 'colour') end");
        ScriptInstance instance = scripts.engine().newInstance("USER.LUA", InstanceOptions.userScript("alice"));

        assertThat(((CallResult.Returned) instance.call("Own")).values().arg1().toboolean()).isTrue();
        assertThat(instance.call("Other")).isInstanceOf(CallResult.Failed.class);
        assertThat(scripts.errors()).anySatisfy(line -> assertThat(line).contains("only its own user"));
    }
}
