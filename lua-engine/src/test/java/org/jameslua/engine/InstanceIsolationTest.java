package org.jameslua.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.luaj.vm2.LuaValue;

/**
 * Instances of one engine share the function objects that hold no state (the sandbox table's shared names, and the
 * bodies of os.getenv and os.tmpname under each instance's safety-mode guard), never a table or a function bound to
 * an instance: what one instance changes in its libraries, or its safety mode, no other instance sees.
 */
class InstanceIsolationTest {
    @RegisterExtension
    final ScriptFixture scripts = new ScriptFixture();

    private static final String SCRIPT = String.join(
            "\n",
            "function Change()",
            "  string.foo = 1",
            "  os.date = function() return 'hooked' end",
            "  collectgarbage = nil",
            "  gcinfo = function() return 'hooked' end",
            "  table.maxn = function() return 42 end",
            "  math.log10 = nil",
            "  io.open = nil",
            "  VPOP3.GetSetting = nil",
            "  string.upper = function() return 'hooked' end",
            "  return true",
            "end",
            "function Look()",
            "  return string.foo, type(os.date('%Y')), type(collectgarbage('count')), type(gcinfo()),",
            "      table.maxn({1, 2}), math.log10(100), type(io.open), type(VPOP3.GetSetting), ('a'):upper()",
            "end",
            "function Safe() os.setsafety('key') return true end",
            "function TryGetenv() return pcall(os.getenv, 'PATH') end",
            "function TryOpen() return pcall(io.open, 'NOSUCH.TXT') end");

    @Test
    void whatOneInstanceChangesInItsLibrariesNoOtherSees() {
        scripts.write("SMTPSVR.LUA", SCRIPT);
        LuaEngine engine = scripts.engine();
        ScriptInstance changed = engine.newInstance("SMTPSVR.LUA");
        ScriptInstance other = engine.newInstance("SMTPSVR.LUA");

        assertThat(values(changed.call("Change"))).startsWith("true");
        String untouched = "nil string number number 2 2 function function A";
        assertThat(values(other.call("Look"))).isEqualTo(untouched);
        assertThat(values(engine.newInstance("SMTPSVR.LUA").call("Look"))).isEqualTo(untouched);
    }

    @Test
    void safetyModeOfOneInstanceRefusesNothingInAnother() {
        scripts.write("SMTPSVR.LUA", SCRIPT);
        LuaEngine engine = scripts.engine();
        ScriptInstance safe = engine.newInstance("SMTPSVR.LUA");
        ScriptInstance other = engine.newInstance("SMTPSVR.LUA");

        safe.call("Safe");

        assertThat(values(safe.call("TryGetenv"))).startsWith("false").contains("disabled in safety mode");
        assertThat(values(safe.call("TryOpen"))).startsWith("false").contains("disabled in safety mode");
        assertThat(values(other.call("TryGetenv"))).startsWith("true");
        assertThat(values(other.call("TryOpen"))).startsWith("true nil");
    }

    @Test
    void eachInstanceDrawsFromItsOwnRandomGenerator() {
        scripts.write(
                "SMTPSVR.LUA",
                "function Seed(n) math.randomseed(n) return true end function Draw() return math.random(1000000) end");
        LuaEngine engine = scripts.engine();
        ScriptInstance first = engine.newInstance("SMTPSVR.LUA");
        ScriptInstance second = engine.newInstance("SMTPSVR.LUA");

        first.call("Seed", LuaValue.valueOf(7));
        second.call("Seed", LuaValue.valueOf(7));
        String firstDraw = values(first.call("Draw"));
        first.call("Draw");

        assertThat(values(second.call("Draw"))).isEqualTo(firstDraw);
    }

    private static String values(CallResult result) {
        assertThat(result).isInstanceOf(CallResult.Returned.class);
        var values = ((CallResult.Returned) result).values();
        StringBuilder text = new StringBuilder();
        for (int i = 1; i <= values.narg(); i++) {
            text.append(i > 1 ? " " : "").append(values.arg(i).tojstring());
        }
        return text.toString();
    }
}
