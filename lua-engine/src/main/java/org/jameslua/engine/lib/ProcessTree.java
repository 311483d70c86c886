package org.jameslua.engine.lib;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * Stops a program together with everything it started, so a script's helper that runs over its time
 * leaves nothing running on the server.
 *
 * <p>The descendants are listed before anything is killed: once a parent dies its children are handed to
 * init and no longer show as its descendants. A program that detaches on purpose (a daemon that double-forks
 * before the deadline) is out of reach, as it would be of any tool that tracks parent and child.
 */
final class ProcessTree {
    /** How long to wait for killed processes to be gone; SIGKILL takes effect at once, this only bounds the wait. */
    private static final long EXIT_WAIT_MILLIS = 2_000;

    private ProcessTree() {}

    static void kill(Process process) {
        List<ProcessHandle> tree = new ArrayList<>();
        tree.add(process.toHandle());
        tree.addAll(process.descendants().collect(Collectors.toUnmodifiableList()));
        tree.forEach(ProcessHandle::destroyForcibly);
        CompletableFuture<?>[] exits = tree.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(exits).get(EXIT_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // the kill signals are sent; a process slow to disappear does not hold up the script
        }
    }
}
