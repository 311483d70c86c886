package org.jameslua.mailets.routing;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.jameslua.engine.ScriptFixture;
import org.jameslua.james.ScriptCallCounts;
import org.jameslua.james.ScriptMetrics;
import org.jameslua.james.script.ScriptCallers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class DeclaredSettingsCacheTest {
    private static final String DECLARING = "print(\"main chunk ran\")\n"
            + "function MainGetSettings()\n"
            + "  return { { Name = \"%s\", Default = \"\" } }\n"
            + "end\n";

    @RegisterExtension
    final ScriptFixture scripts = new ScriptFixture();

    @Test
    void aScriptIsAskedOncePerVersionNotOnEveryRequest() throws Exception {
        scripts.write("ROUTING.LUA", String.format(DECLARING, "HolidayForward"));
        DeclaredSettingsCache cache = new DeclaredSettingsCache(
                scripts.engine(),
                new ScriptCallers(new ScriptMetrics(new RecordingMetricFactory(), new ScriptCallCounts())));

        assertThat(KnownSettings.of(cache).name("holidayforward")).contains("HolidayForward");
        assertThat(KnownSettings.of(cache).name("HOLIDAYFORWARD")).contains("HolidayForward");
        assertThat(scripts.luaOut()).containsExactly("main chunk ran");

        scripts.write("ROUTING.LUA", String.format(DECLARING, "AwayUntil"));

        assertThat(KnownSettings.of(cache).name("awayuntil")).contains("AwayUntil");
        assertThat(KnownSettings.of(cache).name("holidayforward")).isEmpty();
        assertThat(scripts.luaOut()).containsExactly("main chunk ran", "main chunk ran");
    }

    /**
     * VPOP3 operators keep scripts they run on demand in the same folder, their work in the main chunk: looking for
     * declared settings (each webadmin settings request) must not run a script that cannot declare any, one whose
     * code never names MainGetSettings.
     */
    @Test
    void aScriptThatNeverNamesMainGetSettingsIsNotRun() throws Exception {
        scripts.write("ROUTING.LUA", String.format(DECLARING, "HolidayForward"));
        scripts.write("CLEANUP.LUA", "print(\"cleanup ran\")\n" + "os.remove(\"old.log\")\n");
        scripts.write("old.log", "kept");
        DeclaredSettingsCache cache = new DeclaredSettingsCache(
                scripts.engine(),
                new ScriptCallers(new ScriptMetrics(new RecordingMetricFactory(), new ScriptCallCounts())));

        assertThat(KnownSettings.of(cache).name("HolidayForward")).contains("HolidayForward");
        assertThat(scripts.luaOut()).containsExactly("main chunk ran");
        assertThat(scripts.folder().resolve("old.log")).exists();
    }

    @Test
    void aSettingDeclaredInsideAFunctionOfTheScriptIsStillFound() throws Exception {
        scripts.write(
                "SIGNATURE.LUA",
                "local function declare()\n"
                        + "  function MainGetSettings() return { { Name = \"SignaturePLAIN\" } } end\n"
                        + "end\n"
                        + "declare()\n");
        DeclaredSettingsCache cache = new DeclaredSettingsCache(
                scripts.engine(),
                new ScriptCallers(new ScriptMetrics(new RecordingMetricFactory(), new ScriptCallCounts())));

        assertThat(KnownSettings.of(cache).name("signatureplain")).contains("SignaturePLAIN");
    }
}
