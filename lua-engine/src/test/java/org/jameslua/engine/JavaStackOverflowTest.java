package org.jameslua.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Recursion through host functions overflows the Java stack before the call depth bound sees it; it is a Lua
 * error "stack overflow" all the same: {@code pcall} catches it, and uncaught it is logged once.
 */
class JavaStackOverflowTest {
    private static final String TOSTRING_CYCLE = "local t = setmetatable({}, {__tostring = tostring})";
    private static final String CALL_CYCLE = "local t = setmetatable({}, {}) getmetatable(t).__call = t";

    @RegisterExtension
    final ScriptFixture scripts = new ScriptFixture();

    @Test
    void pcallCatchesATostringCycle() {
        assertThat(returned(TOSTRING_CYCLE
                        + " local ok, message = pcall(tostring, t) return tostring(ok) .. ' ' .. message"))
                .isEqualTo("false stack overflow");
    }

    /** A table whose __call is itself recursed without end in LuaJ; Lua 5.2 calls only a function found there. */
    @Test
    void aCallCycleIsNoCallAtAll() {
        assertThat(returned(CALL_CYCLE + " local ok, message = pcall(t) return tostring(ok) .. ' ' .. message"))
                .isEqualTo("false attempt to call a table value");
    }

    @Test
    void anUncaughtOverflowIsLoggedOnce() {
        scripts.write(
                "S.LUA",
                "function Go() " + TOSTRING_CYCLE + " local s = tostring(t) return s end"
                        + " function Ok() return 'ok' end");
        ScriptInstance instance = scripts.engine().newInstance("S.LUA");

        CallResult result = instance.call("Go");

        assertThat(((CallResult.Failed) result).error().kind()).isEqualTo(ScriptError.Kind.RUNTIME);
        assertThat(scripts.errors()).singleElement().asString().endsWith(" S.LUA Go line 1 [RUNTIME]: stack overflow");
        assertThat(((CallResult.Returned) instance.call("Ok")).values().arg1().tojstring())
                .isEqualTo("ok");
    }

    private String returned(String body) {
        scripts.write("S.LUA", "function Go() " + body + " end");
        CallResult result = scripts.engine().newInstance("S.LUA").call("Go");
        assertThat(result).isInstanceOf(CallResult.Returned.class);
        return ((CallResult.Returned) result).values().arg1().tojstring();
    }
}
