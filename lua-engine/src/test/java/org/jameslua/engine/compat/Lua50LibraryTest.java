package org.jameslua.engine.compat;

import static org.assertj.core.api.Assertions.assertThat;

import org.jameslua.engine.CallResult;
import org.jameslua.engine.ScriptFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.luaj.vm2.Varargs;

class Lua50LibraryTest {
    @RegisterExtension
    final ScriptFixture scripts = new ScriptFixture();

    /** Runs {@code body} as the function {@code Run} of a script, and returns what it returned. */
    private Varargs run(String body) {
        scripts.write("TEST.LUA", "function Run()\n" + body + "\nend\n");
        CallResult result = scripts.engine().newInstance("TEST.LUA").call("Run");
        assertThat(result).as("%s", scripts.errors()).isInstanceOf(CallResult.Returned.class);
        return ((CallResult.Returned) result).values();
    }

    private String failure(String body) {
        scripts.write("TEST.LUA", "function Run()\n" + body + "\nend\n");
        CallResult result = scripts.engine().newInstance("TEST.LUA").call("Run");
        assertThat(result).isInstanceOf(CallResult.Failed.class);
        return ((CallResult.Failed) result).error().message();
    }

    @Test
    void getnHonoursAnNFieldThenASizeSetBySetnThenTheLength() {
        Varargs result = run("local counted = {n = 5, 'a'}\n"
                + "local sized = {'a', 'b', 'c'}\n"
                + "table.setn(sized, 2)\n"
                + "table.setn(counted, 7)\n"
                + "return table.getn(counted), table.getn(sized), table.getn({'x', 'y'}), counted.n, table.getn({})\n");

        assertThat(result.arg(1).toint()).isEqualTo(7);
        assertThat(result.arg(2).toint()).isEqualTo(2);
        assertThat(result.arg(3).toint()).isEqualTo(2);
        assertThat(result.arg(4).toint()).isEqualTo(7);
        assertThat(result.arg(5).toint()).isZero();
    }

    @Test
    void getnWithoutASizeCountsUpToTheFirstNilAsLua50Did() {
        // Lua 5.0 manual 5.4: "one less the first integer index with a nil value"; 5.1's # would give 4
        Varargs result = run("local seen = {}\n"
                + "table.foreachi({'a', 'b', nil, 'd'}, function(i, v) seen[i] = v end)\n"
                + "return table.getn({1, 2, nil, 4}), seen[4], select('#', unpack({1, 2, nil, 4}))\n");

        assertThat(result.arg(1).toint()).isEqualTo(2);
        assertThat(result.arg(2).isnil()).isTrue();
        assertThat(result.arg(3).toint())
                .as("unpack keeps the length, as in 5.1 and 5.2")
                .isEqualTo(4);
    }

    @Test
    void aSizeNoCIntHoldsOrANegativeOneLeavesGetnToCountAsLua50Did() {
        // Lua 5.0's lauxlib.c: checkint cuts the n field (or the setn size) to a C int, and only one >= 0 is a size;
        // 2^31 is INT_MIN on x86, -0.5 is 0, and a string that converts is a number
        Varargs result = run("local t = {1, 2, 3} table.setn(t, -5)\n"
                + "local u = {'a', 'b', n = 7} table.setn(u, 1)\n"
                + "return table.getn({n = 2^31, 'a'}), table.getn({n = 2^32 + 5, 'a'}), table.getn(t),"
                + " table.getn({n = -0.5, 'a'}), table.getn({n = '3'}), table.getn(u), u.n\n");

        assertThat(result.arg(1).toint()).as("n = 2^31").isEqualTo(1);
        assertThat(result.arg(2).toint()).as("n = 2^32 + 5").isEqualTo(1);
        assertThat(result.arg(3).toint()).as("setn(t, -5)").isEqualTo(3);
        assertThat(result.arg(4).toint()).as("n = -0.5").isZero();
        assertThat(result.arg(5).toint()).as("n = '3'").isEqualTo(3);
        assertThat(result.arg(6).toint()).as("setn of a table with an n field").isEqualTo(1);
        assertThat(result.arg(7).toint()).isEqualTo(1);
    }

    @Test
    void collectgarbageWithALimitIsLua50sThresholdAndReturnsNothing() {
        // Lua 5.0 manual 5.1: collectgarbage([limit]) sets the threshold in Kbytes; 5.1 and 5.2 refuse the number
        Varargs result = run("return select('#', collectgarbage(0)), select('#', collectgarbage(1000)), 'went on'\n");

        assertThat(result.arg(1).toint()).isZero();
        assertThat(result.arg(2).toint()).isZero();
        assertThat(result.arg(3).tojstring()).isEqualTo("went on");
    }

    @Test
    void foreachAndForeachiStopAtTheFirstNonNilResult() {
        Varargs result = run("local seen = {}\n"
                + "local all = table.foreachi({'a', 'b', 'c'}, function(i, v) seen[#seen + 1] = i .. v end)\n"
                + "local found = table.foreachi({'a', 'b', 'c'}, function(i, v) if v == 'b' then return i end end)\n"
                + "local key = table.foreach({x = 1, y = 2}, function(k, v) if v == 2 then return k end end)\n"
                + "local count = 0\n"
                + "table.foreach({x = 1, y = 2, 3}, function() count = count + 1 end)\n"
                + "return table.concat(seen, ' '), found, key, count, all\n");

        assertThat(result.arg(1).tojstring()).isEqualTo("1a 2b 3c");
        assertThat(result.arg(2).toint()).isEqualTo(2);
        assertThat(result.arg(3).tojstring()).isEqualTo("y");
        assertThat(result.arg(4).toint()).isEqualTo(3);
        assertThat(result.arg(5).isnil()).isTrue();
    }

    @Test
    void maxnIsTheLargestPositiveNumericKey() {
        Varargs result = run("return table.maxn({1, 2, [10] = 'x', [-3] = 1, y = 5}), table.maxn({}),"
                + " table.maxn({[2.5] = true})");

        assertThat(result.arg(1).toint()).isEqualTo(10);
        assertThat(result.arg(2).toint()).isZero();
        assertThat(result.arg(3).todouble()).isEqualTo(2.5);
    }

    @Test
    void stringAndMathNamesOf50() {
        Varargs result = run("local words = {}\n"
                + "for w in string.gfind(\"one two\", \"%a+\") do words[#words + 1] = w end\n"
                + "for w in (\"three\"):gfind(\"%a+\") do words[#words + 1] = w end\n"
                + "return table.concat(words, \",\"), math.mod(-7, 3), math.pow(2, 10), math.log10(1000),\n"
                + "  math.ldexp(1, 4), (math.frexp(8)), string.len(\"abc\")\n");

        assertThat(result.arg(1).tojstring()).isEqualTo("one,two,three");
        assertThat(result.arg(2).toint()).isEqualTo(-1);
        assertThat(result.arg(3).toint()).isEqualTo(1024);
        assertThat(result.arg(4).todouble()).isEqualTo(3.0);
        assertThat(result.arg(5).toint()).isEqualTo(16);
        assertThat(result.arg(6).todouble()).isEqualTo(0.5);
        assertThat(result.arg(7).toint()).isEqualTo(3);
    }

    @Test
    void unpackStopsAtGetnSoNilsInsideAreKept() {
        Varargs result = run("local function count(...) return select('#', ...) end\n"
                + "return count(unpack({n = 3, nil, 2})), count(unpack({1, 2, 3}, 2)), count(unpack({1, 2, 3}, 2, 5)),\n"
                + "  count(table.unpack({'a', 'b'})), unpack({'first'})\n");

        assertThat(result.arg(1).toint()).isEqualTo(3);
        assertThat(result.arg(2).toint()).isEqualTo(2);
        assertThat(result.arg(3).toint()).isEqualTo(4);
        assertThat(result.arg(4).toint()).isEqualTo(2);
        assertThat(result.arg(5).tojstring()).isEqualTo("first");
    }

    @Test
    void unpackRefusesMoreResultsThanLuaCanReturn() {
        assertThat(failure("return unpack({n = 2000000000})")).contains("too many results to unpack");
        assertThat(failure("return unpack(nil)")).contains("table expected");
    }

    @Test
    void gcinfoReportsKilobytesInUseAndTheHeapSize() {
        Varargs result = run("return gcinfo()");

        assertThat(result.arg(1).toint()).isPositive();
        assertThat(result.arg(2).toint()).isGreaterThanOrEqualTo(result.arg(1).toint());
    }

    @Test
    void forInPassesIteratorsOnAndTurnsTablesIntoNext() {
        Varargs result = run("local forin = (\"\").__vpop3_forin\n"
                + "local f, s, c = forin({1})\n"
                + "local g = forin(ipairs({}))\n"
                + "return f(s) == 1, s[1], c, g == (ipairs({}))\n");

        assertThat(result.arg(1).toboolean()).isTrue();
        assertThat(result.arg(2).toint()).isEqualTo(1);
        assertThat(result.arg(3).isnil()).isTrue();
        assertThat(result.arg(4).toboolean()).isTrue();
    }
}
