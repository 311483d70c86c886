package org.jameslua.engine.lib;

import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import org.jameslua.engine.LuaSequences;
import org.jameslua.engine.host.ExpandedAddress;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * The always-available {@code VPOP3.*} helpers, over the host's settings and users. A user's own script
 * (run in safety mode on that user's behalf) reaches that user's settings only.
 */
public final class Vpop3Library implements LuaLibrary {
    /** The helpers of this library and of {@link MessageHelpers}. */
    private static final int SIZE = 16;

    private static final LuaString VPOP3 = LuaValue.valueOf("VPOP3");
    private static final LuaString GET_SETTING = LuaValue.valueOf("GetSetting");
    private static final LuaString SET_SETTING = LuaValue.valueOf("SetSetting");
    private static final LuaString EXPAND_ADDRESS = LuaValue.valueOf("ExpandAddress");
    private static final LuaString GET_USER_LIST = LuaValue.valueOf("GetUserList");
    private static final LuaString GET_USER_SETTING = LuaValue.valueOf("GetUserSetting");
    private static final LuaString SET_USER_SETTING = LuaValue.valueOf("SetUserSetting");

    @Override
    public void install(Globals globals, InstanceContext context) {
        LuaTable vpop3 = table(globals);
        vpop3.rawset(GET_SETTING, hostCall(context, "GetSetting", (c, args) -> {
            Optional<String> value = c.host().settings().get(args.checkjstring(1));
            return value.isPresent()
                    ? LuaValue.varargsOf(LuaValue.TRUE, LuaValue.valueOf(value.get()))
                    : LuaValue.varargsOf(LuaValue.FALSE, LuaValue.NIL);
        }));
        vpop3.rawset(
                SET_SETTING,
                hostCall(
                        context,
                        "SetSetting",
                        (c, args) ->
                                LuaValue.valueOf(c.host().settings().set(args.checkjstring(1), args.checkjstring(2)))));
        vpop3.rawset(
                EXPAND_ADDRESS,
                hostCall(
                        context,
                        "ExpandAddress",
                        (c, args) -> expanded(c.host().users().expand(args.checkjstring(1), args.optint(2, -1)))));
        vpop3.rawset(
                GET_USER_LIST,
                hostCall(
                        context,
                        "GetUserList",
                        (c, args) -> LuaSequences.of(c.host().users().users())));
        vpop3.rawset(GET_USER_SETTING, hostCall(context, "GetUserSetting", (c, args) -> {
            String user = ownUser(c, args.checkjstring(1));
            return c.host()
                    .userSettings()
                    .get(user, args.checkjstring(2))
                    .<LuaValue>map(LuaValue::valueOf)
                    .orElse(LuaValue.NIL);
        }));
        vpop3.rawset(SET_USER_SETTING, hostCall(context, "SetUserSetting", (c, args) -> {
            String user = ownUser(c, args.checkjstring(1));
            return LuaValue.valueOf(c.host().userSettings().set(user, args.checkjstring(2), args.checkjstring(3)));
        }));
    }

    /**
     * A helper that waits on the host's storage. The budget cannot stop a host call under way, but it is
     * checked as soon as one returns, so a script cannot chain slow calls far past its time limit.
     */
    private static LuaValue hostCall(
            InstanceContext context, String name, BiFunction<InstanceContext, Varargs, Varargs> body) {
        return new HostCall(name, context, body);
    }

    private static final class HostCall extends VarArgFunction {
        private final InstanceContext context;
        private final BiFunction<InstanceContext, Varargs, Varargs> body;

        HostCall(String name, InstanceContext context, BiFunction<InstanceContext, Varargs, Varargs> body) {
            this.name = name;
            this.context = context;
            this.body = body;
        }

        @Override
        public Varargs invoke(Varargs args) {
            Varargs result = body.apply(context, args);
            context.budget().checkTime();
            return result;
        }
    }

    /** The {@code VPOP3} table of an instance, created by whichever library installs first. */
    static LuaTable table(Globals globals) {
        LuaValue existing = globals.rawget(VPOP3);
        if (existing.istable()) {
            return (LuaTable) existing;
        }
        LuaTable created = new LuaTable(0, SIZE);
        globals.rawset(VPOP3, created);
        return created;
    }

    /** In safety mode only a user's own script reaches user settings, and only its own user's. */
    private static String ownUser(InstanceContext context, String user) {
        if (!context.safety().isOn()) {
            return user;
        }
        Optional<String> owner = context.owner();
        if (owner.isEmpty()) {
            throw context.refuse("user settings are refused in safety mode unless the script is a user's own"
                    + " (james-lua-run: --safety --user NAME)");
        }
        if (!owner.get().equalsIgnoreCase(user)) {
            throw context.refuse("a user script may read and change only its own user's settings");
        }
        return user;
    }

    private static LuaTable expanded(List<ExpandedAddress> addresses) {
        LuaTable table = new LuaTable(addresses.size(), 0);
        for (int i = 0; i < addresses.size(); i++) {
            ExpandedAddress address = addresses.get(i);
            LuaTable entry = new LuaTable();
            entry.set("Name", address.name());
            entry.set("List", LuaValue.valueOf(address.list()));
            address.deferredExpansion()
                    .ifPresent(deferred -> entry.set("DeferredExpansion", LuaValue.valueOf(deferred)));
            entry.set("Remote", LuaValue.valueOf(address.remote()));
            entry.set("Forwarded", LuaValue.valueOf(address.forwarded()));
            table.rawset(i + 1, entry);
        }
        return table;
    }
}
