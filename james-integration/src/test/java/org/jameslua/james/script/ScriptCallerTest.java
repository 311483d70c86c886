package org.jameslua.james.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.jameslua.engine.LuaEngine;
import org.jameslua.engine.ScriptInstance;
import org.jameslua.james.ScriptCallCounts;
import org.jameslua.james.ScriptMetrics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.luaj.vm2.LuaValue;

/**
 * What a call through a {@link ScriptCaller} gives its adapter under each policy: the one way SMTP sessions,
 * mailets and matchers call their scripts.
 */
class ScriptCallerTest {
    private static final String SCRIPT = "function Greeting() return \"hello\" end\n"
            + "function Silent() end\n"
            + "function Broken() error(\"scanner down\") end\n"
            + "function Garbled() return {} end\n"
            + "function SetsFlag() Flag = true; error(\"after setting Flag\") end\n";

    @TempDir
    Path folder;

    private final RecordingMetricFactory metricFactory = new RecordingMetricFactory();
    private final ScriptCallers callers = new ScriptCallers(new ScriptMetrics(metricFactory, new ScriptCallCounts()));
    private LuaEngine engine;
    private ScriptInstance instance;

    @BeforeEach
    void script() throws IOException {
        Files.writeString(folder.resolve("SMTPSVR.LUA"), SCRIPT);
        Files.writeString(folder.resolve("BROKEN.LUA"), "function Greeting() return 'hello'\n");
        engine = LuaEngine.builder(folder).build();
        instance = engine.newInstance("SMTPSVR.LUA");
    }

    @AfterEach
    void close() {
        instance.close();
        engine.close();
    }

    @Test
    void aValueIsGivenAndNilOrAMissingFunctionIsNoOpinion() {
        ScriptCaller caller = callers.shared(OnScriptError.ERROR);

        assertThat(call(caller, "Greeting")).contains("hello");
        assertThat(call(caller, "Silent")).isEmpty();
        assertThat(call(caller, "Missing")).isEmpty();
        assertThat(metricFactory.countFor("luapack.SMTPSVR.Greeting.calls")).isEqualTo(1);
        assertThat(metricFactory.countFor("luapack.SMTPSVR.Missing.calls")).isZero();
    }

    @Test
    void underPassAFailureOrAnUnusableReturnIsLoggedAndNoOpinion() throws IOException {
        ScriptCaller caller = callers.shared(OnScriptError.PASS);

        assertThat(call(caller, "Broken")).isEmpty();
        assertThat(call(caller, "Garbled")).isEmpty();

        assertThat(errorLog())
                .anyMatch(line -> line.contains("SMTPSVR.LUA Broken line 3") && line.contains("scanner down"))
                .anyMatch(line -> line.contains("SMTPSVR.LUA Garbled line 4 [BAD_RETURN]")
                        && line.contains("must be a string, not table"));
        assertThat(metricFactory.countFor("luapack.SMTPSVR.Broken.errors")).isEqualTo(1);
        assertThat(metricFactory.countFor("luapack.SMTPSVR.Garbled.errors")).isEqualTo(1);
    }

    @Test
    void underErrorAFailureOrAnUnusableReturnThrowsItsLogLine() {
        ScriptCaller caller = callers.forMailet("org.jameslua.mailets.LuaMailet", OnScriptError.ERROR);

        assertThatThrownBy(() -> call(caller, "Broken"))
                .isInstanceOf(ScriptFailedException.class)
                .hasMessageContaining("SMTPSVR.LUA Broken line 3")
                .hasMessageContaining("scanner down");
        assertThatThrownBy(() -> call(caller, "Garbled"))
                .isInstanceOf(ScriptFailedException.class)
                .hasMessageContaining("SMTPSVR.LUA Garbled line 4 [BAD_RETURN]");
        assertThat(metricFactory.countFor("luapack.mailet.LuaMailet-1.SMTPSVR.Garbled.errors"))
                .isEqualTo(1);
    }

    @Test
    void aScriptThatNeverCompiledFailsEveryCallUnderErrorOnly() {
        ScriptInstance uncompiled = engine.newInstance("BROKEN.LUA");
        try {
            assertThatThrownBy(() -> callers.shared(OnScriptError.ERROR)
                            .neverCompiled()
                            .call(uncompiled, "Greeting", LuaValue.NONE, values -> "read"))
                    .isInstanceOf(ScriptFailedException.class)
                    .hasMessage("BROKEN.LUA does not compile and has not compiled since James started");
            assertThat(callers.shared(OnScriptError.PASS)
                            .neverCompiled()
                            .call(uncompiled, "Greeting", LuaValue.NONE, values -> "read"))
                    .isEmpty();
        } finally {
            uncompiled.close();
        }
    }

    @Test
    void theHookRunsAfterEachCallOfADefinedFunctionFailedOrNotBeforeTheReturnsAreRead() {
        List<String> events = new ArrayList<>();
        ScriptCaller caller = callers.shared(OnScriptError.PASS)
                .afterEachCall((called, function) -> events.add(function + " left Flag " + called.get("Flag")));

        caller.call(instance, "Greeting", LuaValue.NONE, values -> events.add("read Greeting"));
        caller.call(instance, "SetsFlag", LuaValue.NONE, values -> events.add("read SetsFlag"));
        caller.call(instance, "Missing", LuaValue.NONE, values -> events.add("read Missing"));

        assertThat(events).containsExactly("Greeting left Flag nil", "read Greeting", "SetsFlag left Flag true");
    }

    @Test
    void aValueLeftOutsideTheReturnsIsReportedWithoutFailingTheCall() throws IOException {
        callers.shared(OnScriptError.ERROR).badReturn(instance, "Greeting", "Flag must be a boolean, not string");

        assertThat(errorLog())
                .anyMatch(line -> line.contains("SMTPSVR.LUA Greeting")
                        && line.contains("[BAD_RETURN]")
                        && line.contains("Flag must be a boolean, not string"));
        assertThat(metricFactory.countFor("luapack.SMTPSVR.Greeting.errors")).isEqualTo(1);
    }

    private Optional<String> call(ScriptCaller caller, String function) {
        return caller.call(
                instance, function, LuaValue.NONE, values -> LuaValues.string(values.arg1(), function, null));
    }

    private List<String> errorLog() throws IOException {
        return Files.readAllLines(folder.resolve("LUAERRORS.LOG"));
    }
}
