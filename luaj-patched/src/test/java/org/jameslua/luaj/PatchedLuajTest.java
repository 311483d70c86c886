package org.jameslua.luaj;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LoadState;
import org.luaj.vm2.LuaDouble;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.compiler.LuaC;
import org.luaj.vm2.lib.BaseLib;
import org.luaj.vm2.lib.PackageLib;
import org.luaj.vm2.lib.StringLib;
import org.luaj.vm2.lib.TableLib;

/** LuaJ's own classes, as this module's build rewrote them, write numbers as Debian's lua5.2 does. */
class PatchedLuajTest {
    private static String run(String chunk) {
        Globals globals = new Globals();
        globals.load(new BaseLib());
        globals.load(new PackageLib());
        globals.load(new TableLib());
        LoadState.install(globals);
        LuaC.install(globals);
        return globals.load("return " + chunk).call().tojstring();
    }

    /** The message of the error the statements raise, without LuaJ's position (which the engine rewords). */
    private static String errorOf(String statements) {
        Globals globals = new Globals();
        globals.load(new BaseLib());
        globals.load(new PackageLib());
        globals.load(new StringLib());
        LoadState.install(globals);
        LuaC.install(globals);
        LuaValue chunk = globals.load(statements, "=s");
        String message = assertThrows(LuaError.class, chunk::call).getMessage();
        assertThat(message).startsWith("=s:1 ");
        return message.substring("=s:1 ".length());
    }

    /** The expected messages are what Debian's lua5.2 printed for the same chunks, after its "s:1: ". */
    @Test
    void runtimeErrorsNameTheVariableAsLua52Does() {
        assertThat(errorOf("local n; return n.x")).isEqualTo("attempt to index local 'n' (a nil value)");
        assertThat(errorOf("return globalnil.x")).isEqualTo("attempt to index global 'globalnil' (a nil value)");
        assertThat(errorOf("local t = {}; return t.a.b")).isEqualTo("attempt to index field 'a' (a nil value)");
        assertThat(errorOf("local x; x.y = 1")).isEqualTo("attempt to index local 'x' (a nil value)");
        assertThat(errorOf("undefinedFunction()"))
                .isEqualTo("attempt to call global 'undefinedFunction' (a nil value)");
        assertThat(errorOf("local t = {}; t:nothing()")).isEqualTo("attempt to call method 'nothing' (a nil value)");
        assertThat(errorOf("local r = ('x'):bad()")).isEqualTo("attempt to call method 'bad' (a nil value)");
        assertThat(errorOf("local n = 5; n()")).isEqualTo("attempt to call local 'n' (a number value)");
        assertThat(errorOf("for k in nil do end")).isEqualTo("attempt to call a nil value");
        assertThat(errorOf("local t = {}; return t.x * 2"))
                .isEqualTo("attempt to perform arithmetic on field 'x' (a nil value)");
        assertThat(errorOf("local x; return -x")).isEqualTo("attempt to perform arithmetic on local 'x' (a nil value)");
        assertThat(errorOf("return 'a' + 1")).isEqualTo("attempt to perform arithmetic on a string value");
        assertThat(errorOf("local s = {}; local g = function() return 'a' .. s end; return g()"))
                .isEqualTo("attempt to concatenate upvalue 's' (a table value)");
        assertThat(errorOf("local a, b = 1, 'x'; return b .. a .. {} .. 'c'"))
                .isEqualTo("attempt to concatenate a table value");
        assertThat(errorOf("local x = 'a'; return x .. nil")).isEqualTo("attempt to concatenate a nil value");
        assertThat(errorOf("return #5")).isEqualTo("attempt to get length of a number value");
        assertThat(errorOf("local t = {}; return t < 1")).isEqualTo("attempt to compare table with number");
        assertThat(errorOf("return {} < {}")).isEqualTo("attempt to compare two table values");
        assertThat(errorOf("return 1 < {}")).isEqualTo("attempt to compare number with table");
        assertThat(errorOf("return 'x' <= {}")).isEqualTo("attempt to compare string with table");
        assertThat(errorOf("return 1 < 'x'")).isEqualTo("attempt to compare number with string");
        assertThat(errorOf("return print >= 1")).isEqualTo("attempt to compare number with function");
    }

    /** As Lua 5.2 calls them: __unm and __len get the operand twice; a __call must itself be a function. */
    @Test
    void unaryMetamethodsAndCallAsLua52() {
        assertThat(run("-setmetatable({}, {__unm = function(a, b) return rawequal(a, b) end})"))
                .isEqualTo("true");
        assertThat(run("#setmetatable({}, {__len = function(a, b) return rawequal(a, b) end})"))
                .isEqualTo("true");
        assertThat(run("select(2, pcall(setmetatable({}, {__call = setmetatable({}, {__call = print})})))"))
                .isEqualTo("attempt to call a table value");
        assertThat(errorOf("local t = setmetatable({}, {__call = 5}); t()"))
                .isEqualTo("attempt to call local 't' (a table value)");
    }

    /** As Lua 5.2: the __lt (__le) of the left value, else the right one's, whatever the other's type. */
    @Test
    void orderMetamethodsServeEitherSide() {
        String meta = "setmetatable({}, {__lt = function(a, b) return type(a) .. '<' .. type(b) end,"
                + " __le = function(a, b) return false end})";
        assertThat(run("1 < " + meta)).isEqualTo("true");
        assertThat(run("'x' < " + meta)).isEqualTo("true");
        assertThat(run("1 <= " + meta)).isEqualTo("false");
        assertThat(run("1 >= setmetatable({}, {__lt = function(a, b) return false end})"))
                .isEqualTo("true");
        assertThat(run("'a' < 'b' and 1 < 2.5 and not ('b' <= 'a')")).isEqualTo("true");
    }

    /** The expected messages are what Debian's lua5.2 printed for the same chunks. */
    @Test
    void syntaxErrorsNameTheTokenAsLua52Does() {
        assertThat(run("select(2, load('x = '))")).isEqualTo("[string \"x = \"]:1: unexpected symbol near <eof>");
        assertThat(run("select(2, load('x = = 2'))")).isEqualTo("[string \"x = = 2\"]:1: unexpected symbol near '='");
        assertThat(run("select(2, load('for i = 1 do end'))"))
                .isEqualTo("[string \"for i = 1 do end\"]:1: ',' expected near 'do'");
        assertThat(run("select(2, load('::1::'))")).isEqualTo("[string \"::1::\"]:1: <name> expected near '1'");
        assertThat(run("select(2, load('::l1:: ::l1::'))"))
                .isEqualTo("[string \"::l1:: ::l1::\"]:1: label 'l1' already defined on line 1");
        assertThat(run("select(2, load('if x then break end'))"))
                .isEqualTo("[string \"if x then break end\"]:1: <break> at line 1 not inside a loop");
        assertThat(run("select(2, load('goto nowhere'))"))
                .isEqualTo("[string \"goto nowhere\"]:1: no visible label 'nowhere' for <goto> at line 1");
        assertThat(run("select(2, load('local t = {1, 2'))"))
                .isEqualTo("[string \"local t = {1, 2\"]:1: '}' expected near <eof>");
        assertThat(run("select(2, load('x = \"abc'))"))
                .isEqualTo("[string \"x = \"abc\"]:1: unfinished string near <eof>");
    }

    /** Lua 5.2 quotes a symbol only when it is printable ASCII: a stray byte (a no-break space) is written as a number. */
    @Test
    void aSymbolOutsidePrintableAsciiIsNamedByItsByteAsLua52Does() {
        assertThat(run("select(2, load('x = 1 \\160', '=c'))")).isEqualTo("c:1: unexpected symbol near char(160)");
        assertThat(run("select(2, load('x = \\233', '=c'))")).isEqualTo("c:1: unexpected symbol near char(233)");
        assertThat(run("select(2, load('x = 1 \\127', '=c'))")).isEqualTo("c:1: unexpected symbol near char(127)");
        assertThat(run("select(2, load('x = 1 ~', '=c'))")).isEqualTo("c:1: unexpected symbol near '~'");
    }

    /** A UTF-8 script's text in a syntax error comes out as its own bytes, as Lua 5.2 copies them. */
    @Test
    void utf8TextNearASyntaxErrorKeepsItsBytes() {
        assertThat(run("select(2, load('x = 1 \\'\\195\\169\\'', '=c'))"))
                .isEqualTo("c:1: unexpected symbol near ''\u00e9''");
        assertThat(run("#select(2, load('x = 1 \\'\\195\\169\\'', '=c'))")).isEqualTo("34");
    }

    /** error() with a message shaped like the VM's keeps it: the failing instruction is a call of a function. */
    /** As Debian's lua5.2 words them, after its position. */
    @Test
    void argumentErrorsNameTheArgumentAndTheFunctionAsLua52Does() {
        assertThat(errorOf("local s = string.sub()"))
                .isEqualTo("bad argument #1 to 'sub' (string expected, got no value)");
        assertThat(errorOf("local s = string.rep('x', 'y')"))
                .isEqualTo("bad argument #2 to 'rep' (number expected, got string)");
        assertThat(errorOf("local s = ('x'):rep()"))
                .isEqualTo("bad argument #1 to 'rep' (number expected, got no value)");
        assertThat(errorOf("local t = {rep = string.rep}; local s = t:rep(2)"))
                .isEqualTo("calling 'rep' on bad self (string expected, got table)");
        assertThat(errorOf("local s = string.len(nil)"))
                .isEqualTo("bad argument #1 to 'len' (string expected, got nil)");
        assertThat(errorOf("local r = string.rep; local s = r()"))
                .isEqualTo("bad argument #1 to 'r' (string expected, got no value)");
        assertThat(errorOf("local t = setmetatable(1, {})"))
                .isEqualTo("bad argument #1 to 'setmetatable' (table expected, got number)");
        assertThat(errorOf("local v = rawget({})")).isEqualTo("bad argument #2 to 'rawget' (value expected)");
    }

    /** LuaJ ran a tail-called host function after its caller had returned: its error had no position. */
    @Test
    void anErrorInATailCallHasItsPositionAndNames() {
        assertThat(errorOf("return string.sub()"))
                .isEqualTo("bad argument #1 to 'sub' (string expected, got no value)");
        assertThat(errorOf("return undefined()")).isEqualTo("attempt to call global 'undefined' (a nil value)");
        assertThat(errorOf("local function f(t) return t.x.y end return f({})"))
                .isEqualTo("attempt to index field 'x' (a nil value)");
        assertThat(errorOf("return error('raised')")).isEqualTo("raised");
        assertThat(run("(function() local function loop(n) if n == 0 then return 'done' end return loop(n - 1) end"
                        + " return loop(100000) end)()"))
                .isEqualTo("done");
    }

    /** What Debian's lua5.2 raises: LuaJ wrote "table index expected, got table" and positioned next's error. */
    @Test
    void tableErrorsAreWordedAndPositionedAsLua52Does() {
        assertThat(errorOf("local t = {} t[nil] = 1")).isEqualTo("table index is nil");
        assertThat(errorOf("t = {} t[0/0] = 1")).isEqualTo("table index is NaN");
        assertThat(run("select(2, pcall(rawset, {}, nil, 1))")).isEqualTo("table index is nil");
        assertThat(run("select(2, pcall(rawset, {}, 0/0, 1))")).isEqualTo("table index is NaN");
        assertThat(run("select(2, pcall(next, {}, 'nope'))")).isEqualTo("invalid key to 'next'");
        assertThat(run("select(2, pcall(function() for k in next, {a = 1}, 'nope' do end end))"))
                .isEqualTo("invalid key to 'next'");
    }

    @Test
    void anErrorRaisedByAFunctionKeepsItsMessage() {
        assertThat(errorOf("error('attempt to call ? (a nil value)')")).isEqualTo("attempt to call ? (a nil value)");
    }

    @Test
    void doublesAreWrittenWithFourteenSignificantDigits() {
        assertThat(run("1/3")).isEqualTo("0.33333333333333");
        assertThat(run("'x' .. 1/3")).isEqualTo("x0.33333333333333");
        assertThat(run("tostring(2^53)")).isEqualTo("9.007199254741e+15");
        assertThat(run("1e15")).isEqualTo("1e+15");
        assertThat(run("1e100")).isEqualTo("1e+100");
        assertThat(run("-7.5")).isEqualTo("-7.5");
        assertThat(run("123456789012345678")).isEqualTo("1.2345678901235e+17");
        assertThat(run("2^31")).isEqualTo("2147483648");
        assertThat(run("1e-5")).isEqualTo("1e-05");
    }

    @Test
    void infinitiesAndNaNsAreWrittenAsGlibcDoes() {
        assertThat(run("1/0")).isEqualTo("inf");
        assertThat(run("-1/0")).isEqualTo("-inf");
        assertThat(run("0/0")).isEqualTo("-nan");
        assertThat(run("-(0/0)")).isEqualTo("nan");
        assertThat(run("(function(z, m) return 1 / (z / m) end)(0, -1)")).isEqualTo("-inf");
        assertThat(run("(function(z, m) return -1 / (z / m) end)(0, -1)")).isEqualTo("inf");
        assertThat(run("(function(z) return 1 / z end)(0)")).isEqualTo("inf");
        assertThat(run("(function(z) return z / z end)(1/0)")).isEqualTo("-nan");
    }

    @Test
    void negativeZeroStaysNegativeYetIndexesAsZero() {
        assertThat(run("(function(z, m) return z / m end)(0, -1)")).isEqualTo("-0");
        assertThat(run("(function() local z = 0 return -z end)()")).isEqualTo("-0");
        assertThat(run("(function(z, m) return z * m end)(0, -1)")).isEqualTo("-0");
        assertThat(run("(function(a, b) return a * b end)(65536, 65536)")).isEqualTo("4294967296");
        assertThat(run("(function(a, b) return a * b end)(2^31 - 1, -(2^31 - 1))"))
                .isEqualTo("-4.6116860141324e+18");
        assertThat(run("(function() local t = {} t[0] = 'zero' return t[0/-1] end)()"))
                .isEqualTo("zero");
        assertThat(run("0/-1 == 0")).isEqualTo("true");
        assertThat(run("-0.0")).isEqualTo("-0");
        assertThat(run("-(0)")).isEqualTo("-0");
        assertThat(run("0 * -1")).isEqualTo("-0");
        assertThat(run("(function() local t = {0, -0.0} return t[1] .. ' ' .. t[2] end)()"))
                .isEqualTo("0 -0");
        LuaTable table = new LuaTable();
        table.set(LuaValue.valueOf(-0.0), LuaValue.valueOf("z"));
        assertThat(table.get(0).tojstring()).isEqualTo("z");
    }

    @Test
    void stringsBecomeNumbersAsLua52ReadsNumerals() {
        assertThat(run("'0x10' + 0")).isEqualTo("16");
        assertThat(run("' 0x1p4\\t' * 1")).isEqualTo("16");
        assertThat(run("'-0x.8' + 0")).isEqualTo("-0.5");
        assertThat(run("tonumber('0x')")).isEqualTo("nil");
        assertThat(run("tonumber('1e')")).isEqualTo("nil");
        assertThat(run("tonumber('inf')")).isEqualTo("nil");
        assertThat(run("tonumber(' ff ', 16)")).isEqualTo("255");
        // a Lua error (in LuaJ's words), where LuaJ threw ArrayIndexOutOfBoundsException
        assertThat(run("select(2, pcall(function() return '0x' + 1 end))")).contains("attempt to perform arithmetic");
        assertThat(run("select(2, pcall(function() return -' 0x ' end))")).contains("attempt to perform arithmetic");
    }

    @Test
    void theLexerReadsNumeralsAsLua52Does() {
        assertThat(run("0x1p4 + 0xA.8 + 0x.8")).isEqualTo("27");
        assertThat(run("1e2 + .5 + 5.")).isEqualTo("105.5");
        assertThat(run("select(2, load('return 0x'))")).endsWith(":1: malformed number near '0x'");
        assertThat(run("select(2, load('return 3..2'))")).endsWith(":1: malformed number near '3..2'");
        assertThat(run("select(2, load('return 1e+'))")).endsWith(":1: malformed number near '1e+'");
    }

    @Test
    void stringsAreOrderedByUnsignedBytes() {
        assertThat(run("'\\255' > 'z'")).isEqualTo("true");
        assertThat(run("'caf\\195\\169' > 'cafe'")).isEqualTo("true");
        assertThat(run("'a\\0b' < 'a\\0c' and 'a' < 'a\\0' and '' < '\\0'")).isEqualTo("true");
        assertThat(run("(function() local t = {'\\200', 'b', 'A'} table.sort(t) return t[1] .. t[2] .. #t[3] end)()"))
                .isEqualTo("Ab1");
    }

    @Test
    void objectsAreWrittenAsTypeAndAddress() {
        assertThat(run("tostring({})")).matches("table: 0x[0-9a-f]+");
        assertThat(run("tostring(print)")).matches("function: 0x[0-9a-f]+");
        assertThat(run("tostring(function() end)")).matches("function: 0x[0-9a-f]+");
        String closures = "(function() local function make() return function() end end local a, b = make(), make()"
                + " return tostring(a) ~= tostring(b) and tostring(a) == tostring(a) end)()";
        assertThat(run(closures)).isEqualTo("true");
    }

    @Test
    void wholeNumbersInIntRangeAreStillIntegers() {
        assertThat(LuaDouble.valueOf(3.0).isinttype()).isTrue();
        assertThat(LuaDouble.valueOf(0.0).isinttype()).isTrue();
        assertThat(LuaDouble.valueOf(-0.0).isinttype()).isFalse();
    }
}
