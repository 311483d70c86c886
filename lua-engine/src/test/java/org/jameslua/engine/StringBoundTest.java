package org.jameslua.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.luaj.vm2.LuaValue;

/**
 * Every operation that builds a string is refused before it allocates one over the string length bound, in
 * one step however many pieces it joins; {@code pcall} does not catch the refusal.
 */
class StringBoundTest {
    private static final int BOUND = 20_000;

    @RegisterExtension
    final ScriptFixture scripts = new ScriptFixture();

    @Test
    void aConcatenationOfThirtyOperandsIsRefusedBeforeItIsBuilt() {
        String thirty = String.join(" .. ", java.util.Collections.nCopies(30, "s"));

        assertRefused("local s = ('x'):rep(1000) local r = " + thirty + " return #r", 30_000);
    }

    @Test
    void aConcatenationExactlyAtTheBoundIsBuilt() {
        String twenty = String.join(" .. ", java.util.Collections.nCopies(20, "s"));

        assertThat(returned("local s = ('x'):rep(1000) return #(" + twenty + ")"))
                .isEqualTo("20000");
    }

    @Test
    void repBuildsWhatLuaBuilds() {
        assertThat(returned("return table.concat({('ab'):rep(3, ','), ('x'):rep(1), ('ab'):rep(2), (''):rep(3, '-'),"
                        + " ('abc'):rep(0), ('xy'):rep(5)}, '|')"))
                .isEqualTo("ab,ab,ab|x|abab|--||xyxyxyxyxy");
    }

    @Test
    void aConcatenationOfTwoOperandsIsRefused() {
        assertRefused("local s = ('x'):rep(15000) return s .. s", 30_000);
    }

    @Test
    void numbersCountAsTheirText() {
        assertRefused("local s = ('x'):rep(19999) return s .. 12", 20_001);
    }

    @Test
    void pcallDoesNotCatchTheRefusal() {
        assertRefused("local s = ('x'):rep(15000) local ok = pcall(function() return s .. s end) return ok", 30_000);
    }

    @Test
    void tableConcatIsRefused() {
        assertRefused(
                "local t = {} for i = 1, 21 do t[i] = ('x'):rep(1000) end local r = table.concat(t) return r", 21_000);
    }

    @Test
    void stringRepIsRefused() {
        assertRefused("local r = ('x'):rep(BOUND + 1) return r", BOUND + 1);
    }

    @Test
    void gsubIsRefused() {
        assertRefused("return (('x'):rep(100):gsub('x', ('y'):rep(201)))", 20_100);
    }

    @Test
    void formatIsRefusedOnWhatItCouldBuild() {
        // refused as the result grows past the bound, before it is built: at its last byte here
        assertRefused("local s = ('x'):rep(BOUND / 2) local r = string.format('%s%s!', s, s) return r", BOUND + 1);
    }

    @Test
    void osDateIsRefusedOnWhatItCouldBuild() {
        assertRefused("local r = os.date(('%c'):rep(1000)) return r", 26_000);
    }

    @Test
    void loadIsRefusedOnTheSourceItIsGiven() {
        assertRefused(
                "local n = 0 local f = load(function() n = n + 1 if n <= 3 then return ('-'):rep(8000) end end)"
                        + " return f",
                24_000);
    }

    @Test
    void stringCharIsRefused() {
        assertRefused(
                "local t = {} for i = 1, BOUND + 1 do t[i] = 65 end local r = string.char(table.unpack(t)) return r",
                BOUND + 1);
    }

    @Test
    void upperOfAStringTheHostPassedInIsRefused() {
        byte[] big = new byte[BOUND + 5];
        Arrays.fill(big, (byte) 'a');
        scripts.write("S.LUA", "function Go() local r = BIG:upper() return r end");
        ScriptInstance instance = engine().newInstance("S.LUA");
        instance.set("BIG", LuaValue.valueOf(big));

        CallResult result = instance.call("Go");

        assertMemoryError(result, BOUND + 5);
    }

    private void assertRefused(String body, long length) {
        scripts.write("S.LUA", "BOUND = " + BOUND + " function Go() " + body + " end");

        assertMemoryError(engine().newInstance("S.LUA").call("Go"), length);
    }

    private void assertMemoryError(CallResult result, long length) {
        assertThat(result).isInstanceOf(CallResult.Failed.class);
        ScriptError error = ((CallResult.Failed) result).error();
        assertThat(error.kind()).isEqualTo(ScriptError.Kind.MEMORY);
        assertThat(error.message()).isEqualTo("a string of " + length + " bytes is over the limit of " + BOUND);
        assertThat(scripts.errors())
                .singleElement()
                .asString()
                .endsWith(" S.LUA Go line 1 [MEMORY]: a string of " + length + " bytes is over the limit of " + BOUND);
    }

    private String returned(String body) {
        scripts.write("S.LUA", "function Go() " + body + " end");
        CallResult result = engine().newInstance("S.LUA").call("Go");
        assertThat(result).isInstanceOf(CallResult.Returned.class);
        return ((CallResult.Returned) result).values().arg1().tojstring();
    }

    private LuaEngine engine() {
        return scripts.engine(Limits.defaults().withStringLength(BOUND));
    }
}
