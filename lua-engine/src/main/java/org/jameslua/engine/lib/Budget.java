package org.jameslua.engine.lib;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jameslua.engine.Limits;
import org.jameslua.engine.ScriptError;
import org.jameslua.engine.SourceLine;
import org.jameslua.luaj.ErrorUnwinding;
import org.jameslua.luaj.RunningInstance;
import org.luaj.vm2.Globals;
import org.luaj.vm2.Lua;
import org.luaj.vm2.LuaClosure;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaFunction;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaThread;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.DebugLib;

/**
 * Meters one instance's calls against its {@link Limits}, through the only hook LuaJ's interpreter offers:
 * the debug library's per-instruction and per-call callbacks. It is installed as {@code globals.debuglib}
 * without a {@code debug} table, so scripts cannot see or remove it.
 *
 * <p>Instructions and call depth are counted here, and a concatenation ({@code ..}, any number of operands) is
 * checked against the string length bound before it runs; time and memory are measured by the
 * {@link CallWatchdog}.
 * Once a budget is spent every further instruction fails, so a script cannot {@code pcall} its way past
 * the limit: {@link BudgetExceeded} is not a {@link LuaError} and {@code pcall} does not catch it.
 */
public final class Budget extends DebugLib implements ErrorUnwinding.Listener, RunningInstance.Bounds {
    private static final com.sun.management.ThreadMXBean THREADS = threadBean();
    /**
     * The call's own thread looks at its time and allocation every 4,096 instructions (a few tens of microseconds of
     * Lua, for a 70 ns look), as the watchdog does every 10 ms: the watchdog's thread is one among James's, and on a
     * server whose cores are busy its look can come late enough for a loop to allocate hundreds of megabytes. The
     * watchdog still stops what runs no instructions (a long library call, a wait).
     */
    private static final long LOOK_EVERY = 4096;
    /** Arrays for strings from this size on are checked against the allocation bound before they are made. */
    private static final long LARGE_ALLOCATION = 64 * 1024;
    /**
     * Smaller strings are looked at once they add up to this much since the last look: 4,096 instructions building
     * strings just under {@link #LARGE_ALLOCATION} allocate 50 MiB, and each of a few hundred calls at once may be
     * that far past its last report of what it allocated ({@link AllocationTogether}).
     */
    private static final long LOOK_AFTER_BYTES = 256 * 1024;
    /**
     * A call that allocated less than this never fails for what the calls under way allocated together: each of a few
     * hundred calls may hold this much more than the bound counts.
     */
    private static final long ALWAYS_ALLOWED = 256 * 1024;

    private static final boolean[] WATCHED = watchedOpcodes();

    private final Limits limits;
    private final Globals globals;
    private final CallWatchdog watchdog;
    private final CallWatchdog.Slot watched = new CallWatchdog.Slot(this);
    private final AllocationTogether together;
    private final CallTurn turn;
    /**
     * The threads of the current call's coroutines, with their allocation count at start. The caller's thread is kept
     * apart ({@link #caller}): most calls resume no coroutine, and this map then stays empty, costing no entry per call.
     */
    private final Map<Long, Long> threads = new ConcurrentHashMap<>();

    private long instructions;
    /** The instruction count at which {@link #lookAtOwnCall} runs next. */
    private long nextLook;
    /** The thread that started the current call, and its allocation count then: most calls run on it alone. */
    private long caller;

    private long callerAllocatedAtStart;
    private long printed;
    private long written;
    /** Bytes of strings built since the last look at the call's allocation. */
    private long unlooked;
    /** What the call has added to {@link #together} so far; only touched by the thread running the call's Lua. */
    private long addedTogether;

    private int refusals;
    /**
     * The chunk and line at which the call's outermost Lua function was last left (null: none yet), kept apart
     * rather than as a {@link SourceLine}: set at every return of an outermost function, and rarely read.
     */
    private LuaString lastChunk;

    private int lastLine;
    /** How many xpcalls with a message handler are under way: only then are failures' frames kept. */
    private int handlers;
    /** The error last seen leaving a Lua function while one is, and the frames it was raised in. */
    private LuaError unwinding;

    private FailurePoint failure;
    /** The failure whose message handler runs now, if any. */
    private FailurePoint handling;

    private volatile long deadline;
    private volatile BudgetExceeded exceeded;

    public Budget(Limits limits, Globals globals, CallWatchdog watchdog, CoreTurns turns, AllocationTogether together) {
        this.limits = limits;
        this.globals = globals;
        this.watchdog = watchdog;
        this.turn = new CallTurn(turns);
        this.together = together;
    }

    public Limits limits() {
        return limits;
    }

    /** Starts the budget of one host call on the calling thread. */
    public void start() {
        instructions = 0;
        nextLook = nextLookAfter(0);
        printed = 0;
        written = 0;
        unlooked = 0;
        refusals = 0;
        lastChunk = null;
        exceeded = null;
        long now = System.nanoTime();
        deadline = now + limits.wallTime().toNanos();
        turn.start(now);
        if (!threads.isEmpty()) {
            // clear() walks the whole table even when nothing is in it: most calls start no coroutine
            threads.clear();
        }
        caller = Thread.currentThread().getId();
        callerAllocatedAtStart = allocatedBytes(caller);
        frames().clear();
        watchdog.watch(watched);
    }

    /** Counts a refused operation of the current call; the count so far, this one included. */
    public int countRefusal() {
        return ++refusals;
    }

    public void finish() {
        watchdog.unwatch(watched);
        turn.giveBack();
        if (addedTogether != 0) {
            together.ended(addedTogether);
            addedTogether = 0;
        }
        // an xpcall left open by a coroutine that never resumes keeps no failure's frames past the call
        unwinding = null;
        failure = null;
    }

    /** A coroutine's thread is metered like the caller's from its start, or from its resumption in a later call. */
    public void startThread() {
        long id = Thread.currentThread().getId();
        if (id != caller) {
            threads.computeIfAbsent(id, Budget::allocatedBytes);
        }
    }

    /**
     * Before a helper waits (a sleep, a network answer, a program): the call gives back its turn at the cores for the
     * wait, which {@link #checkTime} after it ends. Returns the nanoseconds left of the call, the longest it may wait.
     */
    public long beforeWait() {
        long now = System.nanoTime();
        turn.waits(now);
        return deadline - now;
    }

    /**
     * Fails the call if its time is up or another budget ran out meanwhile: for blocking helpers after a wait. On the
     * call's own thread (or its running coroutine's), so it also reports what the call allocated to the calls together,
     * and past its free time waits here for its turn at the cores ({@link CoreTurns}).
     */
    public void checkTime() {
        long allocated = inspect();
        if (allocated >= 0) {
            addTogether(allocated);
        }
        throwIfExceeded();
        try {
            if (!turn.mayRun(System.nanoTime(), deadline)) {
                exceeded = timedOut();
            }
        } catch (InterruptedException e) {
            throw interrupted("while waiting for its turn at the cores");
        }
        throwIfExceeded();
    }

    /**
     * James stops: the call ends, as at its bound, rather than run on past what asked it to stop, and its thread stays
     * interrupted. Returns the failure to throw.
     */
    BudgetExceeded interrupted(String when) {
        Thread.currentThread().interrupt();
        exceeded = new BudgetExceeded(ScriptError.Kind.TIMEOUT, "the call was interrupted " + when);
        return exceeded.at(currentLine());
    }

    /** After a coroutine ends in error, the error may have been the budget: that must reach the host too. */
    public void throwIfExceeded() {
        BudgetExceeded spent = exceeded;
        if (spent != null) {
            throw spent.at(currentLine());
        }
    }

    /** Fails the call when a string of this length would be over the limit. */
    public void checkStringLength(long length) {
        if (length > limits.stringLength()) {
            exceeded = new BudgetExceeded(
                    ScriptError.Kind.MEMORY,
                    "a string of " + length + " bytes is over the limit of " + limits.stringLength());
            throwIfExceeded();
        }
    }

    /**
     * Before a string's bytes (or a large array of values) are allocated: fails the call when an array this large
     * would take it past its allocation bound, or its time is up. The watchdog samples allocation every 10 ms, in
     * which a loop building strings of megabytes allocates gigabytes (later still on a server whose cores are busy):
     * those are stopped here, before the array exists. Filling such an array takes time too, and a loop of them runs
     * few instructions, so the time is looked at as well. Smaller arrays are left to the watchdog, as the look costs
     * about 50 ns.
     */
    public void checkLargeAllocation(long bytes) {
        unlooked += bytes;
        if ((bytes >= LARGE_ALLOCATION || unlooked >= LOOK_AFTER_BYTES) && exceeded == null) {
            unlooked = 0;
            long allocated = allocated() + bytes;
            if (allocated > limits.allocatedBytes()) {
                exceeded = overAllocated();
            } else if (!outOfTime()) {
                addTogether(allocated);
            }
        }
        throwIfExceeded();
    }

    /** Counts a line the call prints to LUA.OUT; fails the call, before the line is written, past the limit. */
    public void checkOutput(long bytes) {
        printed += bytes;
        if (printed > limits.outputBytes()) {
            exceeded = new BudgetExceeded(
                    ScriptError.Kind.MEMORY,
                    "the call printed more than " + limits.outputBytes() + " bytes to LUA.OUT");
            throwIfExceeded();
        }
    }

    /**
     * Counts bytes the call writes to a file; fails the call, before they are written, past the limit: a loop writing
     * to a file filled the server's disk at the disk's speed until the call's time ran out (gigabytes).
     */
    public void checkWrite(long bytes) {
        written += bytes;
        if (written > limits.writeBytes()) {
            exceeded = new BudgetExceeded(
                    ScriptError.Kind.MEMORY, "the call wrote more than " + limits.writeBytes() + " bytes to files");
            throwIfExceeded();
        }
    }

    /**
     * Called by the watchdog, from its own thread, while the call is under way; and on the call's thread, by
     * {@link #checkTime} (every 4,096 instructions among others). Returns what the call allocated so far, or -1 when it
     * is stopped.
     */
    long inspect() {
        if (exceeded != null || outOfTime()) {
            return -1;
        }
        long allocated = allocated();
        if (allocated > limits.allocatedBytes()) {
            exceeded = overAllocated();
            return -1;
        }
        return allocated;
    }

    /** Stops the call once its time is up; whether it was. */
    private boolean outOfTime() {
        if (System.nanoTime() - deadline > 0) {
            exceeded = timedOut();
            return true;
        }
        return false;
    }

    private BudgetExceeded timedOut() {
        return new BudgetExceeded(
                ScriptError.Kind.TIMEOUT,
                "the call ran longer than " + limits.wallTime().toMillis() + " ms");
    }

    private BudgetExceeded overAllocated() {
        return new BudgetExceeded(
                ScriptError.Kind.MEMORY, "the call allocated more than " + limits.allocatedBytes() + " bytes");
    }

    /**
     * On the thread running the call's Lua, at a look: adds what it allocated since the last one to what the calls
     * under way allocated together, and fails the call if it grows while they are past their bound. Memory held by
     * others, even by a call stopped already but waiting (in a sleep, a DNS lookup) until its wait ends, is not freed
     * by stopping this one; but no call grows while the bound is passed, so the calls together hold at most the bound
     * plus {@link #ALWAYS_ALLOWED} and one look's allocation each.
     */
    private void addTogether(long allocated) {
        long growth = allocated - addedTogether;
        if (growth <= 0) {
            return;
        }
        addedTogether = allocated;
        if (together.grew(growth) && allocated >= ALWAYS_ALLOWED && exceeded == null) {
            exceeded = new BudgetExceeded(
                    ScriptError.Kind.MEMORY,
                    "the calls under way allocated more than " + together.bound()
                            + " bytes together (limit.memory.total.bytes); this one " + allocated);
        }
    }

    /** Bytes the current call allocated so far, on its own thread and its coroutines'. */
    public long allocated() {
        long now = allocatedBytes(caller);
        long allocated = now < 0 ? 0 : now - callerAllocatedAtStart;
        if (threads.isEmpty()) {
            // the usual call: no iterator made over an empty map
            return allocated;
        }
        for (Map.Entry<Long, Long> thread : threads.entrySet()) {
            long coroutineNow = allocatedBytes(thread.getKey());
            allocated += coroutineNow < 0 ? 0 : coroutineNow - thread.getValue();
        }
        return allocated;
    }

    @Override
    public void onInstruction(int pc, Varargs v, int top) {
        if (exceeded != null) {
            throwIfExceeded();
        }
        Frames frames = frames();
        int frame = frames.depth - 1;
        if (frame >= 0) {
            frames.pc[frame] = pc;
            LuaClosure closure = frames.closures[frame];
            if (closure != null) {
                int instruction = closure.p.code[pc];
                if (WATCHED[instruction & 0x3f]) {
                    checkOperands(frames.stacks[frame], v, instruction);
                }
            }
        }
        if (++instructions >= nextLook) {
            lookAtOwnCall();
        }
    }

    /**
     * Every {@link #LOOK_EVERY} instructions and at the first past the instruction bound. Out of
     * {@link #onInstruction}, the interpreter's hottest call, whose cost is one count and one comparison: a larger
     * method there made the interpreter slower (benchmarks/lua-vs-native.sh: 2.8 - 3.3 s of CPU against 2.35 - 2.4 s).
     */
    private void lookAtOwnCall() {
        if (instructions > limits.instructions()) {
            exceeded = new BudgetExceeded(
                    ScriptError.Kind.TIMEOUT, "the call ran more than " + limits.instructions() + " instructions");
            throwIfExceeded();
        }
        checkTime();
        nextLook = nextLookAfter(instructions);
    }

    private long nextLookAfter(long count) {
        long bound = limits.instructions();
        return bound - count < LOOK_EVERY ? bound + 1 : count + LOOK_EVERY;
    }

    /** The few opcodes {@link #onInstruction} looks at the operands of, so that it stays small for the others. */
    private static boolean[] watchedOpcodes() {
        boolean[] watched = new boolean[64];
        watched[Lua.OP_CONCAT] = true;
        for (int opcode = Lua.OP_CALL; opcode <= Lua.OP_RETURN; opcode++) {
            watched[opcode] = true;
        }
        watched[Lua.OP_SETLIST] = true;
        return watched;
    }

    private void checkOperands(LuaValue[] registers, Varargs values, int instruction) {
        if ((instruction & 0x3f) == Lua.OP_CONCAT) {
            checkConcatenation(registers, instruction);
        } else {
            checkHandedOn(values, instruction);
        }
    }

    /**
     * A call, return or table constructor with {@code B} = 0 hands on all the values of the call before it (up to a
     * million: {@code math.max(table.unpack(t))}, {@code f(...)}), and what takes them works through them in Java, a
     * few milliseconds for one instruction: 4,096 such instructions ran seconds, or gigabytes, past the bounds before
     * the next look. Those that hand on thousands of values look at the time and allocation themselves.
     */
    private void checkHandedOn(Varargs values, int instruction) {
        if (instruction >>> 23 == 0 && values.narg() >= LOOK_EVERY) {
            checkTime();
        }
    }

    /**
     * LuaJ builds {@code R(B) .. ... .. R(C)} in one buffer that grows as it goes, so the bound is checked on
     * the operands' total before the instruction runs. Operands with a {@code __concat} metamethod count
     * nothing here: what their metamethod builds is checked when it builds it.
     */
    private void checkConcatenation(LuaValue[] stack, int instruction) {
        int first = instruction >>> 23;
        int last = (instruction >> 14) & 0x1ff;
        long length = 0;
        for (int register = first; register <= last; register++) {
            LuaValue operand = stack[register];
            if (operand instanceof LuaString) {
                length += ((LuaString) operand).m_length;
            } else if (operand.isnumber()) {
                length += operand.strvalue().length();
            }
        }
        if (length > limits.stringLength()) {
            checkStringLength(length);
        }
        checkLargeAllocation(length);
    }

    @Override
    public void onCall(LuaClosure c, Varargs varargs, LuaValue[] stack) {
        push(c, stack);
    }

    @Override
    public void onCall(LuaFunction f) {
        push(null, null);
    }

    @Override
    public void onReturn() {
        Frames frames = frames();
        if (frames.depth > 0 && frames.ranBy(Thread.currentThread())) {
            frames.depth--;
            if (frames.depth == 0 && frames.closures[0] != null && globals.running.isMainThread()) {
                lastChunk = frames.closures[0].p.source;
                lastLine = lineOf(frames.closures[0], frames.pc[0]);
            }
            // a returned function's registers must not be kept alive, nor counted as what the instance keeps
            frames.stacks[frames.depth] = null;
            frames.closures[frames.depth] = null;
        }
    }

    @Override
    public String traceback(int level) {
        return traceback(globals.running, level);
    }

    /**
     * {@code debug.traceback}'s text for a coroutine's frames from {@code level} out (see {@link Traceback}); in
     * xpcall's message handler, from the frames the error was raised in (see {@link FailurePoint}).
     */
    public String traceback(LuaThread thread, long level) {
        Frames frames = frames(thread);
        if (handling != null && handling.thread == thread) {
            return handling.traceback(frames.closures, frames.stacks, frames.pc, frames.depth, level);
        }
        return Traceback.of(frames.closures, frames.stacks, frames.pc, frames.depth, level);
    }

    @Override
    public void leaving(LuaError error) {
        if (handlers == 0 || error == unwinding) {
            return;
        }
        unwinding = error;
        Frames frames = frames();
        LuaThread thread = globals.running;
        failure = handling != null && handling.thread == thread
                ? handling.raisedInHandler(frames.closures, frames.stacks, frames.pc, frames.depth)
                : FailurePoint.of(thread, frames.closures, frames.stacks, frames.pc, frames.depth);
    }

    /** An xpcall with a message handler starts: the frames of the errors raised under it are kept. */
    void handlerExpected() {
        handlers++;
    }

    /** That xpcall has ended. */
    void handlerNoLongerExpected() {
        if (!frames().ranBy(Thread.currentThread())) {
            // an abandoned coroutine's thread ending (see Frames.runner): that xpcall's count stays, at the cost of
            // keeping frames of failures for nothing until the instance's xpcalls are over, cleared after each call
            return;
        }
        if (--handlers == 0) {
            unwinding = null;
            failure = null;
        }
    }

    /**
     * The message handler is called for {@code error} now: the failure it is about, if its frames were kept, is what
     * {@code debug.traceback} shows until {@link #handled}; returns what it showed before (a handler within a handler).
     */
    FailurePoint handlingStarts(LuaError error) {
        frames().messageHandlers++;
        FailurePoint previous = handling;
        boolean kept = error != null && error == unwinding && failure != null && failure.thread == globals.running;
        handling = kept ? failure : null;
        if (handling != null) {
            handling.handlerDepth = frames().depth;
        }
        return previous;
    }

    void handled(FailurePoint previous) {
        frames().messageHandlers--;
        handling = previous;
    }

    /**
     * Whether the running coroutine is in an xpcall's message handler, which Lua 5.2 runs on the failure's stack,
     * across which it cannot yield. Suspended there, a coroutine would also keep the failure's frames (its
     * {@link FailurePoint}, registers LuaJ has unwound) past the call, where the retained-memory bound does not look.
     */
    boolean inMessageHandler() {
        return frames().messageHandlers > 0;
    }

    /**
     * Whether the running coroutine may yield: not in an xpcall's message handler ({@link #inMessageHandler}), nor in
     * a host function that called back into Lua where Lua 5.2's C library does so without a continuation
     * ({@link CallBoundary}).
     */
    boolean mayYield() {
        Frames frames = frames();
        return frames.messageHandlers == 0 && frames.boundaries == 0;
    }

    /** The running coroutine enters a {@link CallBoundary}. */
    void boundaryEntered() {
        frames().boundaries++;
    }

    /** The running coroutine leaves the {@link CallBoundary} it entered last. */
    void boundaryLeft() {
        frames().boundaries--;
    }

    /**
     * The line at which the call's outermost Lua function was left: its {@code return}, or the line an error
     * went through it. For failures that carry no line of their own (an error value that is not a string, a
     * return value the host cannot use).
     */
    public Optional<SourceLine> lastLine() {
        return lastChunk == null ? Optional.empty() : Optional.of(new SourceLine(lastChunk.tojstring(), lastLine));
    }

    /**
     * The line the innermost running Lua function is at, for error reports of host functions. A library function
     * the call's outermost function tail-called ({@code return string.rep(s, n)}) runs after that function
     * returned, with no Lua function left on the stack: its line is the one of that {@code return}.
     */
    public Optional<SourceLine> currentLine() {
        Frames frames = frames();
        for (int i = frames.depth - 1; i >= 0; i--) {
            LuaClosure closure = frames.closures[i];
            if (closure != null) {
                return Optional.of(new SourceLine(closure.p.source.tojstring(), lineOf(closure, frames.pc[i])));
            }
        }
        return globals.running.isMainThread() ? lastLine() : Optional.empty();
    }

    /**
     * Lua 5.2's {@code luaL_where}: {@code "chunk:line: "} of the function {@code level} calls up (1 is the
     * innermost Lua function, as for {@code error}); empty where a host function runs at that level or the stack is
     * not that deep.
     */
    public String where(int level) {
        Frames frames = frames();
        int index = frames.depth - level;
        if (level < 1 || index < 0 || frames.closures[index] == null) {
            return "";
        }
        LuaClosure closure = frames.closures[index];
        return closure.p.source.tojstring() + ":" + lineOf(closure, frames.pc[index]) + ": ";
    }

    /**
     * The message LuaJ builds for an error it positions itself, {@code "chunk:line message"}, with Lua's colon
     * after the line: LuaJ hands it to the thread's error function from within the failing Lua function, which is
     * then the innermost frame here.
     */
    String withColon(String message) {
        String where = where(1);
        if (where.isEmpty()) {
            return message;
        }
        String luajPosition = where.substring(0, where.length() - 2) + " ";
        return message.startsWith(luajPosition) ? where + message.substring(luajPosition.length()) : message;
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

    private void push(LuaClosure closure, LuaValue[] stack) {
        Frames frames = frames();
        if (frames.depth >= limits.callDepth()) {
            throw new LuaError("stack overflow (more than " + limits.callDepth() + " nested calls)");
        }
        frames.push(closure, stack);
    }

    /** Per coroutine: LuaJ gives each LuaThread a slot for its debug library's call stack. */
    private Frames frames() {
        return frames(globals.running);
    }

    /** The coroutine running now (the main one outside any). */
    public LuaThread running() {
        return globals.running;
    }

    private static Frames frames(LuaThread thread) {
        if (thread.callstack instanceof Frames) {
            return (Frames) thread.callstack;
        }
        Frames frames = new Frames();
        thread.callstack = frames;
        return frames;
    }

    /**
     * The registers of the Lua functions a coroutine is suspended in, or empty: what the coroutine keeps alive
     * besides what its function's upvalues reach.
     */
    static LuaValue[][] registers(LuaThread thread) {
        if (!(thread.callstack instanceof Frames)) {
            return new LuaValue[0][];
        }
        Frames frames = (Frames) thread.callstack;
        return Arrays.copyOf(frames.stacks, frames.depth);
    }

    /** The line of the instruction a frame is at; its function's first line when the chunk has no line info. */
    static int lineOf(LuaClosure closure, int pc) {
        int[] lines = closure.p.lineinfo;
        return lines != null && pc >= 0 && pc < lines.length ? lines[pc] : closure.p.linedefined;
    }

    private static long allocatedBytes(long threadId) {
        return THREADS == null ? 0 : THREADS.getThreadAllocatedBytes(threadId);
    }

    private static com.sun.management.ThreadMXBean threadBean() {
        java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        if (!(threads instanceof com.sun.management.ThreadMXBean)) {
            return null;
        }
        com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) threads;
        if (bean.isThreadAllocatedMemorySupported()) {
            bean.setThreadAllocatedMemoryEnabled(true);
            return bean;
        }
        return null;
    }

    private static final class Frames {
        LuaClosure[] closures = new LuaClosure[16];
        LuaValue[][] stacks = new LuaValue[16][];
        int[] pc = new int[16];
        int depth;
        /** How many xpcall message handlers run on this coroutine now. */
        int messageHandlers;
        /** How many {@link CallBoundary}s this coroutine is inside now. */
        int boundaries;
        /**
         * The Java thread that runs this coroutine (for the main one, the call's), taken at its first frame. LuaJ
         * ends the thread of a coroutine the script dropped while suspended by throwing through its frames, once
         * the collector has found it, at any time: the finally blocks report their returns on that thread while
         * another coroutine runs, maybe in another call. Those returns are not this coroutine's.
         */
        Thread runner;

        boolean ranBy(Thread thread) {
            return runner == null || runner == thread;
        }

        void push(LuaClosure closure, LuaValue[] stack) {
            if (depth == 0) {
                runner = Thread.currentThread();
            }
            if (depth == closures.length) {
                closures = Arrays.copyOf(closures, depth * 2);
                stacks = Arrays.copyOf(stacks, depth * 2);
                pc = Arrays.copyOf(pc, depth * 2);
            }
            closures[depth] = closure;
            stacks[depth] = stack;
            pc[depth] = 0;
            depth++;
        }

        void clear() {
            Arrays.fill(closures, 0, depth, null);
            Arrays.fill(stacks, 0, depth, null);
            depth = 0;
        }
    }
}
