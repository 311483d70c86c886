package org.jameslua.mailets.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class UserScriptTurnsTest {
    // a wait of 50 ms
    private final UserScriptTurns turns = new UserScriptTurns(Duration.ofMillis(500));

    @Test
    void aSecondMailToTheUserDoesNotGetTheTurnWhileTheFirstHoldsIt() {
        assertThat(turns.take("bob")).isTrue();

        assertThat(turns.take("bob")).isFalse();
        assertThat(turns.take("carol")).isTrue();
    }

    @Test
    void theTurnGivenBackGoesToTheMailWaitingForIt() throws Exception {
        UserScriptTurns patient = new UserScriptTurns(Duration.ofHours(1));
        assertThat(patient.take("bob")).isTrue();
        CountDownLatch started = new CountDownLatch(1);
        CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(() -> {
            started.countDown();
            return patient.take("bob");
        });
        started.await();

        patient.giveBack("bob");

        assertThat(waiting.get(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void nothingIsKeptOfAUserOnceNoMailHoldsOrWaitsForTheTurn() {
        assertThat(turns.take("bob")).isTrue();
        assertThat(turns.take("bob")).isFalse();
        turns.giveBack("bob");

        assertThat(turns.isEmpty()).isTrue();
        assertThat(turns.take("bob")).isTrue();
    }
}
