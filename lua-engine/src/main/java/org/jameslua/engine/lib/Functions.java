package org.jameslua.engine.lib;

import java.util.function.BiFunction;
import java.util.function.Function;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;

/** Small factories for the library's Lua functions, so each library reads as a list of names and bodies. */
public final class Functions {
    private Functions() {}

    /** Names encoded once, as table keys: encoding a Java string for every instance would cost more than the rest. */
    public static LuaString[] keys(String... names) {
        LuaString[] keys = new LuaString[names.length];
        for (int i = 0; i < names.length; i++) {
            keys[i] = LuaValue.valueOf(names[i]);
        }
        return keys;
    }

    public static LuaValue of(String name, Function<Varargs, Varargs> body) {
        return new VarArgFunction() {
            {
                this.name = name;
            }

            @Override
            public Varargs invoke(Varargs args) {
                return body.apply(args);
            }
        };
    }

    /**
     * A function of one instance: the state it works on is a field and its body a lambda that captures nothing, so
     * an instance pays one object for it, not a function and a capturing lambda (an instance has about a hundred).
     */
    public static <T> LuaValue of(String name, T state, BiFunction<T, Varargs, Varargs> body) {
        return new Bound<>(name, state, body);
    }

    /** A function that exists so old scripts get a clear error rather than "attempt to call a nil value". */
    public static LuaValue disabled(String name, InstanceContext context) {
        return new Disabled(name, context);
    }

    /** A function that works normally but is refused while safety mode is on. */
    public static LuaValue guarded(String name, LuaValue function, InstanceContext context) {
        return new Guarded(name, function, context);
    }

    private static final class Bound<T> extends VarArgFunction {
        private final T state;
        private final BiFunction<T, Varargs, Varargs> body;

        Bound(String name, T state, BiFunction<T, Varargs, Varargs> body) {
            this.name = name;
            this.state = state;
            this.body = body;
        }

        @Override
        public Varargs invoke(Varargs args) {
            return body.apply(state, args);
        }
    }

    private static final class Disabled extends VarArgFunction {
        private final InstanceContext context;

        Disabled(String name, InstanceContext context) {
            this.name = name;
            this.context = context;
        }

        @Override
        public Varargs invoke(Varargs args) {
            throw context.refuse(name + " is disabled in VPOP3 Lua");
        }
    }

    private static final class Guarded extends VarArgFunction {
        private final LuaValue function;
        private final InstanceContext context;

        Guarded(String name, LuaValue function, InstanceContext context) {
            this.name = name;
            this.function = function;
            this.context = context;
        }

        @Override
        public Varargs invoke(Varargs args) {
            if (context.safety().isOn()) {
                throw context.refuse(name + " is disabled in safety mode");
            }
            return function.invoke(args);
        }
    }
}
