package org.jameslua.engine.folder;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.jameslua.engine.ScriptError;

/**
 * {@code LUAERRORS.LOG}: every compile and run-time error of every script, one line each with the time,
 * script, function and line. Hosts may also listen, to feed their own logs and metrics.
 */
public final class ErrorLog {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

    private final Path file;
    private final Clock clock;
    private final List<Consumer<ScriptError>> listeners = new CopyOnWriteArrayList<>();

    public ErrorLog(ScriptFolder folder, Clock clock) {
        this.file = folder.file("LUAERRORS.LOG");
        this.clock = clock;
    }

    public Path file() {
        return file;
    }

    public void addListener(Consumer<ScriptError> listener) {
        listeners.add(listener);
    }

    public void log(ScriptError error) {
        String line = TIME.format(LocalDateTime.now(clock)) + " " + error.toLogLine();
        AppendOnlyFile.append(file, line);
        listeners.forEach(listener -> listener.accept(error));
    }
}
