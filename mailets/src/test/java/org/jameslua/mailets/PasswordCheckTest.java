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
        assertThat(check.refusal("bob", "12345678", 8)).isEmpty();
        assertThat(check.refusal("bob", "1234567", 8)).isPresent();
        assertThat(check.refusal("bob", "ééééé", 5)).isEmpty();
    }

    @Test
    void theScriptDecidesAndIsToldTheUserPasswordAndMinimum() {
        scripts.write(
                "PASSWORDCHECK.LUA",
                "function Check(user, password, minLength)\n"
                        + "  print(user, minLength, type(minLength))\n"
                        + "  return string.find(password, \"%d\") ~= nil and string.find(string.lower(password), user, 1, true) == nil\n"
                        + "end\n");

        assertThat(check.refusal("bob", "horse battery 7", 8)).isEmpty();
        assertThat(check.refusal("bob", "horse battery", 8)).isPresent();
        assertThat(check.refusal("bob", "my name is BOB 1", 8)).isPresent();
        assertThat(scripts.luaOut()).first().isEqualTo("bob\t8\tnumber");
    }

    @Test
    void withoutAMinimumOfItsOwnTheCheckTakesTheMinPasswordLengthSetting() {
        scripts.write(
                "PASSWORDCHECK.LUA", "function Check(user, password, minLength) print(minLength) return true end");

        assertThat(check.refusal("bob", "x")).isEmpty();
        scripts.write("settings.properties", "MinPasswordLength=6\n");
        assertThat(check.refusal("bob", "12345")).isPresent();
        assertThat(check.refusal("bob", "123456")).isEmpty();
        scripts.write("settings.properties", "MinPasswordLength=six\n");
        assertThat(check.refusal("bob", "x")).isEmpty();

        assertThat(scripts.luaOut()).containsExactly("0", "6", "0");
    }

    @Test
    void theMinimumLengthHoldsEvenWhenTheScriptIgnoresIt() {
        scripts.write("PASSWORDCHECK.LUA", "function Check(user, password) print('asked') return true end");

        assertThat(check.refusal("bob", "short", 8))
                .contains("refused by PASSWORDCHECK.LUA (shorter than the minimum of 8 characters)");
        assertThat(scripts.luaOut()).isEmpty();
    }

    @Test
    void aRefusalGivesTheReasonTheScriptReturnedAfterFalseAsOneBoundedLine() {
        scripts.write(
                "PASSWORDCHECK.LUA",
                "function Check(user, password)\n"
                        + "  if password == \"plain\" then return false end\n"
                        + "  if password == \"lines\" then return false, \"one\\r\\n250 two\" end\n"
                        + "  if password == \"long\" then return false, string.rep(\"x\", 100000) end\n"
                        + "  if password == \"number\" then return false, 42 end\n"
                        + "  if password == \"table\" then return false, {} end\n"
                        + "  return false, \"use three kinds of character\"\n"
                        + "end\n");

        assertThat(check.refusal("bob", "words", 0))
                .contains("refused by PASSWORDCHECK.LUA (use three kinds of character)");
        assertThat(check.refusal("bob", "plain", 0)).contains("refused by PASSWORDCHECK.LUA");
        assertThat(check.refusal("bob", "lines", 0)).contains("refused by PASSWORDCHECK.LUA (one\\r\\n250 two)");
        assertThat(check.refusal("bob", "long", 0))
                .contains("refused by PASSWORDCHECK.LUA (" + "x".repeat(PasswordCheck.REASON_LENGTH) + "...)");
        assertThat(check.refusal("bob", "number", 0)).contains("refused by PASSWORDCHECK.LUA (42)");
        assertThat(check.refusal("bob", "table", 0)).contains("refused by PASSWORDCHECK.LUA");
        assertThat(scripts.errors()).isEmpty();
    }

    @Test
    void aReasonIsReadAsTheScriptsOtherTextAndNotCutInsideACharacter() {
        scripts.write(
                "PASSWORDCHECK.LUA",
                "function Check(user, password)\n"
                        // UTF-8 é (C3 A9) from the 200th byte on: the 200-byte cut falls between its two bytes
                        + "  if password == \"utf8\" then return false, string.rep(\"x\", 199) .. string.rep(\"\\195\\169\", 10) end\n"
                        // Windows-1252 ð and then € (F0 80 80 ...) look like a UTF-8 lead byte and more than three
                        // continuation bytes: no character of UTF-8, so the cut stays at 200
                        + "  if password == \"euros\" then return false, string.rep(\"x\", 196) .. \"\\240\" .. string.rep(\"\\128\", 10) end\n"
                        + "  if password == \"exact\" then return false, string.rep(\"x\", 200) end\n"
                        // a VPOP3 script saved in Windows-1252: é is the byte E9
                        + "  return false, \"trop court, \\233vitez votre nom\"\n"
                        + "end\n");

        assertThat(check.refusal("bob", "utf8", 0))
                .contains("refused by PASSWORDCHECK.LUA (" + "x".repeat(199) + "...)");
        assertThat(check.refusal("bob", "euros", 0))
                .contains("refused by PASSWORDCHECK.LUA (" + "x".repeat(196) + "\u00f0\u20ac\u20ac\u20ac...)");
        assertThat(check.refusal("bob", "exact", 0)).contains("refused by PASSWORDCHECK.LUA (" + "x".repeat(200) + ")");
        assertThat(check.refusal("bob", "cp1252", 0))
                .contains("refused by PASSWORDCHECK.LUA (trop court, \u00e9vitez votre nom)");
    }

    @Test
    void aFailingScriptOrAnAnswerThatIsNotABooleanLeavesTheMinimumLength() {
        scripts.write(
                "PASSWORDCHECK.LUA",
                "function Check(user, password)\n"
                        + "  if user == \"bob\" then error(\"checker broke\") end\n"
                        + "  return \"yes\"\n"
                        + "end\n");

        assertThat(check.refusal("bob", "longenough", 8)).isEmpty();
        assertThat(check.refusal("carol", "longenough", 8)).isEmpty();
        assertThat(check.refusal("carol", "short", 8)).isPresent();
        assertThat(scripts.errors()).hasSize(2);
        assertThat(scripts.errors().get(0))
                .contains("PASSWORDCHECK.LUA Check line 2 [RUNTIME]")
                .contains("checker broke");
        assertThat(scripts.errors().get(1))
                .contains("Check line 3 [BAD_RETURN]: the answer must be a boolean, not string");
        assertThat(String.join("\n", scripts.errors())).doesNotContain("longenough");
    }
}
