package org.jameslua.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the calls under way allocate together is bounded apart from each call's own bound: a few hundred sessions at
 * once, each within its own bound, took James's heap. Past it, a call that grows fails with a MEMORY error, and the
 * others go on.
 */
class AllocationTogetherTest {
    private static final long MIB = 1024 * 1024;

    @RegisterExtension
    final ScriptFixture scripts = new ScriptFixture();

    /**
     * The hoarder holds 12 MiB and waits; a second call then builds 12 MiB too, passing the 16 MiB the two may allocate
     * together: it fails there, and the hoarder, which does not grow, finishes. (Stopping the hoarder would not give
     * its memory back before its wait ends.)
     */
    @Test
    void aCallGrowingPastWhatTheCallsMayAllocateTogetherFails() throws Exception {
        scripts.write(
                "S.LUA",
                "function Hoard()\n"
                        + "  local kept = {}\n"
                        + "  for i = 1, 12 do kept[i] = ('h'):rep(2^20) end\n"
                        + "  HOARDING = true\n"
                        + "  os.sleep(1500)\n"
                        + "  return #kept\n"
                        + "end\n"
                        + "function Build()\n"
                        + "  local built = {}\n"
                        + "  for i = 1, 12 do built[i] = ('b'):rep(2^20) end\n"
                        + "  return #built\n"
                        + "end\n");
        LuaEngine engine = engine(16 * MIB);
        ScriptInstance hoarder = engine.newInstance("S.LUA");
        ScriptInstance builder = engine.newInstance("S.LUA");

        CompletableFuture<CallResult> hoarding = hoardingAside(hoarder);
        assertThat(engine.allocationTogether().allocated())
                .as("allocated by the hoarder, under way")
                .isGreaterThanOrEqualTo(12 * MIB);
        CallResult built = builder.call("Build");

        assertThat(built).isInstanceOf(CallResult.Failed.class);
        assertThat(((CallResult.Failed) built).error().kind()).isEqualTo(ScriptError.Kind.MEMORY);
        CallResult hoarded = hoarding.get(10, TimeUnit.SECONDS);
        assertThat(hoarded).isInstanceOf(CallResult.Returned.class);
        assertThat(((CallResult.Returned) hoarded).values().arg1().toint()).isEqualTo(12);
        assertThat(scripts.errors())
                .singleElement()
                .asString()
                .containsPattern(" S\\.LUA Build line \\d+ \\[MEMORY\\]: ")
                .contains("the calls under way allocated more than " + 16 * MIB
                        + " bytes together (limit.memory.total.bytes); this one ");
        assertThat(builder.call("Build")).as("once the hoarder has ended").isInstanceOf(CallResult.Returned.class);
        assertThat(engine.allocationTogether().allocated())
                .as("allocated by the calls under way")
                .isZero();
    }

    @Test
    void aCallAloneWithinTheBoundGoesOn() {
        scripts.write(
                "S.LUA",
                "function Build() local built = {} for i = 1, 12 do built[i] = ('b'):rep(2^20) end"
                        + " return #built end");
        ScriptInstance instance = engine(16 * MIB).newInstance("S.LUA");

        for (int i = 0; i < 3; i++) {
            assertThat(instance.call("Build")).isInstanceOf(CallResult.Returned.class);
        }
        assertThat(scripts.errors()).isEmpty();
    }

    /** Strings just under the size looked at one by one add up, and are looked at together. */
    @Test
    void manyStringsJustUnderTheLargeSizeCountToo() throws Exception {
        scripts.write(
                "S.LUA",
                "function Hoard() local kept = {} for i = 1, 200 do kept[i] = ('h'):rep(65000) end"
                        + " HOARDING = true os.sleep(1500) return #kept end\n"
                        + "function Build() local built = {} for i = 1, 200 do built[i] = ('b'):rep(65000) end"
                        + " return #built end\n");

        assertThat(buildBesideTheHoarder()).isInstanceOf(CallResult.Failed.class);
    }

    /**
     * A call that grows through tables, building no string long enough to be looked at before it is made, is counted
     * at its looks at its time: past what the calls may allocate together, it fails too.
     */
    @Test
    void aCallGrowingThroughTablesCountsToo() throws Exception {
        scripts.write(
                "S.LUA",
                "function Hoard() local kept = {} for i = 1, 12 do kept[i] = ('h'):rep(2^20) end"
                        + " HOARDING = true os.sleep(1500) return #kept end\n"
                        + "function Build() local built = {} for i = 1, 200000 do built[i] = {i} end"
                        + " return #built end\n");

        assertThat(buildBesideTheHoarder())
                .isInstanceOfSatisfying(
                        CallResult.Failed.class,
                        failed -> assertThat(failed.error().toLogLine())
                                .contains("[MEMORY]: the calls under way allocated more than " + 16 * MIB));
    }

    /** S.LUA's Build() while its Hoard() holds what it built, the two together bounded to 16 MiB; Hoard() returns. */
    private CallResult buildBesideTheHoarder() throws Exception {
        LuaEngine engine = engine(16 * MIB);
        ScriptInstance hoarder = engine.newInstance("S.LUA");
        ScriptInstance builder = engine.newInstance("S.LUA");
        CompletableFuture<CallResult> hoarding = hoardingAside(hoarder);

        CallResult built = builder.call("Build");

        assertThat(hoarding.get(10, TimeUnit.SECONDS)).isInstanceOf(CallResult.Returned.class);
        return built;
    }

    /** Hoard() called on another thread, once it holds what it built and waits. */
    private static CompletableFuture<CallResult> hoardingAside(ScriptInstance hoarder) throws InterruptedException {
        CompletableFuture<CallResult> hoarding = CompletableFuture.supplyAsync(() -> hoarder.call("Hoard"));
        long waited = System.nanoTime();
        while (!hoarder.get("HOARDING").toboolean()) {
            assertThat(System.nanoTime() - waited).isLessThan(TimeUnit.SECONDS.toNanos(5));
            Thread.sleep(5);
        }
        return hoarding;
    }

    private LuaEngine engine(long together) {
        return scripts.engine(LuaEngine.builder(scripts.folder())
                .limits(Limits.defaults().withAllocatedBytes(256 * MIB).withWallTime(Duration.ofSeconds(10)))
                .serverLimits(ServerLimits.defaults().withAllocatedTotal(together)));
    }
}
