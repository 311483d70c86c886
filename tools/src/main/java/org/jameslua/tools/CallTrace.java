package org.jameslua.tools;

import java.util.ArrayList;
import java.util.List;
import org.jameslua.engine.ScriptError;

/**
 * What the pack's handlers called while the offline session ran, one line per event, in the order they
 * happened; the session takes what has gathered each time the client has its reply. With them, what
 * LUAERRORS.LOG got that no traced call stands for (a script that does not compile, a main chunk that fails).
 */
public final class CallTrace {
    private final ErrorLogTail errorLog;
    private final List<String> lines = new ArrayList<>();
    /** The log lines of errors a traced call's own line tells, not to be shown twice. */
    private final List<String> toldErrors = new ArrayList<>();

    private boolean failed;

    CallTrace(ErrorLogTail errorLog) {
        this.errorLog = errorLog;
    }

    /** An error a traced line tells already (a failed call, a refused return). */
    synchronized void told(ScriptError error) {
        toldErrors.add(error.toLogLine());
    }

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
        for (String logged : errorLog.newLines()) {
            if (!toldErrors.remove(logged)) {
                addFailure("  LUAERRORS.LOG: " + logged);
            }
        }
        List<String> taken = new ArrayList<>(lines);
        lines.clear();
        return taken;
    }
}
