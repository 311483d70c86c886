package org.jameslua.mailets.outgoing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.mail.MessagingException;

/**
 * The {@code priorityProcessors} parameter: which processor a mail goes to by its VPOP3 {@code Priority} (default
 * 50, larger first), as {@code above N: processor} and {@code below N: processor} entries separated by {@code ;},
 * the first that matches winning; a mail no entry matches stays in its processor. For instance
 * {@code above 50: relay-high; below 50: relay-low} makes three classes with the processor the mailet is in.
 *
 * <p>James's mail queues keep no order but time (the memory queue is a {@code DelayQueue}; the RabbitMQ queue
 * ignores {@code MAIL_PRIORITY}), and RemoteDelivery works on up to 256 mails of its queue at once, so no
 * attribute can make one mail overtake another in a queue. A processor of its own per class, each with its own
 * RemoteDelivery and {@code <outgoing>} queue, and so its own delivery threads, does: a backlog in one class never
 * waits in front of another class's mail. Within a class, mail goes out in James's order, whatever the exact priority.
 */
public final class PriorityClasses {
    private final List<Entry> entries;

    private PriorityClasses(List<Entry> entries) {
        this.entries = entries;
    }

    public static PriorityClasses none() {
        return new PriorityClasses(Collections.emptyList());
    }

    public static PriorityClasses parse(String parameter) throws MessagingException {
        List<Entry> entries = new ArrayList<>();
        for (String entry : parameter.split(";")) {
            if (!entry.isBlank()) {
                entries.add(Entry.parse(entry.strip()));
            }
        }
        return new PriorityClasses(Collections.unmodifiableList(entries));
    }

    /** The processor of the first entry the priority matches; empty when none does. */
    public Optional<String> processorFor(double priority) {
        return entries.stream()
                .filter(entry -> entry.matches(priority))
                .map(entry -> entry.processor)
                .findFirst();
    }

    public List<String> processors() {
        return entries.stream().map(entry -> entry.processor).distinct().collect(Collectors.toUnmodifiableList());
    }

    private static final class Entry {
        private final boolean above;
        private final double bound;
        private final String processor;

        private Entry(boolean above, double bound, String processor) {
            this.above = above;
            this.bound = bound;
            this.processor = processor;
        }

        static Entry parse(String entry) throws MessagingException {
            int colon = entry.indexOf(':');
            String[] condition =
                    (colon < 0 ? "" : entry.substring(0, colon)).strip().split("\\s+");
            String processor = colon < 0 ? "" : entry.substring(colon + 1).strip();
            String direction = condition[0].toLowerCase(Locale.ROOT);
            if (condition.length != 2
                    || !(direction.equals("above") || direction.equals("below"))
                    || processor.isEmpty()) {
                throw new MessagingException("priorityProcessors: \"" + entry
                        + "\" is not \"above N: processor\" or \"below N: processor\"");
            }
            try {
                return new Entry(direction.equals("above"), Double.parseDouble(condition[1]), processor);
            } catch (NumberFormatException e) {
                throw new MessagingException(
                        "priorityProcessors: \"" + condition[1] + "\" in \"" + entry + "\" is not a number");
            }
        }

        boolean matches(double priority) {
            return above ? priority > bound : priority < bound;
        }
    }
}
