package org.jameslua.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.luaj.vm2.Varargs;

class SafetyModeTest {
    @RegisterExtension
    final ScriptFixture scripts = new ScriptFixture();

    @Test
    void aRefusalIsLoggedOnceWhereItHappened() {
        scripts.write("USER.LUA", "function Go()\n os.setsafety('k')\n os.remove('x')\n end");

        CallResult result = scripts.engine().newInstance("USER.LUA").call("Go");

        assertThat(scripts.errors())
                .singleElement()
                .asString()
                .contains("USER.LUA Go line 3 [SANDBOX]: os.remove is disabled in safety mode");
        // the host reports the call's failure (a mailet's log, james-lua-run's exit) as the refusal logged
        assertThat(result).isInstanceOf(CallResult.Failed.class);
        ScriptError error = ((CallResult.Failed) result).error();
        assertThat(error.kind()).isEqualTo(ScriptError.Kind.SANDBOX);
        assertThat(error.message()).isEqualTo("os.remove is disabled in safety mode");
        assertThat(error.line()).hasValue(3);
    }

    /** Hosts tell the operator whether a user's script ran in safety mode from the instance. */
    @Test
    void anInstanceMadeInSafetyModeSaysSoAndOthersDoNot() {
        scripts.write("USER.LUA", "function Go() return 1 end");
        LuaEngine engine = scripts.engine();

        assertThat(engine.newInstance("USER.LUA", InstanceOptions.userScript("alice"))
                        .isSafetyOn())
                .isTrue();
        assertThat(engine.newInstance("USER.LUA").isSafetyOn()).isFalse();
    }

    @Test
    void clearSafetyOutsideSafetyModeSucceedsWhateverTheKey() {
        scripts.write("ADMIN.LUA", "function Go() return os.clearsafety('any') end");

        CallResult result = scripts.engine().newInstance("ADMIN.LUA").call("Go");

        assertThat(((CallResult.Returned) result).values().arg1().toboolean()).isTrue();
        assertThat(scripts.errors()).isEmpty();
    }

    @Test
    void theSameFunctionsWorkOutsideSafetyMode() throws Exception {
        scripts.write(
                "ADMIN.LUA",
                "function Go() local f = io.open('out.txt', 'w') f:write('hi') f:close()"
                        + " return os.getenv('PATH') ~= nil end");

        CallResult result = scripts.engine().newInstance("ADMIN.LUA").call("Go");

        assertThat(((CallResult.Returned) result).values().arg1().toboolean()).isTrue();
        assertThat(Files.readString(scripts.folder().resolve("out.txt"))).isEqualTo("hi");
    }

    @Test
    void clearSafetyWithTheRightKeyRestoresTheFunctions() {
        scripts.write(
                "ADMIN.LUA", "function Go() os.setsafety('k') os.clearsafety('k') return os.getenv('PATH') ~= nil end");

        CallResult result = scripts.engine().newInstance("ADMIN.LUA").call("Go");

        assertThat(((CallResult.Returned) result).values().arg1().toboolean()).isTrue();
    }

    @Test
    void aFileHandleOpenedBeforeSafetyModeKeepsWorkingAsTheManualSays() throws Exception {
        scripts.write(
                "ADMIN.LUA",
                "function Go() local f = io.open('handed.txt', 'w') os.setsafety('k')"
                        + " f:write('from user code') f:close() end");

        assertThat(scripts.engine().newInstance("ADMIN.LUA").call("Go")).isInstanceOf(CallResult.Returned.class);
        assertThat(Files.readString(scripts.folder().resolve("handed.txt"))).isEqualTo("from user code");
    }

    @Test
    void aUsersOwnScriptLoadsItsOwnFilesAndSettingsByTheirNamesInItsFolder() {
        LuaEngine engine = scripts.engine();
        engine.host().userSettings().set("alice", "Colour", "green");
        scripts.write("alice/helper.lua", "return 'helped'");
        scripts.write("alice/lib/util.lua", "return { name = 'util' }");
        scripts.write(
                "alice/USER.LUA",
                "function Go() return dofile('helper.lua') .. ' '"
                        + " .. loadfile('HELPER.LUA')() .. ' ' .. require('lib.util').name .. ' '"
                        + " .. VPOP3.GetUserSetting('ALICE', 'Colour') end");

        CallResult result = engine.newInstance("alice/USER.LUA", InstanceOptions.userScript("alice"))
                .call("Go");

        assertThat(((CallResult.Returned) result).values().arg1().tojstring()).isEqualTo("helped helped util green");
        assertThat(scripts.errors()).isEmpty();
    }

    /**
     * A user's script may set {@code package.path}, as in Lua, to its own folder's places only: templates leading out
     * of it (another user's folder, the scripts folder, an absolute path) name no file, and its own are searched in
     * order.
     */
    @Test
    void aUsersPackagePathFindsModulesInItsOwnFolderOnly() {
        scripts.write("bob/secret.lua", "return 'bob'");
        scripts.write("SECRET.lua", "return 'admin'");
        scripts.write("alice/lib/mine.lua", "return 'alice'");
        scripts.write(
                "alice/USER.LUA",
                "function Go()\n"
                        + " package.path = '../bob/?.lua;./../?.lua;/etc/?.lua;..\\\\bob\\\\?.lua;./lib/?.lua'\n"
                        + " local found, secret = pcall(require, 'secret')\n"
                        + " return secret, require('mine')\n"
                        + "end");

        CallResult result = scripts.engine()
                .newInstance("alice/USER.LUA", InstanceOptions.userScript("alice"))
                .call("Go");

        Varargs values = ((CallResult.Returned) result).values();
        assertThat(values.arg1().tojstring())
                .startsWith("module 'secret' not found:")
                .contains("no file '../bob/secret.lua'", "no file './lib/secret.lua'");
        assertThat(values.arg(2).tojstring()).isEqualTo("alice");
        assertThat(scripts.errors()).isEmpty();
    }

    /**
     * A link in a user's folder whose target does not exist (yet) is no file: the script learns nothing of where it
     * leads or where the scripts folder lies, and the file appearing later behind it is still outside the folder.
     */
    @Test
    void aBrokenLinkInAUsersFolderIsNoFile() throws Exception {
        scripts.write("alice/USER.LUA", "function Go() return select(2, pcall(dofile, 'later.lua')) end");
        Files.createSymbolicLink(
                scripts.folder().resolve("alice/later.lua"), scripts.folder().resolve("bob/later.lua"));

        CallResult result = scripts.engine()
                .newInstance("alice/USER.LUA", InstanceOptions.userScript("alice"))
                .call("Go");

        assertThat(((CallResult.Returned) result).values().arg1().tojstring())
                .isEqualTo("cannot open later.lua: No such file or directory");
    }
}
