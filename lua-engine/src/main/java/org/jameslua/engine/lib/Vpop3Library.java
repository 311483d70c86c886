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
            Optional<String> value =
                    name(args, 1).flatMap(name -> c.host().settings().get(name));
            return value.isPresent()
                    ? LuaValue.varargsOf(LuaValue.TRUE, LuaValue.valueOf(value.get()))
                    : LuaValue.varargsOf(LuaValue.FALSE, LuaValue.NIL);
        }));
        vpop3.rawset(SET_SETTING, hostCall(context, "SetSetting", (c, args) -> {
            Optional<String> name = name(args, 1);
            String value = ScriptText.argument(args, 2);
            return LuaValue.valueOf(
                    name.map(named -> c.host().settings().set(named, value)).orElse(false));
        }));
        vpop3.rawset(EXPAND_ADDRESS, hostCall(context, "ExpandAddress", (c, args) -> {
            Optional<String> address = name(args, 1);
            int inMail = args.optint(2, -1);
            return expanded(
                    address.map(named -> c.host().users().expand(named, inMail)).orElse(List.of()));
        }));
        vpop3.rawset(
                GET_USER_LIST,
                hostCall(
                        context,
                        "GetUserList",
                        (c, args) -> LuaSequences.of(c.host().users().users())));
        vpop3.rawset(GET_USER_SETTING, hostCall(context, "GetUserSetting", (c, args) -> {
            Optional<String> user = ownUser(c, args);
            Optional<String> name = name(args, 2);
            if (user.isEmpty() || name.isEmpty()) {
                return LuaValue.NIL;
            }
            return c.host()
                    .userSettings()
                    .get(user.get(), name.get())
                    .<LuaValue>map(LuaValue::valueOf)
                    .orElse(LuaValue.NIL);
        }));
        vpop3.rawset(SET_USER_SETTING, hostCall(context, "SetUserSetting", (c, args) -> {
            Optional<String> user = ownUser(c, args);
            Optional<String> name = name(args, 2);
            String value = ScriptText.argument(args, 3);
            return LuaValue.valueOf(user.isPresent()
                    && name.isPresent()
                    && c.host().userSettings().set(user.get(), name.get(), value));
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

    /**
     * A name (of a setting, a user, an address) from a script; empty, meaning no such name, when it is longer than
     * {@link ScriptText#LONGEST_NAME}: it is then not copied out of Lua, where a script's 20 MiB name would cost the call
     * three times that before the host found it too long for anything.
     */
    private static Optional<String> name(Varargs args, int argument) {
        LuaString name = args.checkstring(argument);
        return name.length() > ScriptText.LONGEST_NAME ? Optional.empty() : Optional.of(name.tojstring());
    }

    /**
     * The user whose settings a call names; empty for a name too long to be a user's. In safety mode only a user's
     * own script reaches user settings, and only its own user's.
     */
    private static Optional<String> ownUser(InstanceContext context, Varargs args) {
        Optional<String> named = name(args, 1);
        if (!context.safety().isOn()) {
            return named;
        }
        String user = named.orElse("");
        Optional<String> owner = context.owner();
        if (owner.isEmpty()) {
            throw context.refuse("user settings are refused in safety mode unless the script is a user's own"
                    + " (james-lua-run: --safety --user NAME)");
        }
        if (!owner.get().equalsIgnoreCase(user)) {
            throw context.refuse("a user script may read and change only its own user's settings");
        }
        return named;
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
