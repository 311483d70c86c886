package org.jameslua.benchmarks.load;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How long each SMTP step took the server to answer, as one load client thread saw it: where a configuration's
 * added latency goes (the connection's banner, EHLO, the envelope, DATA, the end of the message, QUIT).
 */
final class SmtpSteps {
    /** The steps in session order; each is the time from the client's write (or connect) to the reply's last line. */
    static final List<String> NAMES = List.of("connect", "EHLO", "MAIL", "RCPT", "DATA", "end of data", "QUIT");

    private final long[][] times = new long[NAMES.size()][64];
    private final int[] counts = new int[NAMES.size()];

    void add(int step, long nanos) {
        if (counts[step] == times[step].length) {
            times[step] = Arrays.copyOf(times[step], counts[step] * 2);
        }
        times[step][counts[step]++] = nanos;
    }

    /** Each step's median over all threads' times, in milliseconds, in session order. */
    static Map<String, Double> medians(List<SmtpSteps> threads) {
        Map<String, Double> medians = new LinkedHashMap<>();
        for (int step = 0; step < NAMES.size(); step++) {
            int index = step;
            long[] all = threads.stream()
                    .flatMapToLong(thread -> Arrays.stream(thread.times[index], 0, thread.counts[index]))
                    .sorted()
                    .toArray();
            medians.put(NAMES.get(step), all.length == 0 ? 0 : all[all.length / 2] / 1e6);
        }
        return medians;
    }

    static int index(String name) {
        int index = NAMES.indexOf(name);
        if (index < 0) {
            throw new IllegalArgumentException("no SMTP step " + name);
        }
        return index;
    }
}
