package org.jameslua.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A file {@code dofile}, {@code loadfile} or {@code require} loads is named in messages as Lua 5.2 names it, by the
 * name the script gave ({@code "@" .. name}): {@code dofile("./lib/util.lua")} fails with {@code ./lib/util.lua:2:},
 * in the script's {@code pcall} and in {@code LUAERRORS.LOG} alike, where the engine gave the file's name in the
 * folder ({@code lib/util.lua:2:}). Scripts brought from VPOP3 match on these texts. The name is a label only: what a
 * name finds, and in safety mode what a user's script may load, is as before. (Names Lua 5.2 on Linux opens too are
 * conformance cases, in load.lua; these are the ones only a Windows file system, or a user's folder, has.)
 */
class FileChunkNamesTest {
    private static final String UTIL = "local M = {}\nfunction M.fail() local t return t.x end\nreturn M\n";

    @RegisterExtension
    final ScriptFixture scripts = new ScriptFixture();

    private String call(String script, InstanceOptions options) {
        CallResult result = scripts.engine().newInstance(script, options).call("Go");
        return ((CallResult.Returned) result).values().arg1().tojstring();
    }

    /** Names are found whatever their letter case, as on Windows, where Lua named the file as the script spelt it. */
    @Test
    void aFileIsNamedAsTheScriptSpeltItInAnyLetterCase() {
        scripts.write("lib/util.lua", UTIL);
        scripts.write("lib/bad.lua", "x = = 1");
        scripts.write(
                "S.LUA",
                "function Go()\n"
                        + "  local a = select(2, pcall(dofile('LIB/UTIL.LUA').fail))\n"
                        + "  local b = select(2, pcall(dofile('lib/util.lua').fail))\n"
                        + "  local c = select(2, loadfile('./Lib/Bad.lua'))\n"
                        + "  local d = select(2, pcall(require, 'LIB.BAD'))\n"
                        + "  return a .. '|' .. b .. '|' .. c .. '|' .. d\n"
                        + "end\n");

        assertThat(call("S.LUA", InstanceOptions.defaults()))
                .isEqualTo("LIB/UTIL.LUA:2: attempt to index local 't' (a nil value)"
                        + "|lib/util.lua:2: attempt to index local 't' (a nil value)"
                        + "|./Lib/Bad.lua:1: unexpected symbol near '='"
                        + "|error loading module 'LIB.BAD' from file './LIB/BAD.lua':\n"
                        + "\t./LIB/BAD.lua:1: unexpected symbol near '='");
        // the file's compile error, logged once for every script that loads it, names it as the folder holds it
        assertThat(scripts.errors())
                .singleElement()
                .asString()
                .contains("lib/bad.lua (compile) line 1 [COMPILE]: lib/bad.lua:1: unexpected symbol near '='");
    }

    @Test
    void anUncaughtErrorIsLoggedAtTheLineOfTheFileAsTheScriptNamedIt() {
        scripts.write("lib/util.lua", UTIL);
        scripts.write("S.LUA", "function Go() return dofile('.//lib/util.lua').fail() end");

        scripts.engine().newInstance("S.LUA").call("Go");

        assertThat(scripts.errors())
                .singleElement()
                .asString()
                .contains(" S.LUA Go line 2 of .//lib/util.lua [RUNTIME]: "
                        + ".//lib/util.lua:2: attempt to index local 't' (a nil value)");
    }

    /** A user's script names its files from its own folder, as it loads them: the user's folder is in no name. */
    @Test
    void aUsersScriptSeesItsFilesNamedFromItsFolder() {
        scripts.write("alice/lib/util.lua", UTIL);
        scripts.write(
                "alice/USER.LUA",
                "function Go()\n"
                        + "  local a = select(2, pcall(dofile('./lib/util.lua').fail))\n"
                        + "  local b = select(2, pcall(require('lib.util').fail))\n"
                        + "  local c = select(2, pcall(require, 'lib.missing'))\n"
                        + "  local d = select(2, loadfile('lib/missing.lua'))\n"
                        + "  return a .. '|' .. b .. '|' .. c .. '|' .. d\n"
                        + "end\n");

        assertThat(call("alice/USER.LUA", InstanceOptions.userScript("alice")))
                .isEqualTo("./lib/util.lua:2: attempt to index local 't' (a nil value)"
                        + "|./lib/util.lua:2: attempt to index local 't' (a nil value)"
                        + "|module 'lib.missing' not found:\n\tno field package.preload['lib.missing']\n"
                        + "\tno file './lib/missing.lua'"
                        + "|cannot open lib/missing.lua: No such file or directory");
    }

    /**
     * A name is a label on the compiled file it found, and a name another user's script used first finds that user's
     * file no more than before: each user's {@code ./x.lua} runs that user's own, and the other's stays out of reach
     * under any spelling.
     */
    @Test
    void aNameAnotherUsersScriptUsedFindsOnlyTheScriptsOwnFile() {
        scripts.write("bob/x.lua", "return 'bob'");
        scripts.write("alice/x.lua", "return 'alice'");
        scripts.write("bob/USER.LUA", "function Go() return dofile('./x.lua') .. dofile('x.lua') end");
        scripts.write(
                "alice/USER.LUA",
                "function Go()\n"
                        + "  local mine = dofile('./x.lua') .. dofile('x.lua')\n"
                        + "  for _, name in ipairs{'../bob/x.lua', './../bob/x.lua', 'bob/x.lua', './bob/x.lua'} do\n"
                        + "    local ok, e = pcall(dofile, name)\n"
                        + "    mine = mine .. '|' .. tostring(e)\n"
                        + "  end\n"
                        + "  return mine\n"
                        + "end\n");

        LuaEngine engine = scripts.engine();
        CallResult bob = engine.newInstance("bob/USER.LUA", InstanceOptions.userScript("bob"))
                .call("Go");
        CallResult alice = engine.newInstance("alice/USER.LUA", InstanceOptions.userScript("alice"))
                .call("Go");

        assertThat(((CallResult.Returned) bob).values().arg1().tojstring()).isEqualTo("bobbob");
        assertThat(((CallResult.Returned) alice).values().arg1().tojstring())
                .isEqualTo("alicealice"
                        + "|cannot load ../bob/x.lua: only files inside the folder of user alice"
                        + "|cannot load ./../bob/x.lua: only files inside the folder of user alice"
                        + "|cannot open bob/x.lua: No such file or directory"
                        + "|cannot open ./bob/x.lua: No such file or directory");
    }
}
