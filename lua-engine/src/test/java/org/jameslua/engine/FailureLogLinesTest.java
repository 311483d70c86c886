package org.jameslua.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What a hostile script makes of LUAERRORS.LOG: every failure names a line, even when the error value carries
 * none or the host refuses what was returned, and a refused operation retried in a loop does not flood it.
 */
class FailureLogLinesTest {
    @RegisterExtension
    final ScriptFixture scripts = new ScriptFixture();

    @Test
    void errorValuesWithoutAPositionAreLoggedAtTheLineTheyLeftTheFunction() {
        scripts.write(
                "S.LUA",
                String.join(
                        "\n",
                        "function Nil() error(nil) end",
                        "function Table()",
                        "  error(setmetatable({}, {__tostring = function() while true do end end}))",
                        "end",
                        "local function deep() error('too far', 5) end",
                        "function Level()",
                        "  local x = 1",
                        "  deep()",
                        "end"));
        ScriptInstance instance = scripts.engine().newInstance("S.LUA");

        instance.call("Nil");
        instance.call("Table");
        instance.call("Level");

        assertThat(scripts.errors()).hasSize(3);
        assertThat(scripts.errors().get(0)).contains(" S.LUA Nil line 1 [RUNTIME]: ");
        assertThat(scripts.errors().get(1)).contains(" S.LUA Table line 3 [RUNTIME]: (error object is a table value)");
        assertThat(scripts.errors().get(2)).contains(" S.LUA Level line 8 [RUNTIME]: too far");
    }

    @Test
    void eachLineStartsWithTheTimeOfTheEnginesClock() {
        scripts.write("S.LUA", "function Go()\n  error('boom')\nend");
        Clock clock = Clock.fixed(Instant.parse("2026-01-02T03:04:05.678Z"), ZoneOffset.UTC);

        scripts.engine(LuaEngine.builder(scripts.folder()).clock(clock))
                .newInstance("S.LUA")
                .call("Go");

        assertThat(scripts.errors())
                .containsExactly("2026-01-02 03:04:05.678 S.LUA Go line 2 [RUNTIME]: S.LUA:2: boom");
    }

    /**
     * A message may start like a position whose number is no line ({@code error("x:99999999999: boom", 0)}): the
     * call fails as for any error, logged at the line it left the function, instead of the number's parse
     * failing in the host.
     */
    @Test
    void aPositionPastAnyLineIsNoLine() {
        scripts.write("S.LUA", "function Go()\n  error('x:99999999999: boom', 0)\nend");

        CallResult result = scripts.engine().newInstance("S.LUA").call("Go");

        assertThat(result).isInstanceOf(CallResult.Failed.class);
        assertThat(scripts.errors())
                .singleElement()
                .asString()
                .endsWith(" S.LUA Go line 2 [RUNTIME]: x:99999999999: boom");
    }

    /** The messages are what Debian's lua5.2 printed for the same script and calls. */
    @Test
    void anErrorInATailCallIsLoggedAtItsLineWithLuasMessage() {
        scripts.write(
                "S.LUA",
                String.join(
                        "\n",
                        "local function repeated(s)",
                        "  return string.rep(s)",
                        "end",
                        "local function field(t)",
                        "  return t.x.y",
                        "end",
                        "function Rep() return repeated() end",
                        "function Field() return field({}) end",
                        "function Raise()",
                        "  return error('raised')",
                        "end",
                        "function Undefined() return nowhere() end"));
        ScriptInstance instance = scripts.engine().newInstance("S.LUA");

        instance.call("Rep");
        instance.call("Field");
        instance.call("Raise");
        instance.call("Undefined");

        assertThat(scripts.errors()).hasSize(4);
        assertThat(scripts.errors().get(0))
                .endsWith(" S.LUA Rep line 2 [RUNTIME]: S.LUA:2: bad argument #1 to 'rep' (string expected, got nil)");
        assertThat(scripts.errors().get(1))
                .endsWith(" S.LUA Field line 5 [RUNTIME]: S.LUA:5: attempt to index field 'x' (a nil value)");
        assertThat(scripts.errors().get(2)).endsWith(" S.LUA Raise line 10 [RUNTIME]: S.LUA:10: raised");
        assertThat(scripts.errors().get(3))
                .endsWith(
                        " S.LUA Undefined line 12 [RUNTIME]: S.LUA:12: attempt to call global 'nowhere' (a nil value)");
    }

    @Test
    void aReturnTheHostRefusesIsLoggedAtTheReturnLine() {
        scripts.write(
                "S.LUA", String.join("\n", "function DoMAILFROM(data)", "  local reply = {}", "  return reply", "end"));
        ScriptInstance instance = scripts.engine().newInstance("S.LUA");

        instance.call("DoMAILFROM");
        ScriptError reported = instance.reportBadReturn("DoMAILFROM", "DoMAILFROM's reply must be a string, not table");

        // the host reports the failure it found (its own log, the SMTP reply) as logged
        assertThat(reported.kind()).isEqualTo(ScriptError.Kind.BAD_RETURN);
        assertThat(reported.line()).hasValue(3);

        assertThat(scripts.errors())
                .singleElement()
                .asString()
                .contains(" S.LUA DoMAILFROM line 3 [BAD_RETURN]: DoMAILFROM's reply must be a string, not table");
    }

    @Test
    void aRefusalRetriedInALoopIsLoggedTenTimesPerCall() {
        scripts.write("S.LUA", "function Go() for i = 1, 10000 do pcall(os.execute, 'id') end return 'done' end");
        ScriptInstance instance = scripts.engine().newInstance("S.LUA");

        CallResult first = instance.call("Go");
        instance.call("Go");

        assertThat(((CallResult.Returned) first).values().arg1().tojstring()).isEqualTo("done");
        assertThat(scripts.errors())
                .hasSize(20)
                .allSatisfy(line ->
                        assertThat(line).contains(" S.LUA Go line 1 [SANDBOX]: os.execute is disabled in VPOP3 Lua"));
        assertThat(scripts.errors().get(9)).endsWith(" (the call's later refusals are not logged)");
        assertThat(scripts.errors().get(8)).endsWith("os.execute is disabled in VPOP3 Lua");
    }

    /**
     * The line of a refusal in a module the script required, or in a chunk it loaded, is that chunk's: the log names
     * the chunk as Lua's own message does (a refusal caught by pcall reads {@code ./lib/util.lua:3: ...} in lua5.2).
     */
    @Test
    void aRefusalOutsideTheScriptsFileNamesItsChunk() {
        scripts.write("lib/util.lua", "local M = {}\n\nfunction M.run() return os.execute('id') end\nreturn M");
        scripts.write(
                "S.LUA",
                String.join(
                        "\n",
                        "local util = require('lib.util')",
                        "function Module() return pcall(util.run) end",
                        "function Loaded() return pcall(loadstring('\\n\\nos.execute(\\'id\\')', 'cmd')) end",
                        "function Own() return pcall(os.execute, 'id') end"));
        ScriptInstance instance = scripts.engine().newInstance("S.LUA");

        CallResult module = instance.call("Module");
        instance.call("Loaded");
        instance.call("Own");

        assertThat(((CallResult.Returned) module).values().arg(2).tojstring())
                .isEqualTo("./lib/util.lua:3: os.execute is disabled in VPOP3 Lua");
        assertThat(scripts.errors())
                .satisfiesExactly(
                        line -> assertThat(line)
                                .endsWith(" S.LUA Module line 3 of ./lib/util.lua [SANDBOX]: os.execute is disabled in"
                                        + " VPOP3 Lua"),
                        line -> assertThat(line)
                                .endsWith(" S.LUA Loaded line 3 of [string \"cmd\"] [SANDBOX]: os.execute is disabled"
                                        + " in VPOP3 Lua"),
                        line -> assertThat(line)
                                .endsWith(" S.LUA Own line 4 [SANDBOX]: os.execute is disabled in VPOP3 Lua"));
    }
}
