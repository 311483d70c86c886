package org.jameslua.engine.lib.patterns;

import org.jameslua.engine.lib.Budget;

/**
 * Counts the work of one search so that it can be stopped: no Lua instruction runs while a pattern is
 * matched, so the interpreter hook never sees a search that backtracks for hours. Every few thousand steps
 * the search looks at the call's time and allocation itself, as the interpreter hook does every few thousand
 * instructions: waiting for the watchdog's mark alone left a search running for as long as the watchdog's thread
 * went without a core (forever once it had stopped).
 */
final class Steps {
    private static final int BETWEEN_CHECKS = 4096;
    /**
     * Bytes of a set or replacement template read as one step: a short one costs about what one byte of the subject
     * does, so only a long one adds to the count, and the checks stay as rare as for a search over single bytes.
     */
    private static final int BYTES_PER_STEP = 16;

    private final Budget budget;
    private int untilCheck = BETWEEN_CHECKS;

    Steps(Budget budget) {
        this.budget = budget;
    }

    /** A set or a replacement template of {@code length} bytes was read. */
    void read(int length) {
        add(length / BYTES_PER_STEP);
    }

    void add(int steps) {
        untilCheck -= steps;
        if (untilCheck <= 0) {
            untilCheck = BETWEEN_CHECKS;
            budget.checkTime();
        }
    }
}
