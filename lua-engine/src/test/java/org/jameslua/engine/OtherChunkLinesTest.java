package org.jameslua.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.luaj.vm2.LuaValue;

/**
 * A failure inside a chunk other than the script's own file (a string given to {@code load}, a module {@code
 * require}d, a file run with {@code dofile}) is logged at that chunk's line, and the entry names the chunk as Lua
 * names it in messages ({@code ./lib/m.lua}, {@code [string "..."]}): the line alone, under the script's name, sent the
 * operator to the wrong line of the wrong file. Every kind of failure, each from each kind of chunk.
 */
class OtherChunkLinesTest {
    /** The same functions at the same lines in every chunk. */
    private static final String MODULE = String.join(
            "\n",
            "local M = {}",
            "function M.rep() return #string.rep('x', 2^30) end",
            "function M.loop() while true do end end",
            "function M.alloc() local t = {} while true do t[#t + 1] = {} end end",
            "function M.index() local t return t.x end",
            "function M.host() return string.rep() end",
            "function M.raise() error({}) end",
            "function M.sandbox() return os.execute('id') end",
            "function M.print() while true do print(('x'):rep(1000)) end end",
            "function M.deep() return 1 + M.deep() end",
            "function M.bad() return {} end",
            "function M.keep() KEPT = {} for i = 1, 50000 do KEPT[i] = tostring(i) .. 'kept' end end",
            "return M");

    /** Each kind of chunk, in the order the tests call into them. */
    private static final List<String> KINDS = List.of("string", "named", "module", "dofile");

    /** Each kind of chunk, and how the log names it. */
    private static final Map<String, String> CHUNKS = Map.of(
            "string", "[string \"local M = {}...\"]",
            "named", "named",
            "module", "./lib/m.lua",
            "dofile", "d.lua");

    @RegisterExtension
    final ScriptFixture scripts = new ScriptFixture();

    private void writeScripts() {
        scripts.write("lib/m.lua", MODULE);
        scripts.write("d.lua", MODULE);
        scripts.write(
                "S.LUA",
                String.join(
                        "\n",
                        "local text = [==[" + MODULE + "]==]",
                        "local chunks = {",
                        "  string = load(text)(),",
                        "  named = load(text, '=named')(),",
                        "  module = require('lib.m'),",
                        "  dofile = dofile('d.lua'),",
                        "}",
                        "function Go(chunk, what) local result = chunks[chunk][what]() return result end",
                        "function Define(chunk, what) _ENV[chunk .. what] = chunks[chunk][what] end"));
    }

    /** What each kind of failure is logged as, for a call of {@code Go} into each chunk. */
    private List<String> failuresOf(Limits limits, String function) {
        writeScripts();
        ScriptInstance instance = scripts.engine(limits).newInstance("S.LUA");
        for (String chunk : KINDS) {
            instance.call("Go", LuaValue.valueOf(chunk), LuaValue.valueOf(function));
        }
        return scripts.errors();
    }

    private static String[] expected(int line, String kind, String message) {
        return expected(line, kind, chunk -> message);
    }

    /** As above, with a message that names the chunk (given as the log names it). */
    private static String[] expected(int line, String kind, Function<String, String> messageOf) {
        return KINDS.stream()
                .map(CHUNKS::get)
                .map(chunk -> " S.LUA Go line " + line + " of " + chunk + " [" + kind + "]: " + messageOf.apply(chunk))
                .toArray(String[]::new);
    }

    private static void assertLogged(List<String> errors, String[] expected) {
        assertThat(errors).hasSize(expected.length);
        for (int i = 0; i < expected.length; i++) {
            assertThat(errors.get(i)).contains(expected[i]);
        }
    }

    @Test
    void aStringOverItsBound() {
        assertLogged(
                failuresOf(Limits.defaults().withStringLength(1_000_000), "rep"),
                expected(2, "MEMORY", "a string of 1073741824 bytes is over the limit of 1000000"));
    }

    @Test
    void instructions() {
        assertLogged(
                failuresOf(Limits.defaults().withInstructions(100_000), "loop"),
                expected(3, "TIMEOUT", "the call ran more than 100000 instructions"));
    }

    // the bound is the main chunk's too, which compiles and runs the four chunks: 100 ms was passed there once, on a
    // machine loaded by a CI run and a build at once
    @Test
    void time() {
        assertLogged(
                failuresOf(
                        Limits.defaults().withInstructions(Long.MAX_VALUE).withWallTime(Duration.ofMillis(500)),
                        "loop"),
                expected(3, "TIMEOUT", "the call ran longer than 500 ms"));
    }

    @Test
    void allocation() {
        assertLogged(
                failuresOf(Limits.defaults().withInstructions(Long.MAX_VALUE).withAllocatedBytes(20_000_000), "alloc"),
                expected(4, "MEMORY", "the call allocated more than 20000000 bytes"));
    }

    @Test
    void output() {
        assertLogged(
                failuresOf(Limits.defaults().withOutputBytes(100_000), "print"),
                expected(9, "MEMORY", "the call printed more than 100000 bytes to LUA.OUT"));
    }

    @Test
    void aLuaErrorKeepsLuasMessage() {
        assertLogged(
                failuresOf(Limits.defaults(), "index"),
                expected(5, "RUNTIME", chunk -> chunk + ":5: attempt to index local 't' (a nil value)"));
    }

    @Test
    void anErrorOfAHostFunction() {
        assertLogged(
                failuresOf(Limits.defaults(), "host"),
                expected(
                        6, "RUNTIME", chunk -> chunk + ":6: bad argument #1 to 'rep' (string expected, got no value)"));
    }

    @Test
    void aStackOverflow() {
        assertLogged(failuresOf(Limits.defaults().withCallDepth(50), "deep"), expected(10, "RUNTIME", ""));
    }

    @Test
    void aRefusal() {
        assertLogged(
                failuresOf(Limits.defaults(), "sandbox"),
                expected(8, "SANDBOX", "os.execute is disabled in VPOP3 Lua"));
    }

    /**
     * A callback the script took from another chunk is the call's outermost function: an error value without a
     * position, a return the host refuses and what the instance keeps are at its lines.
     */
    @Test
    void aCallbackDefinedInAnotherChunk() {
        writeScripts();
        LuaEngine engine = scripts.engine(LuaEngine.builder(scripts.folder())
                .serverLimits(ServerLimits.defaults().withRetainedPerInstance(2_000_000)));
        ScriptInstance instance = engine.newInstance("S.LUA");
        instance.call("Define", LuaValue.valueOf("module"), LuaValue.valueOf("raise"));
        instance.call("Define", LuaValue.valueOf("named"), LuaValue.valueOf("bad"));
        instance.call("Define", LuaValue.valueOf("string"), LuaValue.valueOf("keep"));

        instance.call("moduleraise");
        instance.call("namedbad");
        instance.reportBadReturn("namedbad", "namedbad's reply must be a string, not table");
        instance.call("stringkeep");

        assertThat(scripts.errors())
                .satisfiesExactly(
                        line -> assertThat(line)
                                .endsWith(" S.LUA moduleraise line 7 of ./lib/m.lua [RUNTIME]:"
                                        + " (error object is a table value)"),
                        line -> assertThat(line)
                                .endsWith(" S.LUA namedbad line 11 of named [BAD_RETURN]:"
                                        + " namedbad's reply must be a string, not table"),
                        line -> assertThat(line)
                                .contains(" S.LUA stringkeep line 12 of [string \"local M = {}...\"] [MEMORY]:"
                                        + " the script keeps more than 2000000 bytes"));
    }

    @Test
    void aFailureOfTheMainChunkInALoadedChunk() {
        scripts.write("S.LUA", "local x = 1\nload('local s = \"\"\\n\\nreturn string.rep(\"x\", 2^30)', '=init')()");

        scripts.engine(Limits.defaults().withStringLength(1_000_000)).newInstance("S.LUA");

        assertThat(scripts.errors())
                .singleElement()
                .asString()
                .contains(" S.LUA (main chunk) line 3 of init [MEMORY]: a string of 1073741824 bytes");
    }

    @Test
    void theScriptsOwnLinesNameNoChunk() {
        scripts.write("S.LUA", "local x = 1\nfunction Go()\n  return #string.rep('x', 2^30)\nend");

        scripts.engine(Limits.defaults().withStringLength(1_000_000))
                .newInstance("S.LUA")
                .call("Go");

        assertThat(scripts.errors())
                .singleElement()
                .asString()
                .contains(" S.LUA Go line 3 [MEMORY]: a string of 1073741824 bytes");
    }

    /**
     * A chunk's name is the script's text: it stays on its line and cannot pass for the entry's kind, as a parser
     * takes the first {@code " [KIND]: "} after the line for it.
     */
    @Test
    void aChunkNameForgesNoEntry() {
        scripts.write(
                "S.LUA",
                "function Go() return load('\\nreturn string.rep(\"x\", 2^30)',"
                        + " '=x\\r\\n2026-01-01 S.LUA Go line 1 [TIMEOUT]: forged')() end");

        scripts.engine(Limits.defaults().withStringLength(1_000_000))
                .newInstance("S.LUA")
                .call("Go");

        assertThat(scripts.errors())
                .singleElement()
                .asString()
                .contains(" S.LUA Go line 2 of x\\r\\n2026-01-01 S.LUA Go line 1 \\x5bTIMEOUT\\x5d: forged"
                        + " [MEMORY]: a string of 1073741824 bytes");
    }

    /**
     * A user's script in safety mode is told of a refusal in its module what Lua tells (the module's name, as the
     * script required it from its own folder), nothing of the log's entry, which names the same chunk.
     */
    @Test
    void aUsersScriptInSafetyModeLearnsNothingMore() {
        scripts.write("alice/lib/m.lua", "local M = {}\n\nfunction M.open() return io.open('x') end\nreturn M");
        scripts.write(
                "alice/USER.LUA",
                "local m = require('lib.m')\nfunction Go() local ok, message = pcall(m.open) return message end");

        CallResult result = scripts.engine()
                .newInstance("alice/USER.LUA", InstanceOptions.userScript("alice"))
                .call("Go");

        String told = ((CallResult.Returned) result).values().arg1().tojstring();
        assertThat(told).isEqualTo("./lib/m.lua:3: io.open is disabled in safety mode");
        assertThat(scripts.errors())
                .singleElement()
                .asString()
                .endsWith(" alice/USER.LUA Go line 3 of ./lib/m.lua [SANDBOX]: io.open is disabled in safety mode");
    }
}
