package org.jameslua.engine.lib.patterns;

import org.jameslua.engine.lib.Budget;

/**
 * Counts the work of one search so that it can be stopped: no Lua instruction runs while a pattern is
 * matched, so the interpreter hook never sees a search that backtracks for hours. Every few thousand steps
 * the call's {@link Budget} is asked whether the watchdog has marked it as over its time.
 */
final class Steps {
    private static final int BETWEEN_CHECKS = 4096;

    private final Budget budget;
    private int untilCheck = BETWEEN_CHECKS;

    Steps(Budget budget) {
        this.budget = budget;
    }

    void add(int steps) {
        untilCheck -= steps;
        if (untilCheck <= 0) {
            untilCheck = BETWEEN_CHECKS;
            budget.throwIfExceeded();
        }
    }
}
