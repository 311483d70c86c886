package org.jameslua.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.UnixOperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import org.jameslua.engine.lib.InstanceFiles;
import org.jameslua.engine.lib.OpenFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A script that opens files in a loop and keeps them took every file descriptor of the server's process ("Too many
 * open files", 20,000 here): James could then accept no connection and write no mail. Each instance may hold
 * {@link InstanceFiles#PER_INSTANCE} files and all together {@link OpenFiles#TOTAL}; past that {@code io.open} fails
 * as C's {@code fopen} does, and the places come back when the files are closed, dropped or the instance ends.
 */
class OpenFilesBoundTest {
    private static final String HOARD = "kept = kept or {}\n"
            + "function Hoard(n)\n"
            + "  for i = 1, n do\n"
            + "    local f, e, code = io.open('DATA.TXT')\n"
            + "    if not f then return #kept, e, code end\n"
            + "    kept[#kept + 1] = f\n"
            + "  end\n"
            + "  return #kept\n"
            + "end\n"
            + "function CloseOne() table.remove(kept):close() end\n"
            + "function Drop() kept = {} end\n";

    @RegisterExtension
    final ScriptFixture scripts = new ScriptFixture();

    @Test
    void aScriptHoardingFilesGetsCsTooManyOpenFilesAndTheProcessKeepsItsDescriptors() {
        scripts.write("DATA.TXT", "x");
        scripts.write("S.LUA", HOARD);
        LuaEngine engine = scripts.engine();
        long before = openDescriptors();

        ScriptInstance instance = engine.newInstance("S.LUA");
        CallResult result = instance.call("Hoard", org.luaj.vm2.LuaValue.valueOf(100_000));

        assertThat(((CallResult.Returned) result).values().tojstring())
                .isEqualTo("(" + InstanceFiles.PER_INSTANCE + ",DATA.TXT: Too many open files,24)");
        assertThat(openDescriptors() - before).isLessThanOrEqualTo(InstanceFiles.PER_INSTANCE + 16);
        // a file closed gives its place back
        instance.call("CloseOne");
        assertThat(((CallResult.Returned) instance.call("Hoard", org.luaj.vm2.LuaValue.valueOf(5)))
                        .values()
                        .arg1()
                        .toint())
                .isEqualTo(InstanceFiles.PER_INSTANCE);
        // the instance's end closes what it kept
        instance.close();
        assertThat(openDescriptors() - before).isLessThan(16);
    }

    @Test
    void allScriptsTogetherHoldAtMostTheEnginesBound() {
        scripts.write("DATA.TXT", "x");
        scripts.write("S.LUA", HOARD);
        LuaEngine engine = scripts.engine();
        List<ScriptInstance> instances = new ArrayList<>();
        int held = 0;
        String last = "";
        for (int i = 0; i < OpenFiles.TOTAL / InstanceFiles.PER_INSTANCE + 2; i++) {
            ScriptInstance instance = engine.newInstance("S.LUA");
            instances.add(instance);
            var values =
                    ((CallResult.Returned) instance.call("Hoard", org.luaj.vm2.LuaValue.valueOf(100_000))).values();
            held += values.arg1().toint();
            last = values.arg(2).tojstring();
        }

        assertThat(held).isEqualTo(OpenFiles.TOTAL);
        assertThat(last).isEqualTo("DATA.TXT: Too many open files");
        // what one instance gives back, another may take
        instances.get(0).close();
        assertThat(((CallResult.Returned)
                                instances.get(instances.size() - 1).call("Hoard", org.luaj.vm2.LuaValue.valueOf(1)))
                        .values()
                        .arg1()
                        .toint())
                .isEqualTo(1);
        instances.forEach(ScriptInstance::close);
    }

    /** As Lua 5.2's __gc: {@code io.open(name):read("*a")} without a close, in every command of a long session. */
    @Test
    void filesTheScriptDropsAreClosedWhenCollected() {
        scripts.write("DATA.TXT", "x");
        scripts.write("S.LUA", HOARD);
        ScriptInstance instance = scripts.engine().newInstance("S.LUA");
        instance.call("Hoard", org.luaj.vm2.LuaValue.valueOf(InstanceFiles.PER_INSTANCE));
        instance.call("Drop");

        // the collector runs when it will: asked, and looked at again, for up to 30 s
        boolean placeBack = false;
        for (long end = System.nanoTime() + 30_000_000_000L; !placeBack && System.nanoTime() < end; ) {
            System.gc();
            var values = ((CallResult.Returned) instance.call("Hoard", org.luaj.vm2.LuaValue.valueOf(1))).values();
            instance.call("Drop");
            placeBack = values.arg1().toint() == 1;
            Thread.onSpinWait();
        }
        assertThat(placeBack)
                .as("a dropped file's place back once it was collected")
                .isTrue();
        instance.close();
    }

    private static long openDescriptors() {
        return ((UnixOperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getOpenFileDescriptorCount();
    }
}
