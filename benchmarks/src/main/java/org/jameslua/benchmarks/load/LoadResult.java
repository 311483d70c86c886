package org.jameslua.benchmarks.load;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What one load measured, as the load client prints it on one line: messages accepted, seconds until the last
 * was accepted and until the spool was empty, p50 and p99 message latency (ms), refused messages, each SMTP step's
 * median time to its reply (ms, {@link SmtpSteps}), the messages
 * of slow sessions (sent outside the measured ones) and those sessions' mean duration (ms), the mailbox
 * deliveries of all accepted messages (one per recipient), and the client process's own CPU time (ms, its JVM's
 * start and JIT included): what it took from the cores James shares with it.
 */
record LoadResult(
        int messages,
        double acceptedSeconds,
        double deliveredSeconds,
        double p50Millis,
        double p99Millis,
        int refused,
        Map<String, Double> stepP50Millis,
        int slowMessages,
        double slowSessionMillis,
        int deliveries,
        double clientCpuMillis) {
    private static final String PREFIX = "LOAD-RESULT";

    String line() {
        return String.format(
                Locale.ROOT,
                "%s messages=%d accepted_s=%.3f delivered_s=%.3f p50_ms=%.2f p99_ms=%.2f refused=%d step_p50_ms=%s slow_messages=%d slow_session_ms=%.1f deliveries=%d client_cpu_ms=%.1f",
                PREFIX,
                messages,
                acceptedSeconds,
                deliveredSeconds,
                p50Millis,
                p99Millis,
                refused,
                steps(),
                slowMessages,
                slowSessionMillis,
                deliveries,
                clientCpuMillis);
    }

    /** The steps' medians as one field: {@code connect:0.412;EHLO:0.201;...} (step names have no ; or :). */
    private String steps() {
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, Double> step : stepP50Millis.entrySet()) {
            if (text.length() > 0) {
                text.append(';');
            }
            text.append(step.getKey().replace(' ', '_'))
                    .append(':')
                    .append(String.format(Locale.ROOT, "%.3f", step.getValue()));
        }
        return text.toString();
    }

    private static Map<String, Double> steps(String field) {
        Map<String, Double> steps = new LinkedHashMap<>();
        for (String step : field.split(";")) {
            String[] pair = step.split(":", 2);
            steps.put(pair[0].replace('_', ' '), Double.parseDouble(pair[1]));
        }
        return steps;
    }

    /** Messages per second, counted until the spool was empty: what the server sustains, not what it queued. */
    double throughput() {
        return messages / deliveredSeconds;
    }

    /** The result line in a load client's output. */
    static LoadResult parse(String output) {
        for (String line : output.split("\n")) {
            if (line.startsWith(PREFIX + " ")) {
                Map<String, String> fields = new HashMap<>();
                for (String field : line.substring(PREFIX.length() + 1).trim().split(" ")) {
                    String[] pair = field.split("=", 2);
                    fields.put(pair[0], pair[1]);
                }
                return new LoadResult(
                        Integer.parseInt(fields.get("messages")),
                        Double.parseDouble(fields.get("accepted_s")),
                        Double.parseDouble(fields.get("delivered_s")),
                        Double.parseDouble(fields.get("p50_ms")),
                        Double.parseDouble(fields.get("p99_ms")),
                        Integer.parseInt(fields.get("refused")),
                        steps(fields.get("step_p50_ms")),
                        Integer.parseInt(fields.get("slow_messages")),
                        Double.parseDouble(fields.get("slow_session_ms")),
                        Integer.parseInt(fields.get("deliveries")),
                        Double.parseDouble(fields.get("client_cpu_ms")));
            }
        }
        throw new IllegalArgumentException("no " + PREFIX + " line in:\n" + output);
    }
}
