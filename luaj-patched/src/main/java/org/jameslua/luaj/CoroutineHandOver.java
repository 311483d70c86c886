package org.jameslua.luaj;

import org.luaj.vm2.LuaThread;

/**
 * The resuming thread's wait in LuaJ's {@code LuaThread.State.lua_resume}, until the coroutine has yielded or ended.
 * LuaJ waited once: an interrupt (James stopping, or one left pending by a script that caught the failure of an
 * interrupted {@code os.sleep}) or a spurious wake-up before the coroutine's thread took over let the resuming call go
 * on, and end, while the coroutine ran on: Lua of an ended call, holding a turn at the cores and counting its
 * allocation to the calls under way, for ever.
 */
public final class CoroutineHandOver {
    private CoroutineHandOver() {}

    /**
     * Waits on the coroutine's state, whose monitor the caller holds, until the coroutine has yielded or ended; an
     * interrupt meanwhile is answered only then, with the {@link InterruptedException} LuaJ turns into an
     * {@link org.luaj.vm2.OrphanedThread} for its caller.
     */
    public static void awaitCoroutine(Object monitor) throws InterruptedException {
        LuaThread.State state = (LuaThread.State) monitor;
        boolean interrupted = false;
        do {
            try {
                state.wait();
            } catch (InterruptedException e) {
                interrupted = true;
            }
            // a coroutine that resumed another (status normal) is never seen here: its thread holds this monitor
            // throughout (LuaJ's State.run is synchronized), releasing it only as it yields or ends
        } while (state.status == LuaThread.STATUS_RUNNING);
        if (interrupted) {
            throw new InterruptedException();
        }
    }
}
