package org.jameslua.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.lib.ZeroArgFunction;

/**
 * Code shared between instances (the string metatable, the library functions' string bounds) finds the instance
 * whose call runs on the thread: on a coroutine's thread too, and never one whose call has ended, however it ended,
 * on a thread the host goes on using for other work.
 */
class RunningInstanceTest {
    private static final int BOUND = 20_000;
    private static final String SCRIPT = String.join(
            "\n",
            "function string.twice(s) return s .. s end",
            "function Twice() return ('ab'):twice() end",
            "function Upper() return BIG:upper() end",
            "function InCoroutine(name) return coroutine.wrap(function() return _G[name]() end)() end",
            "function Fail() error('failed') end",
            "function AroundInner(name) Inner() return _G[name]() end");

    @RegisterExtension
    final ScriptFixture scripts = new ScriptFixture();

    private final LuaValue big = bigString();

    @Test
    void aCoroutineFindsItsInstancesStringMethods() {
        assertThat(returned(bounded().call("InCoroutine", LuaValue.valueOf("Twice"))))
                .isEqualTo("abab");
    }

    @Test
    void aCoroutineIsHeldToItsInstancesStringBound() {
        assertMemoryError(bounded().call("InCoroutine", LuaValue.valueOf("Upper")));
    }

    @Test
    void theHostSeesNoInstanceAfterACallThatFailed() {
        bounded().call("Fail");

        assertThat(LuaValue.valueOf("ab").get("twice").isnil()).isTrue();
        assertThat(big.method("upper").length()).isEqualTo(BOUND + 5);
    }

    @Test
    void aCallNestedInAnotherLeavesTheOuterInstanceRunning() {
        ScriptInstance outer = bounded();
        ScriptInstance inner = scripts.engine().newInstance("S.LUA");
        outer.set("Inner", new ZeroArgFunction() {
            @Override
            public LuaValue call() {
                inner.call("Fail");
                return NIL;
            }
        });

        assertThat(returned(outer.call("AroundInner", LuaValue.valueOf("Twice"))))
                .isEqualTo("abab");
        assertMemoryError(outer.call("AroundInner", LuaValue.valueOf("Upper")));
    }

    /** An instance whose {@code string} table has {@code twice}, and whose strings are bounded below {@code BIG}. */
    private ScriptInstance bounded() {
        scripts.write("S.LUA", SCRIPT);
        ScriptInstance instance =
                scripts.engine(Limits.defaults().withStringLength(BOUND)).newInstance("S.LUA");
        instance.set("BIG", big);
        return instance;
    }

    private static LuaValue bigString() {
        byte[] bytes = new byte[BOUND + 5];
        Arrays.fill(bytes, (byte) 'a');
        return LuaValue.valueOf(bytes);
    }

    private static String returned(CallResult result) {
        assertThat(result).isInstanceOf(CallResult.Returned.class);
        return ((CallResult.Returned) result).values().arg1().tojstring();
    }

    private static void assertMemoryError(CallResult result) {
        assertThat(result).isInstanceOf(CallResult.Failed.class);
        ScriptError error = ((CallResult.Failed) result).error();
        assertThat(error.kind()).isEqualTo(ScriptError.Kind.MEMORY);
        assertThat(error.message()).isEqualTo("a string of " + (BOUND + 5) + " bytes is over the limit of " + BOUND);
    }
}
