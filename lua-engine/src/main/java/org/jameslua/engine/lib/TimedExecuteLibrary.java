package org.jameslua.engine.lib;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * {@code os.timedexecute("<program and arguments>", <time to allow in ms> [, <show program>])}: runs a
 * program, waits for it, and stops it (with everything it started) if it runs over its time. Refused in
 * safety mode ({@link Sandbox}), as the manual lists.
 *
 * <p>No shell is involved: the line is split into program and arguments by {@link CommandLine}'s rules, a
 * program name without a slash is looked up on the server's {@code PATH}, and one with a slash is taken
 * from the scripts folder, which is the program's working directory (as it was VPOP3's). The program's
 * output is discarded and its input is empty. {@code <show program>} is accepted and ignored: a server
 * has no screen to show the program on.
 *
 * <p>The wait is the shorter of the time allowed and what is left of the calling script's time budget; when
 * the budget is what ran out, the program is stopped and the call fails as any over-long call does.
 *
 * <p>Returns {@code exitcode, errorcode}:
 * <ul>
 *   <li>the program ran: its exit code and {@code 0};</li>
 *   <li>it ran over the time allowed and was killed: {@value #KILLED_AT_DEADLINE} (Windows'
 *       {@code WAIT_TIMEOUT}; no POSIX exit status is that large) and {@code 0}, since it did launch;</li>
 *   <li>it could not be launched: {@code -1}, a Windows system error code as VPOP3 got from
 *       {@code CreateProcess} (so old scripts' checks keep working) and, beyond the manual, a third value
 *       with the reason: {@value #FILE_NOT_FOUND} the program (or a directory on its path) does not exist;
 *       {@value #ACCESS_DENIED} it is not executable, or is a directory; {@value #BAD_EXE_FORMAT} the
 *       system cannot run that kind of file; {@value #GENERAL_FAILURE} any other reason.</li>
 * </ul>
 * A line that names no program or leaves a double quote open is a Lua error.
 */
public final class TimedExecuteLibrary implements LuaLibrary {
    public static final int KILLED_AT_DEADLINE = 258;
    public static final int NOT_LAUNCHED = -1;
    public static final int FILE_NOT_FOUND = 2;
    public static final int ACCESS_DENIED = 5;
    public static final int BAD_EXE_FORMAT = 193;
    public static final int GENERAL_FAILURE = 31;

    /** How OpenJDK reports the launch's errno on POSIX systems ("error=2, No such file or directory"). */
    private static final Pattern ERRNO = Pattern.compile("error=(\\d+)");

    private static final int ENOENT = 2;
    private static final int ENOTDIR = 20;
    private static final int EACCES = 13;
    private static final int EPERM = 1;
    private static final int ENOEXEC = 8;
    private static final LuaString OS = LuaValue.valueOf("os");
    private static final LuaString TIMEDEXECUTE = LuaValue.valueOf("timedexecute");

    @Override
    public void install(Globals globals, InstanceContext context) {
        globals.rawget(OS)
                .checktable()
                .rawset(
                        TIMEDEXECUTE,
                        Functions.of(
                                "timedexecute",
                                args -> execute(context, ScriptText.argument(args, 1), args.checklong(2))));
    }

    private static Varargs execute(InstanceContext context, String line, long millis) {
        List<String> command;
        try {
            command = CommandLine.split(line);
        } catch (IllegalArgumentException e) {
            throw new LuaError("os.timedexecute: " + e.getMessage());
        }
        Budget budget = context.budget();
        budget.checkTime();
        Process process;
        try {
            process = new ProcessBuilder(command)
                    .directory(context.folder().root().toFile())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            return LuaValue.varargsOf(
                    LuaValue.valueOf(NOT_LAUNCHED),
                    LuaValue.valueOf(launchError(e)),
                    LuaValue.valueOf(String.valueOf(e.getMessage())));
        }
        closeInput(process);
        long wanted = TimeUnit.MILLISECONDS.toNanos(Math.max(0, millis));
        long allowed = Math.max(0, Math.min(wanted, budget.beforeWait() + 1_000_000));
        boolean finished;
        try {
            finished = process.waitFor(allowed, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            ProcessTree.kill(process);
            Thread.currentThread().interrupt();
            throw new LuaError("os.timedexecute interrupted");
        }
        if (!finished) {
            ProcessTree.kill(process);
        }
        budget.checkTime();
        int exitCode = finished ? process.exitValue() : KILLED_AT_DEADLINE;
        return LuaValue.varargsOf(LuaValue.valueOf(exitCode), LuaValue.ZERO);
    }

    /** The program reads end-of-file at once instead of waiting on a pipe nobody writes to. */
    private static void closeInput(Process process) {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // the program has its input closed either way
        }
    }

    private static int launchError(IOException e) {
        String reason = e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
        Matcher errno = ERRNO.matcher(String.valueOf(reason));
        if (!errno.find()) {
            return GENERAL_FAILURE;
        }
        switch (Integer.parseInt(errno.group(1))) {
            case ENOENT:
            case ENOTDIR:
                return FILE_NOT_FOUND;
            case EACCES:
            case EPERM:
                return ACCESS_DENIED;
            case ENOEXEC:
                return BAD_EXE_FORMAT;
            default:
                return GENERAL_FAILURE;
        }
    }
}
