package org.jameslua.server.testing;

import java.util.ArrayList;
import java.util.List;

/**
 * Threads that keep every core of the machine busy, as on a saturated server: the pack's watchdog, James's
 * threads and the collector then get their share of the cores late, which is when bounds that rely on being looked
 * at in time fail.
 */
public final class BusyCores implements AutoCloseable {
    private final List<Thread> spinners = new ArrayList<>();
    private volatile boolean stopped;

    private BusyCores() {}

    /** One spinning thread per core. */
    public static BusyCores start() {
        BusyCores busy = new BusyCores();
        int cores = Runtime.getRuntime().availableProcessors();
        for (int i = 0; i < cores; i++) {
            Thread spinner = new Thread(busy::spin, "busy-core-" + i);
            spinner.setDaemon(true);
            busy.spinners.add(spinner);
            spinner.start();
        }
        return busy;
    }

    private void spin() {
        long sum = 0;
        while (!stopped) {
            sum += System.nanoTime();
        }
        if (sum == 42) {
            // keeps the loop's work from being optimised away
            System.out.print("");
        }
    }

    @Override
    public void close() throws InterruptedException {
        stopped = true;
        for (Thread spinner : spinners) {
            spinner.join();
        }
    }
}
