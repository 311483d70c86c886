package org.jameslua.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the sandbox leaves out, and what it keeps working; the escape attempts are {@link EscapeCatalogueTest}. */
class SandboxTest {
    @RegisterExtension
    final ScriptFixture scripts = new ScriptFixture();

    @ParameterizedTest
    @ValueSource(
            strings = {
                "luajava",
                "string.dump",
                "debug.getregistry",
                "debug.getupvalue",
                "debug.setupvalue",
                "debug.sethook",
                "debug.getlocal",
                "debug.setmetatable",
                "debug.getmetatable",
                "io.stdin",
                "io.stdout",
                "io.stderr",
                "package.searchers",
                "package.loaders",
                "package.searchpath"
            })
    void theseAreNotThere(String name) {
        scripts.write("S.LUA", "function Go() return " + name + " == nil end");

        assertThat(returned("Go").arg1().toboolean()).isTrue();
    }

    /** As in lua5.2: require of a standard library gives its table, the one package.loaded holds. */
    @ParameterizedTest
    @ValueSource(strings = {"_G", "package", "coroutine", "table", "io", "os", "string", "bit32", "math", "debug"})
    void requireOfAStandardLibraryGivesItsTable(String name) {
        scripts.write(
                "S.LUA",
                "function Go() return package.loaded." + name + " == " + name + " and require('" + name + "') == "
                        + name + " end");

        assertThat(returned("Go").arg1().toboolean()).isTrue();
    }

    @Test
    void loadOfTextStillWorksWithItsOwnEnvironment() {
        scripts.write("S.LUA", "function Go() local f = load('return x', 'chunk', 't', {x = 7}) return f() end");

        assertThat(returned("Go").arg1().toint()).isEqualTo(7);
    }

    @Test
    void stdioIsNotCreated() {
        scripts.write("S.LUA", "function Go() return pcall(io.write, 'x') end");

        var values = returned("Go");
        assertThat(values.arg1().toboolean()).isFalse();
        assertThat(values.arg(2).tojstring()).contains("no stdout");
    }

    /** The ways out of the folder are attempts 11 to 13 of {@link EscapeCatalogueTest}. */
    @Test
    void requireFindsModulesInsideTheScriptsFolder() {
        scripts.write("LIB/HELPERS.LUA", "return { twice = function(x) return 2 * x end }");
        scripts.write("OLD.LUA", "return 'old style'");
        scripts.write(
                "S.LUA",
                "function Inside() return require('lib.helpers').twice(21) end"
                        + " function WithExtension() return require('old.lua') end");
        ScriptInstance instance = scripts.engine().newInstance("S.LUA");

        assertThat(((CallResult.Returned) instance.call("Inside"))
                        .values()
                        .arg1()
                        .toint())
                .isEqualTo(42);
        assertThat(((CallResult.Returned) instance.call("WithExtension"))
                        .values()
                        .arg1()
                        .tojstring())
                .isEqualTo("old style");
    }

    /** Instances share the engine's stateless library functions, never a table holding them. */
    @Test
    void anInstanceEmptyingEveryLibraryTableLeavesAnotherWhole() {
        scripts.write(
                "S.LUA",
                "local G, pairs, ipairs = _G, pairs, ipairs\n"
                        + "local names = {\"string\", \"table\", \"math\", \"bit32\", \"coroutine\", \"os\", \"io\", \"VPOP3\", \"VPOP3Net\",\n"
                        + "               \"package\", \"debug\"}\n"
                        + "function Count()\n"
                        + "  local n = 0\n"
                        + "  for _, name in ipairs(names) do for _ in pairs(G[name]) do n = n + 1 end end\n"
                        + "  for _ in pairs(G) do n = n + 1 end\n"
                        + "  return n, ('a'):upper(), select(2, pcall(error, 'e', 0)), io.type(1), coroutine.status(\n"
                        + "      coroutine.create(print))\n"
                        + "end\n"
                        + "function Break()\n"
                        + "  for _, name in ipairs(names) do local t = G[name] for k in pairs(t) do t[k] = nil end end\n"
                        + "  for k in pairs(G) do G[k] = nil end\n"
                        + "end");
        LuaEngine engine = scripts.engine();
        ScriptInstance attacker = engine.newInstance("S.LUA");
        ScriptInstance victim = engine.newInstance("S.LUA");
        var before = ((CallResult.Returned) victim.call("Count")).values();

        assertThat(attacker.call("Break")).isInstanceOf(CallResult.Returned.class);

        var after = ((CallResult.Returned) victim.call("Count")).values();
        var fresh = ((CallResult.Returned) engine.newInstance("S.LUA").call("Count")).values();
        assertThat(before.arg1().toint()).isGreaterThan(150);
        for (var values : java.util.List.of(after, fresh)) {
            assertThat(values.arg1().toint()).isEqualTo(before.arg1().toint());
            assertThat(values.arg(2).tojstring()).isEqualTo("A");
            assertThat(values.arg(3).tojstring()).isEqualTo("e");
            assertThat(values.arg(4).isnil()).isTrue();
            assertThat(values.arg(5).tojstring()).isEqualTo("suspended");
        }
    }

    private org.luaj.vm2.Varargs returned(String function) {
        CallResult result = scripts.engine().newInstance("S.LUA").call(function);
        assertThat(result).isInstanceOf(CallResult.Returned.class);
        return ((CallResult.Returned) result).values();
    }
}
