package org.jameslua.engine.lib;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.jameslua.engine.SourceLine;
import org.jameslua.luaj.RunningInstance;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaFunction;
import org.luaj.vm2.LuaThread;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.OrphanedThread;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * The coroutines of one instance. LuaJ runs each coroutine on a Java thread of its own, so their number is
 * bounded, per instance and server-wide ({@link CoroutineThreads}), their threads are metered like the
 * caller's, and closing the instance ends those left suspended.
 */
public final class Coroutines {
    private final AtomicInteger alive = new AtomicInteger();
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    private final CoroutineThreads server;

    public Coroutines(CoroutineThreads server) {
        this.server = server;
    }

    /**
     * A coroutine takes its thread when first resumed, not when created: a coroutine never resumed holds none.
     * Past either bound that first resume fails with a Lua error (so {@code coroutine.resume} returns false and
     * the message, {@code wrap}'s function raises it), logged as a refusal.
     */
    LuaThread create(Globals globals, LuaValue function, InstanceContext context) {
        return new LuaThread(globals, new Body(function.checkfunction(), globals, context));
    }

    /** What a coroutine's thread runs; its function is visible, for measuring what a coroutine keeps. */
    final class Body extends VarArgFunction {
        final LuaFunction function;
        private final Globals globals;
        private final InstanceContext context;
        /**
         * The line of the script that resumes it: a refusal at the first resume happens on the coroutine's own
         * thread, where no Lua function of the script runs yet.
         */
        private volatile Optional<SourceLine> resumedAt = Optional.empty();
        /**
         * The error the coroutine died of when it is no string (a table, nil, a number raised at level 0): LuaJ's
         * thread keeps only an error's text, and Lua 5.2's resume hands back the value itself.
         */
        private volatile LuaValue errorObject;

        Body(LuaFunction function, Globals globals, InstanceContext context) {
            this.function = function;
            this.globals = globals;
            this.context = context;
        }

        @Override
        public Varargs invoke(Varargs args) {
            int perInstance = context.budget().limits().coroutines();
            if (alive.incrementAndGet() > perInstance) {
                alive.decrementAndGet();
                throw context.refuse("more than " + perInstance + " coroutines alive at once", resumedAt);
            }
            if (!server.take()) {
                alive.decrementAndGet();
                throw context.refuse(
                        "more than " + server.max() + " coroutines alive at once in all scripts of the server",
                        resumedAt);
            }
            Thread thread = Thread.currentThread();
            threads.add(thread);
            globals.running.errorfunc = LuaEnvironment.plainErrors(context.budget());
            context.budget().startThread();
            RunningInstance outer = context.running().enter();
            try {
                return function.invoke(args);
            } catch (LuaError e) {
                LuaValue value = ProtectedCall.errorValue(e);
                if (value.type() != LuaValue.TSTRING) {
                    errorObject = value;
                }
                throw e;
            } finally {
                RunningInstance.leave(outer);
                threads.remove(thread);
                alive.decrementAndGet();
                server.release();
            }
        }
    }

    LuaValue wrap(Globals globals, LuaValue function, InstanceContext context) {
        return new Wrapped(create(globals, function, context), context);
    }

    /** The function {@code coroutine.wrap} returns; its coroutine is visible, for measuring what it keeps. */
    static final class Wrapped extends VarArgFunction {
        final LuaThread thread;
        private final InstanceContext context;

        Wrapped(LuaThread thread, InstanceContext context) {
            this.thread = thread;
            this.context = context;
        }

        @Override
        public Varargs invoke(Varargs args) {
            Varargs result = resume(thread, args, context);
            if (result.arg1().toboolean()) {
                return result.subargs(2);
            }
            // as Lua 5.2's wrap: a string error gets the caller's position in front, any other goes on as it is
            LuaValue error = result.arg(2);
            throw new RaisedError(
                    error.isstring()
                            ? ScriptText.joined(
                                    LuaValue.valueOf(context.budget().where(1)), error.strvalue())
                            : error);
        }
    }

    /** Resumes a coroutine; if it died of the call's budget, the whole call ends, not just the coroutine. */
    static Varargs resume(LuaThread thread, Varargs args, InstanceContext context) {
        Body body = thread.state.function instanceof Body ? (Body) thread.state.function : null;
        if (body != null) {
            body.resumedAt = context.budget().currentLine();
        }
        Varargs result;
        try {
            result = thread.resume(args);
        } catch (OrphanedThread e) {
            // LuaJ's answer to an interrupt of the resuming thread, once the coroutine has yielded or ended
            throw context.budget().interrupted("while a coroutine ran");
        }
        context.budget().throwIfExceeded();
        if (body != null && body.errorObject != null && !result.arg1().toboolean()) {
            result = LuaValue.varargsOf(LuaValue.FALSE, body.errorObject);
            body.errorObject = null;
        }
        return result;
    }

    /**
     * Yields; when resumed, perhaps by a later call of the host whose budget knows nothing of this thread, the
     * coroutine's thread joins the budget of the call that resumed it.
     */
    static LuaValue yield(Globals globals, InstanceContext context) {
        return Functions.of("yield", args -> {
            if (globals.running.isMainThread()) {
                throw new RaisedError(LuaValue.valueOf("attempt to yield from outside a coroutine"));
            }
            if (!context.budget().mayYield()) {
                throw new RaisedError(LuaValue.valueOf("attempt to yield across a C-call boundary"));
            }
            Varargs resumedWith = globals.yield(args);
            context.budget().startThread();
            return resumedWith;
        });
    }

    /** Ends the threads of coroutines left suspended: LuaJ's yield treats an interrupt as orphaning. */
    public void closeAll() {
        threads.forEach(Thread::interrupt);
    }
}
