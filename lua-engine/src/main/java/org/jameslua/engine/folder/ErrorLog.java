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
 * script, function and line. Hosts may also listen, to feed their own logs and metrics. Kept to {@code limit}
 * bytes, the older lines in {@code LUAERRORS.LOG.1} ({@link RotatingFile}); listeners hear of every error, whether
 * or not the file could be written.
 */
public final class ErrorLog {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

    private final Path file;
    private final RotatingFile lines;
    private final Clock clock;
    private final List<Consumer<ScriptError>> listeners = new CopyOnWriteArrayList<>();

    /** @param problems told, once, when the file cannot be written or rotated (its lines are then dropped) */
    public ErrorLog(ScriptFolder folder, Clock clock, long limit, Consumer<String> problems) {
        this.file = folder.file("LUAERRORS.LOG");
        this.lines = new RotatingFile(file, limit, problems);
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
        lines.append(line);
        listeners.forEach(listener -> listener.accept(error));
    }
}
