package org.jameslua.engine.lib;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaFunction;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaThread;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * The coroutines of one instance. LuaJ runs each coroutine on a Java thread of its own, so their number is
 * bounded, their threads are metered like the caller's, and closing the instance ends those left suspended.
 */
public final class Coroutines {
    private final AtomicInteger alive = new AtomicInteger();
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();

    LuaThread create(Globals globals, LuaValue function, InstanceContext context, LuaTable stringTable) {
        LuaFunction body = function.checkfunction();
        return new LuaThread(globals, new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                if (alive.incrementAndGet() > context.budget().limits().coroutines()) {
                    alive.decrementAndGet();
                    throw context.refuse("more than " + context.budget().limits().coroutines()
                            + " coroutines alive at once");
                }
                Thread thread = Thread.currentThread();
                threads.add(thread);
                globals.running.errorfunc = LuaEnvironment.plainErrors(context.budget());
                context.budget().startThread();
                LuaTable previous = StringMethods.enter(stringTable);
                try {
                    return body.invoke(args);
                } finally {
                    StringMethods.leave(previous);
                    threads.remove(thread);
                    alive.decrementAndGet();
                }
            }
        });
    }

    LuaValue wrap(Globals globals, LuaValue function, InstanceContext context, LuaTable stringTable) {
        LuaThread thread = create(globals, function, context, stringTable);
        return new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                Varargs result = resume(thread, args, context);
                if (result.arg1().toboolean()) {
                    return result.subargs(2);
                }
                // as Lua 5.2's wrap: a string error gets the caller's position in front, any other goes on as it is
                LuaValue error = result.arg(2);
                throw new RaisedError(error.isstring()
                        ? LuaValue.valueOf(context.budget().where(1) + error.tojstring())
                        : error);
            }
        };
    }

    /** Resumes a coroutine; if it died of the call's budget, the whole call ends, not just the coroutine. */
    static Varargs resume(LuaThread thread, Varargs args, InstanceContext context) {
        Varargs result = thread.resume(args);
        context.budget().throwIfExceeded();
        return result;
    }

    /**
     * Yields; when resumed, perhaps by a later call of the host whose budget knows nothing of this thread, the
     * coroutine's thread joins the budget of the call that resumed it.
     */
    static LuaValue yield(Globals globals, InstanceContext context) {
        return Functions.of("yield", args -> {
            if (globals.running.isMainThread()) {
                throw new LuaError("attempt to yield from outside a coroutine");
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
