package org.jameslua.tools;

import java.util.ArrayList;
import java.util.List;

/**
 * What the pack's handlers called while the offline session ran, one line per event, in the order they
 * happened; the session takes what has gathered each time the client has its reply.
 */
public final class CallTrace {
    private final List<String> lines = new ArrayList<>();
    private boolean failed;

    synchronized void add(String line) {
        lines.add(line);
    }

    /** A line about a call that failed, or whose return the handlers could not use. */
    synchronized void addFailure(String line) {
        lines.add(line);
        failed = true;
    }

    /** Whether any call failed, as james-lua-run's exit status tells. */
    synchronized boolean failed() {
        return failed;
    }

    /** The lines gathered since the last call, removed from the trace. */
    synchronized List<String> take() {
        List<String> taken = new ArrayList<>(lines);
        lines.clear();
        return taken;
    }
}
