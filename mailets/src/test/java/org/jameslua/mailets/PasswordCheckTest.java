package org.jameslua.mailets;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.jameslua.engine.ScriptFixture;
import org.jameslua.james.ScriptCallCounts;
import org.jameslua.james.ScriptMetrics;
import org.jameslua.james.script.ScriptCallers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PasswordCheckTest {
    private final ScriptCallers callers =
            new ScriptCallers(new ScriptMetrics(new RecordingMetricFactory(), new ScriptCallCounts()));

    @RegisterExtension
    final ScriptFixture scripts = new ScriptFixture();

    private PasswordCheck check;

    @BeforeEach
    void setUp() {
        check = new PasswordCheck(scripts.engine(), callers);
    }

    @Test
    void withoutScriptOnlyTheMinimumLengthCounts() {
        assertThat(check.check("bob", "12345678", 8)).isTrue();
        assertThat(check.check("bob", "1234567", 8)).isFalse();
        assertThat(check.check("bob", "ééééé", 5)).isTrue();
    }

    @Test
    void theScriptDecidesAndIsToldTheUserPasswordAndMinimum() {
        scripts.write(
                "PASSWORDCHECK.LUA",
                "function Check(user, password, minLength)\n"
                        + "  print(user, minLength, type(minLength))\n"
                        + "  return string.find(password, \"%d\") ~= nil and string.find(string.lower(password), user, 1, true) == nil\n"
                        + "end\n");

        assertThat(check.check("bob", "horse battery 7", 8)).isTrue();
        assertThat(check.check("bob", "horse battery", 8)).isFalse();
        assertThat(check.check("bob", "my name is BOB 1", 8)).isFalse();
        assertThat(scripts.luaOut()).first().isEqualTo("bob\t8\tnumber");
    }

    @Test
    void withoutAMinimumOfItsOwnTheCheckTakesTheMinPasswordLengthSetting() {
        scripts.write(
                "PASSWORDCHECK.LUA", "function Check(user, password, minLength) print(minLength) return true end");

        assertThat(check.check("bob", "x")).isTrue();
        scripts.write("settings.properties", "MinPasswordLength=6\n");
        assertThat(check.check("bob", "12345")).isFalse();
        assertThat(check.check("bob", "123456")).isTrue();
        scripts.write("settings.properties", "MinPasswordLength=six\n");
        assertThat(check.check("bob", "x")).isTrue();

        assertThat(scripts.luaOut()).containsExactly("0", "6", "0");
    }

    @Test
    void theMinimumLengthHoldsEvenWhenTheScriptIgnoresIt() {
        scripts.write("PASSWORDCHECK.LUA", "function Check(user, password) print('asked') return true end");

        assertThat(check.check("bob", "short", 8)).isFalse();
        assertThat(scripts.luaOut()).isEmpty();
    }

    @Test
    void aFailingScriptOrAnAnswerThatIsNotABooleanLeavesTheMinimumLength() {
        scripts.write(
                "PASSWORDCHECK.LUA",
                "function Check(user, password)\n"
                        + "  if user == \"bob\" then error(\"checker broke\") end\n"
                        + "  return \"yes\"\n"
                        + "end\n");

        assertThat(check.check("bob", "longenough", 8)).isTrue();
        assertThat(check.check("carol", "longenough", 8)).isTrue();
        assertThat(check.check("carol", "short", 8)).isFalse();
        assertThat(scripts.errors()).hasSize(2);
        assertThat(scripts.errors().get(0))
                .contains("PASSWORDCHECK.LUA Check line 2 [RUNTIME]")
                .contains("checker broke");
        assertThat(scripts.errors().get(1))
                .contains("Check line 3 [BAD_RETURN]: the answer must be a boolean, not string");
        assertThat(String.join("\n", scripts.errors())).doesNotContain("longenough");
    }
}
