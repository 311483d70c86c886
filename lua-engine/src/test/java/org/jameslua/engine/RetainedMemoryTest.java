package org.jameslua.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What an instance keeps between calls is bounded, each and all together: the instance that passes a bound
 * fails that call with a MEMORY error, is emptied, and fails every later call the same way; the others go on.
 */
class RetainedMemoryTest {
    private static final long MIB = 1024 * 1024;

    @RegisterExtension
    final ScriptFixture scripts = new ScriptFixture();

    @Test
    void aGlobalHoarderFailsOnceItKeepsMoreThanItsBound() {
        assertHoarderFailsAtItsFifthCall("function Go() BIG = BIG or {} BIG[#BIG + 1] = ('y'):rep(2^20) end");
    }

    @Test
    void anUpvalueHoarderFailsOnceItKeepsMoreThanItsBound() {
        assertHoarderFailsAtItsFifthCall("local kept = {} function Go() kept[#kept + 1] = ('y'):rep(2^20) end");
    }

    @Test
    void aCoroutineKeepingLocalsFailsOnceItKeepsMoreThanItsBound() {
        assertHoarderFailsAtItsFifthCall("local co = coroutine.wrap(function() local t = {}"
                + " while true do t[#t + 1] = ('y'):rep(2^20) coroutine.yield() end end)"
                + " function Go() co() end");
    }

    // RetainedSize counts host functions as nothing, but a gmatch iterator keeps its subject string
    @Test
    void aGmatchIteratorHoarderFailsOnceItKeepsMoreThanItsBound() {
        assertHoarderFailsAtItsFifthCall(
                "ITS = {} function Go() ITS[#ITS + 1] = string.gmatch(('y'):rep(2^20), 'x') end");
    }

    // RetainedSize walks a closure's upvalues, not its prototype's constants, which load() made from script data
    @Test
    void aLoadedChunkConstantHoarderFailsOnceItKeepsMoreThanItsBound() {
        assertHoarderFailsAtItsFifthCall(
                "FS = {} function Go()" + " FS[#FS + 1] = load('return \\'' .. ('y'):rep(2^20) .. '\\'') end");
    }

    @Test
    void aFunctionMadeByALoadedChunkKeepsItsConstants() {
        assertHoarderFailsAtItsFifthCall("FS = {} function Go()"
                + " FS[#FS + 1] = load('return function() return \\'' .. ('y'):rep(2^20) .. '\\' end')() end");
    }

    // the folder's compiled scripts are shared by every instance: their constants are charged to none
    @Test
    void theConstantsOfTheFolderScriptsAreNotCharged() {
        scripts.write(
                "S.LUA",
                "function Go() local s = ('t'):rep(2 * 2^20) return #s + #'" + "y".repeat((int) (5 * MIB)) + "' end");
        LuaEngine engine = engine(4 * MIB + MIB / 2, 64 * MIB);
        ScriptInstance first = engine.newInstance("S.LUA");
        ScriptInstance second = engine.newInstance("S.LUA");

        for (int i = 0; i < 3; i++) {
            assertThat(first.call("Go")).isInstanceOf(CallResult.Returned.class);
            assertThat(second.call("Go")).isInstanceOf(CallResult.Returned.class);
        }
        assertThat(scripts.errors()).isEmpty();
        assertThat(engine.retainedMemory().charged()).isLessThan(MIB);
    }

    @Test
    void manyShortStringsCountToo() {
        scripts.write("S.LUA", "T = {} function Go() for i = 1, 10000 do T[#T + 1] = 'k' .. #T end end");
        ScriptInstance instance = engine(2 * MIB, 64 * MIB).newInstance("S.LUA");

        assertThat(instance.call("Go")).isInstanceOf(CallResult.Returned.class);
        assertThat(instance.call("Go")).isInstanceOf(CallResult.Failed.class);
    }

    @Test
    void whatACallOnlyUsesIsNotKept() {
        scripts.write("S.LUA", "function Go() local t = {} for i = 1, 8 do t[i] = ('y'):rep(2^20) end return #t end");
        ScriptInstance instance = engine(4 * MIB + MIB / 2, 64 * MIB).newInstance("S.LUA");

        for (int i = 0; i < 10; i++) {
            assertThat(instance.call("Go")).isInstanceOf(CallResult.Returned.class);
        }
        assertThat(scripts.errors()).isEmpty();
    }

    @Test
    void theInstanceThatGrowsPastTheServerBoundFailsAndTheOthersGoOn() {
        scripts.write(
                "S.LUA", "BIG = {} function Go() BIG[#BIG + 1] = ('y'):rep(2^20) end function Ok() return #BIG end");
        LuaEngine engine = engine(4 * MIB + MIB / 2, 5 * MIB + MIB / 2);
        ScriptInstance first = engine.newInstance("S.LUA");
        ScriptInstance second = engine.newInstance("S.LUA");
        for (int i = 0; i < 3; i++) {
            assertThat(first.call("Go")).isInstanceOf(CallResult.Returned.class);
        }
        assertThat(second.call("Go")).isInstanceOf(CallResult.Returned.class);
        assertThat(second.call("Go")).isInstanceOf(CallResult.Returned.class);

        CallResult tooMuch = second.call("Go");

        assertThat(((CallResult.Failed) tooMuch).error().message())
                .startsWith("all scripts together keep more than " + (5 * MIB + MIB / 2) + " bytes between calls");
        assertThat(((CallResult.Returned) first.call("Ok")).values().arg1().toint())
                .isEqualTo(3);
        assertThat(first.call("Go")).isInstanceOf(CallResult.Returned.class);
        assertThat(engine.retainedMemory().charged()).isBetween(4 * MIB, 4 * MIB + MIB / 2);
    }

    @Test
    void anInstanceThatKeepsLittleGoesOnWhileTheTotalIsPastItsBound() {
        scripts.write("BIG.LUA", "BIG = {} for i = 1, 3 do BIG[i] = ('y'):rep(2^20) end");
        scripts.write("S.LUA", "function Go() local s = ('t'):rep(2 * 2^20) return #s end");
        LuaEngine engine = engine(4 * MIB + MIB / 2, 3 * MIB + MIB / 2);
        engine.newInstance("BIG.LUA");
        ScriptInstance small = engine.newInstance("S.LUA");

        for (int i = 0; i < 3; i++) {
            assertThat(small.call("Go")).isInstanceOf(CallResult.Returned.class);
        }
        assertThat(scripts.errors()).isEmpty();
    }

    @Test
    void aClosedInstanceIsNoLongerCharged() {
        scripts.write("S.LUA", "BIG = {} function Go() BIG[#BIG + 1] = ('y'):rep(2^20) end");
        LuaEngine engine = engine(4 * MIB + MIB / 2, 64 * MIB);
        ScriptInstance instance = engine.newInstance("S.LUA");
        instance.call("Go");
        instance.call("Go");
        assertThat(engine.retainedMemory().charged()).isGreaterThan(2 * MIB);

        instance.close();

        assertThat(engine.retainedMemory().charged()).isZero();
    }

    /** An instance emptied for keeping too much lets go of its open files and its suspended coroutines' threads. */
    @Test
    void anEmptiedInstanceClosesItsFilesAndEndsItsCoroutines() throws Exception {
        scripts.write(
                "S.LUA",
                "F = io.open('kept.txt', 'w')\n"
                        + "CO = coroutine.create(function() coroutine.yield() end)\n"
                        + "coroutine.resume(CO)\n"
                        + "BIG = {} function Go() BIG[#BIG + 1] = ('y'):rep(2^20) end");
        LuaEngine engine = engine(4 * MIB + MIB / 2, 64 * MIB);
        ScriptInstance instance = engine.newInstance("S.LUA");
        assertThat(OpenDescriptors.in(scripts.folder())).hasSize(1);
        assertThat(engine.coroutineThreads().alive()).isEqualTo(1);

        for (int i = 1; i <= 5; i++) {
            instance.call("Go");
        }

        assertThat(instance.isEmptied()).isTrue();
        assertThat(OpenDescriptors.in(scripts.folder())).isEmpty();
        // the coroutine's thread ends on its own once interrupted
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (engine.coroutineThreads().alive() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(engine.coroutineThreads().alive()).isZero();
    }

    private void assertHoarderFailsAtItsFifthCall(String script) {
        scripts.write("S.LUA", script);
        LuaEngine engine = engine(4 * MIB + MIB / 2, 64 * MIB);
        ScriptInstance instance = engine.newInstance("S.LUA");
        for (int i = 1; i <= 4; i++) {
            assertThat(instance.call("Go")).as("call %d", i).isInstanceOf(CallResult.Returned.class);
        }

        assertThat(instance.isEmptied()).isFalse();
        CallResult fifth = instance.call("Go");
        CallResult sixth = instance.call("Go");

        String message = "the script keeps more than " + (4 * MIB + MIB / 2)
                + " bytes between calls (in globals, upvalues and the tables they reach)";
        assertThat(((CallResult.Failed) fifth).error().kind()).isEqualTo(ScriptError.Kind.MEMORY);
        assertThat(((CallResult.Failed) fifth).error().message()).isEqualTo(message);
        assertThat(((CallResult.Failed) sixth).error()).isEqualTo(((CallResult.Failed) fifth).error());
        assertThat(instance.defines("Anything")).isTrue();
        // nothing of what it kept is left for the host to read back
        assertThat(instance.isEmptied()).isTrue();
        assertThat(instance.get("Go").isnil()).isTrue();
        List<String> errors = scripts.errors();
        assertThat(errors)
                .singleElement()
                .asString()
                .containsPattern(" S\\.LUA Go line \\d+ \\[MEMORY\\]: ")
                .endsWith(message);
        assertThat(engine.retainedMemory().charged()).isZero();
    }

    private LuaEngine engine(long perInstance, long total) {
        return scripts.engine(LuaEngine.builder(scripts.folder())
                .serverLimits(ServerLimits.defaults()
                        .withRetainedPerInstance(perInstance)
                        .withRetainedTotal(total)));
    }
}
