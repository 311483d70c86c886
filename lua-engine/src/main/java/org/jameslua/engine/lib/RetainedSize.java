package org.jameslua.engine.lib;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Set;
import org.jameslua.engine.lib.patterns.StringPatterns;
import org.luaj.vm2.LuaClosure;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaThread;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Prototype;
import org.luaj.vm2.UpValue;
import org.luaj.vm2.Varargs;

/**
 * An estimate of the heap an instance keeps alive: everything its globals reach through tables (keys, values,
 * metatables), Lua functions' upvalues, the code and constants of functions the instance compiled itself with
 * {@code load} (once per function prototype), gmatch iterators' subjects, and coroutines (their function and
 * the registers of the calls they are suspended in). Strings count their bytes once however many strings share
 * them; tables their slots; other host functions, the folder's compiled scripts and what the engine shares
 * between instances count nothing.
 *
 * <p>It is an estimate, from typical object sizes of a 64-bit JVM with compressed pointers, not a heap dump:
 * within tens of percent for tables of small values (a table's unused capacity is not seen), close for long
 * strings, which are what fills a heap.
 * The walk stops as soon as the total passes the bound it is measured against, so its cost is bounded too.
 */
final class RetainedSize {
    private static final long OBJECT = 16;
    private static final long STRING = 32;
    private static final long TABLE = 64;
    private static final long REFERENCE = 4;
    /** A table slot and its entry object: LuaJ's table capacity is not visible, so unused slots count nothing. */
    private static final long ENTRY = 40;

    private static final long CLOSURE = 32;
    private static final long UPVALUE = 24;
    private static final long THREAD = 256;
    private static final long PROTOTYPE = 96;
    private static final long INSTRUCTION = 8;

    private final LoadedChunks loadedChunks;
    private final long stopAbove;
    private final Deque<Object> pending = new ArrayDeque<>();
    private final Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    private long total;

    private RetainedSize(LoadedChunks loadedChunks, long stopAbove) {
        this.loadedChunks = loadedChunks;
        this.stopAbove = stopAbove;
    }

    /**
     * The estimate for what {@code root} reaches, counting the prototypes of {@code loadedChunks} only; once past
     * {@code stopAbove}, some value above it.
     */
    static long of(LuaValue root, LoadedChunks loadedChunks, long stopAbove) {
        RetainedSize walk = new RetainedSize(loadedChunks, stopAbove);
        walk.value(root);
        walk.run();
        return walk.total;
    }

    /** The estimate for a compiled script: its code and constants, and those of the functions it defines. */
    static long of(Prototype compiled, long stopAbove) {
        RetainedSize walk = new RetainedSize(new LoadedChunks(), stopAbove);
        walk.seen.add(compiled);
        walk.pending.push(compiled);
        walk.run();
        return walk.total;
    }

    private void run() {
        while (!pending.isEmpty() && total <= stopAbove) {
            Object next = pending.pop();
            if (next instanceof LuaTable) {
                table((LuaTable) next);
            } else if (next instanceof LuaClosure) {
                closure((LuaClosure) next);
            } else if (next instanceof LuaThread) {
                thread((LuaThread) next);
            } else if (next instanceof Prototype) {
                prototype((Prototype) next);
            } else {
                registers((LuaValue[]) next);
            }
        }
    }

    private void value(LuaValue value) {
        switch (value.type()) {
            case LuaValue.TSTRING:
                LuaString string = (LuaString) value;
                if (seen.add(string)) {
                    total += STRING;
                    if (seen.add(string.m_bytes)) {
                        total += OBJECT + string.m_bytes.length;
                    }
                }
                break;
            case LuaValue.TNUMBER:
                total += OBJECT;
                break;
            case LuaValue.TFUNCTION:
                if (value instanceof Coroutines.Wrapped) {
                    value(((Coroutines.Wrapped) value).thread);
                } else if (value instanceof StringPatterns.Matches) {
                    Varargs kept = ((StringPatterns.Matches) value).kept();
                    for (int i = 1; i <= kept.narg(); i++) {
                        value(kept.arg(i));
                    }
                } else if (value instanceof LuaClosure && seen.add(value)) {
                    pending.push(value);
                }
                break;
            case LuaValue.TTABLE:
            case LuaValue.TTHREAD:
                if (seen.add(value)) {
                    pending.push(value);
                }
                break;
            case LuaValue.TUSERDATA:
                if (seen.add(value)) {
                    total += OBJECT;
                    value(value.getmetatable() == null ? LuaValue.NIL : value.getmetatable());
                }
                break;
            default:
                break;
        }
    }

    private void table(LuaTable table) {
        total += TABLE;
        LuaValue metatable = table.getmetatable();
        if (metatable != null) {
            value(metatable);
        }
        LuaValue key = LuaValue.NIL;
        while (total <= stopAbove) {
            Varargs entry = table.next(key);
            key = entry.arg1();
            if (key.isnil()) {
                return;
            }
            total += ENTRY;
            value(key);
            value(entry.arg(2));
        }
    }

    private void closure(LuaClosure closure) {
        total += CLOSURE;
        if (loadedChunks.contains(closure.p) && seen.add(closure.p)) {
            pending.push(closure.p);
        }
        for (UpValue upValue : closure.upValues) {
            if (upValue != null && seen.add(upValue)) {
                total += UPVALUE;
                value(upValue.getValue());
            }
        }
    }

    private void thread(LuaThread thread) {
        total += THREAD;
        if (thread.state.function instanceof Coroutines.Body) {
            value(((Coroutines.Body) thread.state.function).function);
        }
        for (LuaValue[] registers : Budget.registers(thread)) {
            if (registers != null && seen.add(registers)) {
                pending.push(registers);
            }
        }
    }

    /** A loaded function's code and constants, and those of the functions it defines, which load listed too. */
    private void prototype(Prototype prototype) {
        total += PROTOTYPE + INSTRUCTION * prototype.code.length + REFERENCE * prototype.k.length;
        for (LuaValue constant : prototype.k) {
            value(constant);
        }
        for (Prototype nested : prototype.p) {
            if (seen.add(nested)) {
                pending.push(nested);
            }
        }
    }

    private void registers(LuaValue[] registers) {
        total += OBJECT + REFERENCE * registers.length;
        for (LuaValue register : registers) {
            if (register != null) {
                value(register);
            }
        }
    }
}
