package org.jameslua.benchmarks.load;

import java.io.IOException;

/** The kernel's clock ticks per second, the unit of the CPU times in /proc/PID/stat ({@code getconf CLK_TCK}). */
final class ClockTicks {
    static final long PER_SECOND = read();

    private ClockTicks() {}

    private static long read() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").start();
            String ticks = new String(getconf.getInputStream().readAllBytes()).trim();
            getconf.waitFor();
            return Long.parseLong(ticks);
        } catch (IOException | NumberFormatException e) {
            throw new IllegalStateException("getconf CLK_TCK failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
