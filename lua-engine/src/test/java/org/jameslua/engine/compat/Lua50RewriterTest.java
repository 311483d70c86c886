package org.jameslua.engine.compat;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Lua50RewriterTest {

    private final Lua50Rewriter rewriter = new Lua50Rewriter();

    @Test
    void leavesA52ScriptWithoutGenericForsOrArgAsItIs() {
        String source = "local arg = 1\n"
                + "local t = {arg = 2, [3] = 'x'}\n"
                + "t.arg = arg + t.arg\n"
                + "function count(...)\n"
                + "  return select('#', ...), ...\n"
                + "end\n"
                + "function Start() for i = 1, 3 do t[i] = i end return '' end\n";

        assertThat(rewriter.apply(source)).isEqualTo(source);
    }

    @Test
    void declaresArgInAVarargFunctionThatReadsIt() {
        assertThat(rewriter.apply("function log(fmt, ...)\n  print(string.format(fmt, unpack(arg)))\nend\n"))
                .isEqualTo("function log(fmt, ...) local arg = (\"\").__vpop3_arg(...);\n"
                        + "  print(string.format(fmt, unpack(arg)))\nend\n");
    }

    @Test
    void aNameAfterALocalStatementIsAUseNotADeclaration() {
        assertThat(rewriter.apply("function f(...) local a, b\narg[1] = 0 return a end"))
                .startsWith("function f(...) local arg = (\"\").__vpop3_arg(...);");
    }

    @Test
    void declaresArgWhereOnlyANestedFunctionReadsIt() {
        assertThat(rewriter.apply("function f(...) return function() return arg.n end end"))
                .isEqualTo(
                        "function f(...) local arg = (\"\").__vpop3_arg(...); return function() return arg.n end end");
    }

    @Test
    void leavesArgAloneWhereItIsNotTheImplicitTable() {
        String[] sources = {
            "function f(...) return select('#', ...), arg end",
            "function f(arg, ...) return arg end",
            "function f(a) return arg end",
            "function f(...) local t = {arg = 1} return t.arg, t:arg() end",
            "function f(...) return {x = 1, arg = 2}, {x = 1; arg = 2} end",
            "function f(...) local arg = 1 return 2 end",
            "function f(...) for arg = 1, 2 do end end",
            "function f(...) local function arg() end end",
            "function f(...) goto arg ::arg:: end",
            "arg = 1 print(arg)",
        };
        for (String source : sources) {
            assertThat(rewriter.apply(source)).as(source).doesNotContain("local arg = (\"\").__vpop3_arg");
        }
        assertThat(rewriter.apply("function f(...) return function(...) return arg end end"))
                .as("the inner function's own arg")
                .endsWith(
                        "function f(...) return function(...) local arg = (\"\").__vpop3_arg(...); return arg end end");
    }

    @Test
    void wrapsTheExpressionListOfEveryGenericFor() {
        assertThat(rewriter.apply("for k, v in t do print(k) end\nfor w in string.gmatch(s, '%a+') do end"))
                .isEqualTo("for k, v in (\"\").__vpop3_forin( t ) do print(k) end\n"
                        + "for w in (\"\").__vpop3_forin( string.gmatch(s, '%a+') ) do end");
    }

    @Test
    void findsTheLoopsDoPastFunctionsAndBlocksInItsExpressions() {
        assertThat(rewriter.apply("for x in coroutine.wrap(function() for i = 1, 2 do end end) do end"))
                .isEqualTo(
                        "for x in (\"\").__vpop3_forin( coroutine.wrap(function() for i = 1, 2 do end end) ) do end");
    }

    @Test
    void leavesLoopCodeInsideStringsAndCommentsAlone() {
        String source = "s = 'for k, v in t do' -- for k in t do\n--[[ for k in t do end ]] x = \"arg \\\" for\"";

        assertThat(rewriter.apply(source)).isEqualTo(source);
    }

    @Test
    void keepsEveryLineBreakWhereItWas() {
        String source = "function f(a, ...)\r\n  for k, v in arg do\r\n    print(k, v)\r\n  end\r\nend\r\n"
                + "x = [[\nlong [[ nested ]]\n]]\n";

        String rewritten = rewriter.apply(source);

        assertThat(rewritten).isNotEqualTo(source);
        assertThat(rewritten.replaceAll("[^\r\n]", "")).isEqualTo(source.replaceAll("[^\r\n]", ""));
    }

    @Test
    void givesNested50LongBracketsALevelNothingInsideCloses() {
        assertThat(rewriter.apply("s = [[ a [[ b ]] c ]]")).isEqualTo("s = [=[ a [[ b ]] c ]=]");
        assertThat(rewriter.apply("--[[ a [[ ]] ]=] ]]\nx = 1")).isEqualTo("--[==[ a [[ ]] ]=] ]==]\nx = 1");
        assertThat(rewriter.apply("s = [[ [[ x]] ]=]]")).isEqualTo("s = [==[ [[ x]] ]=]==]");
    }

    @Test
    void readsABackslashXWithoutHexDigitsAs50Did() {
        assertThat(rewriter.apply("p = 'C:\\VPOP3\\x.txt' q = '\\x41\\\\x'"))
                .isEqualTo("p = 'C:\\VPOP3x.txt' q = '\\x41\\\\x'");
        assertThat(rewriter.apply("for c in'C:\\x' do end"))
                .as("a string replaced where the for list's call opens")
                .isEqualTo("for c in (\"\").__vpop3_forin('C:x' ) do end");
    }

    @Test
    void leavesSourceWhoseBlocksDoNotAddUpForTheCompilerToReport() {
        String[] sources = {
            "function f(...) print(arg)",
            "for k in t do end end",
            "x = (1 for k in t do end",
            "x = 'unfinished\nfor k in t do end",
            "for k, v in do end",
            "\u001bLuaR binary",
        };
        for (String source : sources) {
            assertThat(rewriter.apply(source)).as(source).isEqualTo(source);
        }
    }
}
