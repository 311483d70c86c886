package org.jameslua.engine.compat;

import static org.assertj.core.api.Assertions.assertThat;

import org.jameslua.engine.CallResult;
import org.jameslua.engine.Limits;
import org.jameslua.engine.ScriptError;
import org.jameslua.engine.ScriptFixture;
import org.jameslua.engine.ScriptInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.luaj.vm2.Varargs;

class FunctionEnvironmentsTest {
    @RegisterExtension
    final ScriptFixture scripts = new ScriptFixture();

    private ScriptInstance load(String source) {
        scripts.write("TEST.LUA", source);
        return scripts.engine().newInstance("TEST.LUA");
    }

    private Varargs run(String source) {
        CallResult result = load(source).call("Run");
        assertThat(result).as("%s", scripts.errors()).isInstanceOf(CallResult.Returned.class);
        return ((CallResult.Returned) result).values();
    }

    private String failure(String body) {
        CallResult result = load("function Run()\n" + body + "\nend\n").call("Run");
        assertThat(result).isInstanceOf(CallResult.Failed.class);
        return ((CallResult.Failed) result).error().message();
    }

    @Test
    void setfenvGivesOneFunctionItsOwnGlobals() {
        Varargs result = run("function Greeting() return greeting end\n"
                + "function Other() return greeting end\n"
                + "function Run()\n"
                + "  greeting = \"global\"\n"
                + "  local env = {greeting = \"private\"}\n"
                + "  local returned = setfenv(Greeting, env)\n"
                + "  return Greeting(), Other(), returned == Greeting, getfenv(Greeting) == env, getfenv(Other) == _G\n"
                + "end\n");

        assertThat(result.arg(1).tojstring()).isEqualTo("private");
        assertThat(result.arg(2).tojstring()).isEqualTo("global");
        assertThat(result.arg(3).toboolean()).isTrue();
        assertThat(result.arg(4).toboolean()).isTrue();
        assertThat(result.arg(5).toboolean()).isTrue();
    }

    @Test
    void setfenvAtLevel1ChangesTheRunningFunction() {
        Varargs result = run("function Inner() return getfenv(2) end\n"
                + "function Run()\n"
                + "  x = \"global x\"\n"
                + "  setfenv(1, setmetatable({x = \"own x\"}, {__index = _G}))\n"
                + "  return x, Inner().x, getfenv().x, getfenv(0) == _G, getfenv(print) == _G, _G.x\n"
                + "end\n");

        assertThat(result.arg(1).tojstring()).isEqualTo("own x");
        assertThat(result.arg(2).tojstring()).isEqualTo("own x");
        assertThat(result.arg(3).tojstring()).isEqualTo("own x");
        assertThat(result.arg(4).toboolean()).isTrue();
        assertThat(result.arg(5).toboolean()).isTrue();
        assertThat(result.arg(6).tojstring()).isEqualTo("global x");
    }

    @Test
    void theLua50PackageIdiomKeepsLaterDefinitionsOutOfTheGlobals() {
        ScriptInstance instance = load("Package = setmetatable({}, {__index = _G})\n"
                + "function Probe() return Package.Hidden() end\n"
                + "setfenv(1, Package)\n"
                + "function Hidden() return \"inside the package\" end\n");

        assertThat(instance.defines("Hidden")).isFalse();
        CallResult probe = instance.call("Probe");
        assertThat(((CallResult.Returned) probe).values().arg1().tojstring()).isEqualTo("inside the package");
    }

    @Test
    void rewritten50LoopsStillWorkInAFunctionGivenAnEmptyEnvironment() {
        Varargs result = run("function Sum(t, ...) local s = 0 for k, v in t do s = s + v end return s + arg.n end\n"
                + "function Run() setfenv(Sum, {}) return Sum({1, 2, 3}, 'x') end\n");

        assertThat(result.arg1().toint()).isEqualTo(7);
    }

    @Test
    void aFunctionGivenItsOwnEnvironmentStaysWithinTheBudget() {
        scripts.write(
                "TEST.LUA",
                "function Spin() while true do counter = (counter or 0) + 1 end end\n"
                        + "function Run() setfenv(Spin, {}) Spin() end\n");

        CallResult result = scripts.engine(Limits.defaults().withInstructions(100_000))
                .newInstance("TEST.LUA")
                .call("Run");

        assertThat(result).isInstanceOf(CallResult.Failed.class);
        assertThat(((CallResult.Failed) result).error().kind()).isEqualTo(ScriptError.Kind.TIMEOUT);
    }

    @Test
    void aFunctionThatReadsNoGlobalsHasTheInstanceGlobals() {
        Varargs result = run("function Run()\n"
                + "  local pure = function(a) return a end\n"
                + "  return setfenv(pure, {}) == pure, getfenv(pure) == _G\n"
                + "end\n");

        assertThat(result.arg(1).toboolean()).isTrue();
        assertThat(result.arg(2).toboolean()).isTrue();
    }

    @Test
    void whatCannotBeChangedIsAClearError() {
        assertThat(failure("setfenv(print, {})")).contains("'setfenv' cannot change environment of given object");
        assertThat(failure("setfenv(0, {})")).contains("level 0");
        assertThat(failure("setfenv(1, 'x')")).contains("table expected");
        assertThat(failure("return getfenv(99)")).contains("invalid level");
        assertThat(failure("return getfenv(-1)")).contains("level must be non-negative");
    }
}
