package org.jameslua.engine.lib;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalInt;

import org.jameslua.engine.Limits;
import org.jameslua.engine.ScriptError;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaClosure;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaFunction;
import org.luaj.vm2.LuaThread;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.DebugLib;

/**
 * Meters one instance's calls against its {@link Limits}, through the only hook LuaJ's interpreter offers:
 * the debug library's per-instruction and per-call callbacks. It is installed as {@code globals.debuglib}
 * without a {@code debug} table, so scripts cannot see or remove it.
 *
 * <p>Once a budget is spent every further instruction fails, so a script cannot {@code pcall} its way
 * past the limit: the {@link BudgetExceeded} error is not a {@link LuaError} and {@code pcall} does not
 * catch it.
 */
public final class Budget extends DebugLib {
    private static final int SLOW_CHECK_EVERY = 1024;
    private static final com.sun.management.ThreadMXBean THREADS = threadBean();

    private final Limits limits;
    private final Globals globals;
    private long instructions;
    private long deadline;
    private BudgetExceeded exceeded;

    public Budget(Limits limits, Globals globals) {
        this.limits = limits;
        this.globals = globals;
    }

    public Limits limits() {
        return limits;
    }

    /** Starts the budget of one host call on the calling thread. */
    public void start() {
        instructions = 0;
        exceeded = null;
        deadline = System.nanoTime() + limits.wallTime().toNanos();
        Frames frames = frames();
        frames.depth = 0;
        frames.allocatedAtStart = allocatedBytes();
    }

    /** Nanoseconds left of the current call; helpers that wait (sleep, network) wait no longer than this. */
    public long remainingNanos() {
        return deadline - System.nanoTime();
    }

    /** Called by blocking helpers after a wait: fails the call if the wait used up its time. */
    public void checkTime() {
        if (System.nanoTime() - deadline > 0) {
            throw exceed(ScriptError.Kind.TIMEOUT, "the call ran longer than " + limits.wallTime().toMillis() + " ms");
        }
    }

    /** Fails the call when a string of this length would be over the limit. */
    public void checkStringLength(long length) {
        if (length > limits.stringLength()) {
            throw exceed(ScriptError.Kind.MEMORY,
                    "a string of " + length + " bytes is over the limit of " + limits.stringLength());
        }
    }

    /** A coroutine's thread meters its own allocations from its start. */
    public void startCoroutine() {
        frames().allocatedAtStart = allocatedBytes();
    }

    @Override
    public void onInstruction(int pc, Varargs v, int top) {
        if (exceeded != null) {
            throw exceeded.again();
        }
        Frames frames = frames();
        if (frames.depth > 0) {
            frames.pc[frames.depth - 1] = pc;
        }
        if (++instructions > limits.instructions()) {
            throw exceed(ScriptError.Kind.TIMEOUT, "the call ran more than " + limits.instructions() + " instructions");
        }
        if (instructions % SLOW_CHECK_EVERY == 0) {
            checkTime();
            long allocated = allocatedBytes() - frames.allocatedAtStart;
            if (allocated > limits.allocatedBytes()) {
                throw exceed(ScriptError.Kind.MEMORY,
                        "the call allocated more than " + limits.allocatedBytes() + " bytes");
            }
        }
    }

    @Override
    public void onCall(LuaClosure c, Varargs varargs, LuaValue[] stack) {
        push(c);
    }

    @Override
    public void onCall(LuaFunction f) {
        push(null);
    }

    @Override
    public void onReturn() {
        Frames frames = frames();
        if (frames.depth > 0) {
            frames.depth--;
        }
    }

    @Override
    public String traceback(int level) {
        Frames frames = frames();
        StringBuilder text = new StringBuilder("stack traceback:");
        for (int i = frames.depth - 1; i >= 0; i--) {
            LuaClosure closure = frames.closures[i];
            if (closure != null) {
                text.append("\n\t").append(closure.p.source.tojstring()).append(':').append(lineOf(closure, frames.pc[i]))
                        .append(": in function <").append(closure.p.source.tojstring()).append(':')
                        .append(closure.p.linedefined).append('>');
            }
        }
        return text.toString();
    }

    /** The line the innermost running Lua function is at, for error reports of host functions. */
    public OptionalInt currentLine() {
        Frames frames = frames();
        for (int i = frames.depth - 1; i >= 0; i--) {
            if (frames.closures[i] != null) {
                return OptionalInt.of(lineOf(frames.closures[i], frames.pc[i]));
            }
        }
        return OptionalInt.empty();
    }

    /** How many calls deep the current coroutine is, counting Lua functions and {@code pcall}s. */
    public int callDepth() {
        return frames().depth;
    }

    /**
     * The Lua function running {@code level} calls up the current coroutine's stack, counting as Lua 5.1's
     * {@code getfenv} does (1 is the innermost); empty where a host function ({@code pcall}) runs at that
     * level. {@code level} must be between 1 and {@link #callDepth()}.
     */
    public Optional<LuaClosure> closureAt(int level) {
        Frames frames = frames();
        return Optional.ofNullable(frames.closures[frames.depth - level]);
    }

    private void push(LuaClosure closure) {
        Frames frames = frames();
        if (frames.depth >= limits.callDepth()) {
            throw new LuaError("stack overflow (more than " + limits.callDepth() + " nested calls)");
        }
        frames.push(closure);
    }

    private BudgetExceeded exceed(ScriptError.Kind kind, String message) {
        exceeded = new BudgetExceeded(kind, message, currentLine());
        return exceeded;
    }

    /** Per coroutine: LuaJ gives each LuaThread a slot for its debug library's call stack. */
    private Frames frames() {
        LuaThread running = globals.running;
        Object slot = running.callstack;
        if (slot instanceof Frames frames) {
            return frames;
        }
        Frames frames = new Frames();
        running.callstack = frames;
        return frames;
    }

    private static int lineOf(LuaClosure closure, int pc) {
        int[] lines = closure.p.lineinfo;
        return lines != null && pc >= 0 && pc < lines.length ? lines[pc] : closure.p.linedefined;
    }

    private static long allocatedBytes() {
        return THREADS == null ? 0 : THREADS.getCurrentThreadAllocatedBytes();
    }

    private static com.sun.management.ThreadMXBean threadBean() {
        if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean bean
                && bean.isThreadAllocatedMemorySupported()) {
            bean.setThreadAllocatedMemoryEnabled(true);
            return bean;
        }
        return null;
    }

    private static final class Frames {
        LuaClosure[] closures = new LuaClosure[16];
        int[] pc = new int[16];
        int depth;
        long allocatedAtStart;

        void push(LuaClosure closure) {
            if (depth == closures.length) {
                closures = Arrays.copyOf(closures, depth * 2);
                pc = Arrays.copyOf(pc, depth * 2);
            }
            closures[depth] = closure;
            pc[depth] = 0;
            depth++;
        }
    }
}
