package org.jameslua.engine.lib;

import java.util.function.Function;
import org.jameslua.luaj.Order;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.ArgumentError;

/**
 * {@code table.insert}, {@code table.remove} and {@code table.sort} as Lua 5.2 does them: lengths through
 * {@code __len}, positions checked ("position out of bounds"), and 5.2's quicksort, so that a table sorts into the
 * same order, with the same calls of the comparison, and an inconsistent comparison is reported as in 5.2.
 */
final class TableFunctions {
    private TableFunctions() {}

    static void install(LuaTable table) {
        table.rawset("insert", Functions.of("insert", args -> withLength(args, TableFunctions::insert)));
        table.rawset("remove", Functions.of("remove", args -> withLength(args, TableFunctions::remove)));
        table.rawset("sort", Functions.of("sort", args -> CallBoundary.across(() -> sort(args))));
    }

    /**
     * insert or remove, across a {@link CallBoundary} when the table's length may come from {@code __len} (a call into
     * Lua): the usual table, without a metatable, spares the look.
     */
    private static Varargs withLength(Varargs args, Function<Varargs, Varargs> body) {
        return args.arg1().getmetatable() == null ? body.apply(args) : CallBoundary.across(() -> body.apply(args));
    }

    /** Lua 5.2's {@code luaL_len}: the length through {@code __len}, which must be a number, as a C int. */
    static int length(LuaTable t) {
        LuaValue length = t.len();
        if (!length.isnumber()) {
            throw new LuaError("object length is not a number");
        }
        return (int) CIntegers.of(length.todouble());
    }

    private static Varargs insert(Varargs args) {
        LuaTable t = args.checktable(1);
        int end = length(t) + 1;
        int position;
        switch (args.narg()) {
            case 2:
                position = end;
                break;
            case 3:
                position = CIntegers.checkInt(args, 2);
                if (position < 1 || position > end) {
                    throw ArgumentError.problem(2, "position out of bounds");
                }
                for (int i = end; i > position; i--) {
                    t.rawset(i, t.rawget(i - 1));
                    StringBound.lookEvery(i);
                }
                break;
            default:
                throw new LuaError("wrong number of arguments to 'insert'");
        }
        t.rawset(position, args.arg(args.narg()));
        return LuaValue.NONE;
    }

    private static Varargs remove(Varargs args) {
        LuaTable t = args.checktable(1);
        int size = length(t);
        int position = CIntegers.optionalInt(args, 2, size);
        if (position != size && (position < 1 || position > size + 1)) {
            throw ArgumentError.problem(1, "position out of bounds");
        }
        LuaValue removed = t.rawget(position);
        for (; position < size; position++) {
            t.rawset(position, t.rawget(position + 1));
            StringBound.lookEvery(position);
        }
        t.rawset(position, LuaValue.NIL);
        return removed;
    }

    private static Varargs sort(Varargs args) {
        LuaTable t = args.checktable(1);
        LuaValue comparison = args.arg(2);
        if (!comparison.isnil()) {
            args.checkfunction(2);
        }
        new Quicksort(t, comparison).sort(1, length(t));
        return LuaValue.NONE;
    }

    /** Lua 5.2's sort: median of three, then partitioning around the pivot kept at {@code u - 1}. */
    private static final class Quicksort {
        private final LuaTable a;
        private final LuaValue comparison;
        /** Comparisons so far: a host function as comparison runs no Lua instruction either. */
        private int comparisons;

        Quicksort(LuaTable a, LuaValue comparison) {
            this.a = a;
            this.comparison = comparison;
        }

        void sort(int lo, int up) {
            int l = lo;
            int u = up;
            while (l < u) {
                if (less(a.rawget(u), a.rawget(l))) {
                    swap(l, u);
                }
                if (u - l == 1) {
                    return;
                }
                int i = (l + u) / 2;
                if (less(a.rawget(i), a.rawget(l))) {
                    swap(i, l);
                } else if (less(a.rawget(u), a.rawget(i))) {
                    swap(i, u);
                }
                if (u - l == 2) {
                    return;
                }
                LuaValue pivot = a.rawget(i);
                swap(i, u - 1);
                i = l;
                int j = u - 1;
                while (true) {
                    while (less(a.rawget(++i), pivot)) {
                        if (i >= u) {
                            throw new LuaError("invalid order function for sorting");
                        }
                    }
                    while (less(pivot, a.rawget(--j))) {
                        if (j <= l) {
                            throw new LuaError("invalid order function for sorting");
                        }
                    }
                    if (j < i) {
                        break;
                    }
                    swap(i, j);
                }
                swap(u - 1, i);
                // the smaller part recursively, the larger one in this loop
                if (i - l < u - i) {
                    sort(l, i - 1);
                    l = i + 1;
                } else {
                    sort(i + 1, u);
                    u = i - 1;
                }
            }
        }

        private boolean less(LuaValue x, LuaValue y) {
            StringBound.lookEvery(++comparisons);
            return comparison.isnil()
                    ? Order.lessInHost(x, y)
                    : comparison.call(x, y).toboolean();
        }

        private void swap(int i, int j) {
            LuaValue x = a.rawget(i);
            a.rawset(i, a.rawget(j));
            a.rawset(j, x);
        }
    }
}
