package org.jameslua.smtp.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TurnAwayLogTest {
    private final List<String> lines = new ArrayList<>();
    private long now = 1_000;
    private final TurnAwayLog log = new TurnAwayLog(4, lines::add, () -> now);

    @Test
    void aFloodOfTurnAwaysLogsTheFirstThenACountOnceAMinute() {
        log.turnedAway("s1", "192.0.2.1");
        for (int i = 2; i <= 3000; i++) {
            now += TimeUnit.MILLISECONDS.toNanos(50);
            log.turnedAway("s" + i, "192.0.2.1");
        }

        assertThat(lines)
                .containsExactly(
                        "All 4 SMTP workers are busy (smtp.workers): session s1 from 192.0.2.1 is answered 421 4.3.2;"
                                + " more sessions turned away are counted and logged at most once a minute",
                        "All 4 SMTP workers are busy (smtp.workers): 1199 more sessions were answered 421 4.3.2 since"
                                + " the last such line; now session s1201 from 192.0.2.1 is answered 421 4.3.2",
                        "All 4 SMTP workers are busy (smtp.workers): 1199 more sessions were answered 421 4.3.2 since"
                                + " the last such line; now session s2401 from 192.0.2.1 is answered 421 4.3.2");
    }

    @Test
    void aTurnAwayAMinuteAfterTheLastLineIsLoggedAsAFirstOneWhenNoneWasCounted() {
        log.turnedAway("s1", "192.0.2.1");
        now += TimeUnit.MINUTES.toNanos(5);
        log.turnedAway("s2", "192.0.2.2");

        assertThat(lines).hasSize(2);
        assertThat(lines.get(1)).startsWith("All 4 SMTP workers are busy (smtp.workers): session s2 from 192.0.2.2");
    }
}
