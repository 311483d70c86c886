package org.jameslua.engine.lib;

import java.util.Arrays;
import org.luaj.vm2.LuaClosure;
import org.luaj.vm2.LuaFunction;
import org.luaj.vm2.LuaThread;
import org.luaj.vm2.LuaValue;

/**
 * The frames an error was raised in, kept for {@code xpcall}'s message handler: Lua 5.2 calls the handler on the
 * stack of the failure, so {@code xpcall(f, debug.traceback)} starts where the error was raised, while LuaJ has
 * unwound the failing functions before a handler can be called. Taken when the error leaves its first Lua function
 * (only while an {@code xpcall} with a handler is under way); when that function was in a call of a host function
 * ({@code error}, {@code string.rep}), the host function is the innermost frame, as in Lua 5.2.
 */
final class FailurePoint {
    final LuaThread thread;
    final LuaClosure[] closures;
    final LuaValue[][] stacks;
    final int[] pcs;
    final int depth;
    /** How deep the thread's own frames were when the handler was called (xpcall's frame included). */
    int handlerDepth;

    private FailurePoint(LuaThread thread, LuaClosure[] closures, LuaValue[][] stacks, int[] pcs, int depth) {
        this.thread = thread;
        this.closures = closures;
        this.stacks = stacks;
        this.pcs = pcs;
        this.depth = depth;
    }

    static FailurePoint of(LuaThread thread, LuaClosure[] closures, LuaValue[][] stacks, int[] pcs, int depth) {
        int top = depth - 1;
        LuaValue called = top >= 0 ? Traceback.calledValue(closures[top], stacks[top], pcs[top]) : null;
        boolean inHostCall = called instanceof LuaFunction && !(called instanceof LuaClosure);
        int kept = inHostCall ? depth + 1 : depth;
        // a host function's frame is a null closure, as the budget keeps pcall's
        return new FailurePoint(
                thread, Arrays.copyOf(closures, kept), Arrays.copyOf(stacks, kept), Arrays.copyOf(pcs, kept), kept);
    }

    /** The failure's frames, then those the handler runs in: the thread's frames from {@link #handlerDepth} on. */
    String traceback(LuaClosure[] ownClosures, LuaValue[][] ownStacks, int[] ownPcs, int ownDepth, long level) {
        FailurePoint stack = handlerStack(ownClosures, ownStacks, ownPcs, ownDepth);
        return Traceback.of(stack.closures, stack.stacks, stack.pcs, stack.depth, level);
    }

    /**
     * An error raised while the handler runs (in an xpcall of its own), taken on the stack the handler runs on, as
     * Lua 5.2 sees it: this failure's frames under the handler's, which LuaJ has unwound.
     */
    FailurePoint raisedInHandler(LuaClosure[] ownClosures, LuaValue[][] ownStacks, int[] ownPcs, int ownDepth) {
        FailurePoint stack = handlerStack(ownClosures, ownStacks, ownPcs, ownDepth);
        return of(thread, stack.closures, stack.stacks, stack.pcs, stack.depth);
    }

    private FailurePoint handlerStack(LuaClosure[] ownClosures, LuaValue[][] ownStacks, int[] ownPcs, int ownDepth) {
        int above = Math.max(0, ownDepth - handlerDepth);
        LuaClosure[] allClosures = Arrays.copyOf(closures, depth + above);
        LuaValue[][] allStacks = Arrays.copyOf(stacks, depth + above);
        int[] allPcs = Arrays.copyOf(pcs, depth + above);
        System.arraycopy(ownClosures, handlerDepth, allClosures, depth, above);
        System.arraycopy(ownStacks, handlerDepth, allStacks, depth, above);
        System.arraycopy(ownPcs, handlerDepth, allPcs, depth, above);
        return new FailurePoint(thread, allClosures, allStacks, allPcs, depth + above);
    }
}
