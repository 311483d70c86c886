package org.jameslua.engine.lib;

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

    /** A function that exists so old scripts get a clear error rather than "attempt to call a nil value". */
    public static LuaValue disabled(String name, InstanceContext context) {
        return of(name, args -> {
            throw context.refuse(name + " is disabled in VPOP3 Lua");
        });
    }

    /** A function that works normally but is refused while safety mode is on. */
    public static LuaValue guarded(String name, LuaValue function, InstanceContext context) {
        return of(name, args -> {
            if (context.safety().isOn()) {
                throw context.refuse(name + " is disabled in safety mode");
            }
            return function.invoke(args);
        });
    }
}
