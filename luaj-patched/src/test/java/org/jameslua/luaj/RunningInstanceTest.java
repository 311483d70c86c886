package org.jameslua.luaj;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.luaj.vm2.LuaTable;

/**
 * The instance a thread runs: a pooled thread (James's I/O threads, the pack's workers) serves many sessions, so once
 * the outermost call ends nothing on it may still reach the instance, or an idle thread would keep a session's whole
 * instance alive.
 */
class RunningInstanceTest {
    private static final RunningInstance.Bounds NO_BOUNDS = new RunningInstance.Bounds() {
        @Override
        public void checkTime() {}

        @Override
        public void checkStringLength(long length) {}

        @Override
        public void checkLargeAllocation(long bytes) {}
    };

    @Test
    void theOutermostCallLeavesNothingOfItsInstanceOnTheThread() {
        LuaTable strings = new LuaTable();
        RunningInstance outer = new RunningInstance(NO_BOUNDS, strings).enter();
        assertThat(RunningInstance.bounds()).isSameAs(NO_BOUNDS);
        assertThat(RunningInstance.strings()).isSameAs(strings);

        RunningInstance.leave(outer);

        assertThat(outer).isNull();
        assertThat(RunningInstance.bounds()).isNull();
        assertThat(RunningInstance.strings()).isNull();
    }

    @Test
    void aCallInsideAnotherGivesTheOuterInstanceBack() {
        LuaTable outerStrings = new LuaTable();
        LuaTable innerStrings = new LuaTable();
        RunningInstance none = new RunningInstance(NO_BOUNDS, outerStrings).enter();
        RunningInstance outer = new RunningInstance(NO_BOUNDS, innerStrings).enter();
        assertThat(RunningInstance.strings()).isSameAs(innerStrings);

        RunningInstance.leave(outer);
        assertThat(RunningInstance.strings()).isSameAs(outerStrings);
        RunningInstance.leave(none);
        assertThat(RunningInstance.strings()).isNull();
    }
}
