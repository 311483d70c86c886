package org.jameslua.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import org.jameslua.engine.folder.CompiledScripts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.luaj.vm2.LuaValue;

class LuaEngineTest {
    @RegisterExtension
    final ScriptFixture scripts = new ScriptFixture();

    @Test
    void callsAFunctionAndReadsItsReturnsPositionally() {
        scripts.write("SMTPSVR.LUA", "function DoHELO(host, refuse, ehlo) return refuse, 'hello ' .. host end");
        ScriptInstance instance = scripts.engine().newInstance("SMTPSVR.LUA");

        CallResult result = instance.call("DoHELO", LuaValue.valueOf("client.example"), LuaValue.FALSE, LuaValue.TRUE);

        assertThat(result).isInstanceOf(CallResult.Returned.class);
        var values = ((CallResult.Returned) result).values();
        assertThat(values.arg(1).toboolean()).isFalse();
        assertThat(values.arg(2).tojstring()).isEqualTo("hello client.example");
    }

    @Test
    void findsScriptsWhateverTheCaseOfTheirFileName() {
        scripts.write("smtpsvr.lua", "function Start() return '' end");

        ScriptInstance instance = scripts.engine().newInstance("SMTPSVR.LUA");

        assertThat(instance.defines("Start")).isTrue();
        // hosts name the script in their logs as the folder spells it, as LUAERRORS.LOG does
        assertThat(instance.scriptName()).isEqualTo("smtpsvr.lua");
    }

    /**
     * Windows editors (Notepad saving as UTF-8) start a file with a byte order mark, which Lua 5.2 skips in a file it
     * loads (luaL_loadfilex), as in a required module; line numbers stay those of the file. A string given to load
     * keeps it, as in Lua 5.2.
     */
    @Test
    void aScriptFileStartingWithAByteOrderMarkRunsAsLua52LoadsIt() throws Exception {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        Files.write(
                scripts.folder().resolve("SMTPSVR.LUA"),
                concat(
                        bom,
                        ("require 'lib'\nfunction DoNOOP() return greeting() end\n"
                                        + "function DoRSET() local x = nil\n return x.y end\n")
                                .getBytes(StandardCharsets.UTF_8)));
        Files.write(
                scripts.folder().resolve("lib.lua"),
                concat(
                        bom,
                        "#!/usr/bin/lua\nfunction greeting() return '250 £' end\n".getBytes(StandardCharsets.UTF_8)));
        ScriptInstance instance = scripts.engine().newInstance("SMTPSVR.LUA");

        CallResult result = instance.call("DoNOOP");
        instance.call("DoRSET");

        assertThat(result).isInstanceOf(CallResult.Returned.class);
        assertThat(((CallResult.Returned) result).values().arg1().tojstring()).isEqualTo("250 £");
        assertThat(scripts.errors())
                .singleElement()
                .asString()
                .contains("SMTPSVR.LUA DoRSET line 4 [RUNTIME]: SMTPSVR.LUA:4: attempt to index local 'x'");
    }

    /**
     * DOS editors end a file with Ctrl-Z, where VPOP3's Lua on Windows (a file read in text mode) stopped reading,
     * so what follows it is not Lua; a string given to load is not a file, and a Ctrl-Z there is a syntax error.
     */
    @Test
    void aScriptFileEndsAtACtrlZAsVpop3ReadItOnWindows() {
        scripts.write(
                "SMTPSVR.LUA", "require 'lib'\r\nfunction DoNOOP() return greeting() end\r\n\u001a\u0000garbage(");
        scripts.write("lib.lua", "function greeting() return '250 dos' end\u001a");
        ScriptInstance instance = scripts.engine().newInstance("SMTPSVR.LUA");

        CallResult result = instance.call("DoNOOP");

        assertThat(result).isInstanceOf(CallResult.Returned.class);
        assertThat(((CallResult.Returned) result).values().arg1().tojstring()).isEqualTo("250 dos");
        assertThat(scripts.errors()).isEmpty();
        assertThat(instance.call("Go")).isInstanceOf(CallResult.NotDefined.class);
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = new byte[first.length + second.length];
        System.arraycopy(first, 0, both, 0, first.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    @Test
    void aFunctionTheScriptDoesNotDefineMeansDefaultBehaviourSilently() {
        scripts.write("SMTPSVR.LUA", "function Start() return '' end");

        assertThat(scripts.engine().newInstance("SMTPSVR.LUA").call("DoNOOP"))
                .isInstanceOfSatisfying(
                        CallResult.NotDefined.class,
                        result -> assertThat(result.function()).isEqualTo("DoNOOP"));
        assertThat(scripts.errors()).isEmpty();
    }

    @Test
    void aMissingScriptDefinesNothing() {
        ScriptInstance instance = scripts.engine().newInstance("SMTPSVR.LUA");

        assertThat(instance.defines("Start")).isFalse();
        assertThat(scripts.errors()).isEmpty();
    }

    /** What hosts ask before running a script: whether there is one that compiles, and whether it can define a name. */
    @Test
    void aScriptIsThereWhenAVersionOfItCompiledAndMayDefineTheNamesItsCodeNames() {
        scripts.write("SMTPSVR.LUA", "function DoHELO() return HELOName end");
        scripts.write("NEVER.LUA", "function DoHELO( end");
        LuaEngine engine = scripts.engine();

        assertThat(engine.hasScript("SMTPSVR.LUA")).isTrue();
        assertThat(engine.hasScript("NEVER.LUA")).isFalse();
        assertThat(engine.hasScript("MISSING.LUA")).isFalse();
        assertThat(engine.mayDefine("SMTPSVR.LUA", "DoHELO")).isTrue();
        assertThat(engine.mayDefine("SMTPSVR.LUA", "HELOName")).isTrue();
        assertThat(engine.mayDefine("SMTPSVR.LUA", "DoRCPTTO")).isFalse();
        assertThat(engine.mayDefine("MISSING.LUA", "DoHELO")).isFalse();

        scripts.write("SMTPSVR.LUA", "function DoHELO( end");
        assertThat(engine.hasScript("SMTPSVR.LUA")).isTrue();
        assertThat(engine.mayDefine("SMTPSVR.LUA", "DoHELO")).isTrue();
    }

    /**
     * A main chunk that fails after defining a function defines nothing: the host does what it does without a
     * script rather than call a half-set-up one; the failure is logged against the main chunk.
     */
    @Test
    void aMainChunkThatFailsDefinesNothing() {
        scripts.write("SMTPSVR.LUA", "function DoHELO() return 1 end\nerror('late')");

        ScriptInstance instance = scripts.engine().newInstance("SMTPSVR.LUA");

        assertThat(instance.defines("DoHELO")).isFalse();
        assertThat(instance.call("DoHELO"))
                .isInstanceOfSatisfying(
                        CallResult.NotDefined.class,
                        result -> assertThat(result.function()).isEqualTo("DoHELO"));
        assertThat(scripts.errors())
                .singleElement()
                .asString()
                .endsWith(" SMTPSVR.LUA (main chunk) line 2 [RUNTIME]: SMTPSVR.LUA:2: late");
    }

    @Test
    void eachInstanceHasItsOwnGlobals() {
        scripts.write("SMTPSVR.LUA", "count = 0 function Bump() count = count + 1 return count end");
        LuaEngine engine = scripts.engine();
        ScriptInstance first = engine.newInstance("SMTPSVR.LUA");
        ScriptInstance second = engine.newInstance("SMTPSVR.LUA");

        first.call("Bump");
        first.call("Bump");

        assertThat(((CallResult.Returned) second.call("Bump")).values().arg1().toint())
                .isEqualTo(1);
    }

    @Test
    void printAppendsToLuaOut() {
        scripts.write("SMTPSVR.LUA", "function Start() print('hello', 42, nil) end");

        scripts.engine().newInstance("SMTPSVR.LUA").call("Start");

        assertThat(scripts.luaOut()).containsExactly("hello\t42\tnil");
    }

    @Test
    void runtimeErrorsGoToLuaErrorsLogWithScriptFunctionAndLine() {
        scripts.write("SMTPSVR.LUA", "function DoRCPTTO()\n  local t = nil\n  return t.x\nend");

        CallResult result = scripts.engine().newInstance("SMTPSVR.LUA").call("DoRCPTTO");

        assertThat(result).isInstanceOf(CallResult.Failed.class);
        assertThat(scripts.errors())
                .singleElement()
                .asString()
                .contains("SMTPSVR.LUA DoRCPTTO line 3 [RUNTIME]")
                .contains("attempt to index");
    }

    @Test
    void aChangedScriptIsPickedUpByTheNextInstanceAndABrokenOneKeepsTheLastGoodVersion() {
        scripts.write("SMTPSVR.LUA", "function Version() return 1 end");
        LuaEngine engine = scripts.engine();
        assertThat(version(engine)).isEqualTo(1);

        scripts.write("SMTPSVR.LUA", "function Version() return 2 end");
        assertThat(version(engine)).isEqualTo(2);

        scripts.write("SMTPSVR.LUA", "function Version() return 3 ");
        assertThat(version(engine)).isEqualTo(2);
        assertThat(version(engine)).isEqualTo(2);
        assertThat(scripts.errors())
                .singleElement()
                .asString()
                .contains("SMTPSVR.LUA (compile)")
                .contains("[COMPILE]")
                .contains("keeps running");
    }

    /**
     * An edit within the file system's time resolution (a file created empty, then saved with its text, in one second
     * on a file system keeping seconds) leaves the modification time as it was: the file's size tells the edit.
     */
    @Test
    void anEditThatKeepsTheModificationTimeIsPickedUpByItsSize() throws Exception {
        Path file = scripts.write("SMTPSVR.LUA", "");
        FileTime created = Files.getLastModifiedTime(file);
        LuaEngine engine = scripts.engine();
        assertThat(engine.newInstance("SMTPSVR.LUA").defines("Version")).isFalse();

        scripts.write("SMTPSVR.LUA", "function Version() return 2 end");
        Files.setLastModifiedTime(file, created);

        assertThat(version(engine)).isEqualTo(2);
    }

    /** Notepad saves an empty file as UTF-8 as its byte order mark alone: a script that defines nothing. */
    @Test
    void aScriptFileOfOnlyAByteOrderMarkIsAnEmptyScript() throws Exception {
        Files.write(scripts.folder().resolve("SMTPSVR.LUA"), new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});

        ScriptInstance instance = scripts.engine().newInstance("SMTPSVR.LUA");

        assertThat(instance.defines("Start")).isFalse();
        assertThat(scripts.engine().hasScript("SMTPSVR.LUA")).isTrue();
        assertThat(scripts.errors()).isEmpty();
    }

    @Test
    void aScriptFileOverSixteenMebibytesIsRefusedUnreadAndTheLastGoodVersionKeepsRunning() throws Exception {
        scripts.write("SMTPSVR.LUA", "function Version() return 1 end");
        LuaEngine engine = scripts.engine();
        assertThat(version(engine)).isEqualTo(1);

        String huge = "function Version() return 2 end --" + "x".repeat(16 * 1024 * 1024);
        scripts.write("SMTPSVR.LUA", huge);

        assertThat(version(engine)).isEqualTo(1);
        assertThat(version(engine)).isEqualTo(1);
        assertThat(scripts.errors())
                .singleElement()
                .asString()
                .contains("SMTPSVR.LUA (compile) [COMPILE]: the file is " + huge.length()
                        + " bytes, over the limit of 16777216 for a script (the last version");
    }

    /** The limit is 16 MiB: a file of exactly that size is a script like any other, read to its last byte. */
    @Test
    void aScriptFileOfExactlySixteenMebibytesServes() {
        String code = "function Version() return 2 end";
        scripts.write("SMTPSVR.LUA", "--" + "x".repeat(16 * 1024 * 1024 - 3 - code.length()) + "\n" + code);

        assertThat(version(scripts.engine())).isEqualTo(2);
        assertThat(scripts.errors()).isEmpty();
    }

    @Test
    void anUnreadableScriptIsLoggedOnceAndTheLastGoodVersionServesUntilItCanBeReadAgain() throws Exception {
        Path file = scripts.write("SMTPSVR.LUA", "function Version() return 1 end");
        LuaEngine engine = scripts.engine();
        assertThat(version(engine)).isEqualTo(1);

        // as root no permission makes a file unreadable; a directory in its place cannot be read either
        Files.delete(file);
        Files.createDirectory(file);

        assertThat(version(engine)).isEqualTo(1);
        assertThat(version(engine)).isEqualTo(1);
        assertThat(scripts.errors())
                .singleElement()
                .asString()
                .contains("SMTPSVR.LUA (compile) [COMPILE]: cannot read the file: ")
                .contains("keeps running");

        Files.delete(file);
        scripts.write("SMTPSVR.LUA", "function Version() return 2 end");
        assertThat(version(engine)).isEqualTo(2);
    }

    /**
     * Opening a FIFO to read waits for a writer, for ever: it held the thread compiling the script, and with it the
     * lock every other user of that script waits on (every SMTP session, one worker each, until none was left).
     */
    @Test
    void aFifoInPlaceOfAScriptIsNeverOpenedAndTheLastGoodVersionKeepsRunning() throws Exception {
        Path file = scripts.write("SMTPSVR.LUA", "function Version() return 1 end");
        LuaEngine engine = scripts.engine();
        assertThat(version(engine)).isEqualTo(1);

        Files.delete(file);
        assertThat(new ProcessBuilder("mkfifo", file.toString()).start().waitFor())
                .isZero();

        assertThat(assertTimeoutPreemptively(Duration.ofSeconds(20), () -> version(engine)))
                .isEqualTo(1);
        assertThat(version(engine)).isEqualTo(1);
        assertThat(scripts.errors())
                .singleElement()
                .asString()
                .contains("SMTPSVR.LUA (compile) [COMPILE]: cannot read the file: it is not a regular file")
                .contains("keeps running");
    }

    /**
     * A script loading one file under many spellings ({@code ./bad.lua}, {@code .//BAD.lua}) has it compiled once:
     * each spelling was a cache entry of its own, compiled and kept (and a file that does not compile logged) once
     * per spelling, so a user's own script could fill the heap with copies of one file of its folder.
     */
    @Test
    void aFileLoadedUnderManySpellingsIsCompiledAndLoggedOnce() {
        scripts.write("alice/bad.lua", "return (");
        scripts.write(
                "alice/USER_REDIRECT.LUA",
                "function Go()\n"
                        + "  local name = \"bad.lua\"\n"
                        + "  for i = 1, 50 do\n"
                        + "    loadfile(name)\n"
                        + "    name = (i % 2 == 0 and \"./\" or \".//\") .. name\n"
                        + "  end\n"
                        + "  return loadfile(\"./BAD.LUA\")\n"
                        + "end\n");

        CallResult result = scripts.engine()
                .newInstance("alice/USER_REDIRECT.LUA", InstanceOptions.userScript("alice"))
                .call("Go");

        assertThat(result).isInstanceOf(CallResult.Returned.class);
        assertThat(scripts.errors()).singleElement().asString().contains("alice/bad.lua (compile) line 1 [COMPILE]");
    }

    /** Only what the link leads to must be a regular file: a script kept elsewhere and linked in still serves. */
    @Test
    void aSymbolicLinkToAScriptServesItAndItsChangesAndANewTarget() throws Exception {
        Path first = scripts.write("versions/one.lua", "function Version() return 1 end");
        Path link = Files.createSymbolicLink(scripts.folder().resolve("SMTPSVR.LUA"), first);
        LuaEngine engine = scripts.engine();
        assertThat(version(engine)).isEqualTo(1);

        scripts.write("versions/one.lua", "function Version() return 22 end");
        assertThat(version(engine)).isEqualTo(22);

        Path second = scripts.write("versions/two.lua", "function Version() return 333 end");
        Files.delete(link);
        Files.createSymbolicLink(link, second);
        assertThat(version(engine)).isEqualTo(333);
        assertThat(scripts.errors()).isEmpty();
    }

    @Test
    void theStateOfAScriptIsTheVersionServingAndTheCompileErrorOfTheFileAsItIs() throws Exception {
        Path good = scripts.write("SMTPSVR.LUA", "function Version() return 1 end");
        FileTime goodTime = Files.getLastModifiedTime(good);
        scripts.write("NEVER.LUA", "function Version( return 1 end");
        scripts.write("sub/USER.LUA", "function Version() return 1 end");
        scripts.write("NOTES.TXT", "not a script");
        Files.createDirectories(scripts.folder().resolve("OLD.LUA"));
        LuaEngine engine = scripts.engine();

        // what the web admin lists and where declared settings are looked for: the folder's own .LUA files only
        assertThat(engine.folder().scriptNames()).containsExactly("NEVER.LUA", "SMTPSVR.LUA");
        assertThat(engine.scriptState("SMTPSVR.LUA").versionInUse()).contains(goodTime);
        assertThat(engine.scriptState("SMTPSVR.LUA").compileError()).isEmpty();
        assertThat(engine.scriptState("NEVER.LUA").versionInUse()).isEmpty();
        assertThat(engine.scriptState("NEVER.LUA").compileError())
                .get()
                .satisfies(error -> assertThat(error.line()).hasValue(1));

        scripts.write("SMTPSVR.LUA", "\nfunction Version() return 3 ");

        CompiledScripts.ScriptState broken = engine.scriptState("smtpsvr.lua");
        assertThat(broken.versionInUse()).contains(goodTime);
        assertThat(broken.compileError()).get().satisfies(error -> {
            assertThat(error.script()).isEqualTo("SMTPSVR.LUA");
            assertThat(error.line()).hasValue(2);
        });
        assertThat(scripts.errors())
                .filteredOn(line -> line.contains("SMTPSVR.LUA"))
                .hasSize(1);
    }

    @Test
    void anInfiniteLoopEndsWithALoggedTimeoutAndTheInstanceStaysUsable() {
        scripts.write("SMTPSVR.LUA", "function Spin() while true do end end function Ok() return 'ok' end");
        ScriptInstance instance = scripts.engine(Limits.defaults().withWallTime(Duration.ofMillis(200)))
                .newInstance("SMTPSVR.LUA");

        CallResult result = instance.call("Spin");

        assertThat(result).isInstanceOf(CallResult.Failed.class);
        assertThat(((CallResult.Failed) result).error().kind()).isEqualTo(ScriptError.Kind.TIMEOUT);
        assertThat(((CallResult.Returned) instance.call("Ok")).values().arg1().tojstring())
                .isEqualTo("ok");
    }

    @Test
    void pcallCannotSwallowTheBudget() {
        scripts.write("SMTPSVR.LUA", "function Spin() while true do pcall(function() while true do end end) end end");
        ScriptInstance instance =
                scripts.engine(Limits.defaults().withInstructions(100_000)).newInstance("SMTPSVR.LUA");

        assertThat(instance.call("Spin")).isInstanceOf(CallResult.Failed.class);
    }

    @Test
    void stringMethodsSeeFunctionsTheInstanceAddedToString() {
        scripts.write(
                "SMTPSVR.LUA",
                "function string.shout(s) return s:upper() .. '!' end function Go() return ('hi'):shout() end");

        CallResult result = scripts.engine().newInstance("SMTPSVR.LUA").call("Go");

        assertThat(((CallResult.Returned) result).values().arg1().tojstring()).isEqualTo("HI!");
    }

    private static int version(LuaEngine engine) {
        return ((CallResult.Returned) engine.newInstance("SMTPSVR.LUA").call("Version"))
                .values()
                .arg1()
                .toint();
    }
}
