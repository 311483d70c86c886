package org.jameslua.mailets.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class UserScriptTurnsTest {
    // calls older than 50 ms are slow
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
    void mailsQueuedBehindQuickCallsAllGetTheirTurnHoweverLongTheyWait() throws Exception {
        // calls older than 1 s are slow; each of these takes 700 ms, so the third mail waits 1.4 s
        UserScriptTurns queue = new UserScriptTurns(Duration.ofSeconds(10));
        assertThat(queue.take("bob")).isTrue();
        CompletableFuture<Boolean> second = CompletableFuture.supplyAsync(() -> takeFor(queue, 700));
        Thread.sleep(100);
        CompletableFuture<Boolean> third = CompletableFuture.supplyAsync(() -> takeFor(queue, 0));

        Thread.sleep(600);
        queue.giveBack("bob");

        assertThat(second.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(third.get(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aMailStopsWaitingOnceTheCallUnderWayIsSlowNotAfterWaitingThatLongItself() throws Exception {
        // calls older than 1 s are slow
        UserScriptTurns queue = new UserScriptTurns(Duration.ofSeconds(10));
        assertThat(queue.take("bob")).isTrue();
        Thread.sleep(1100);

        long start = System.nanoTime();
        assertThat(queue.take("bob")).isFalse();

        // it did not wait a second of its own
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(900);
    }

    private static boolean takeFor(UserScriptTurns turns, long millis) {
        if (!turns.take("bob")) {
            return false;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            turns.giveBack("bob");
        }
        return true;
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
