package org.jameslua.mailets.routing;

import org.jameslua.james.script.BadReturn;
import org.jameslua.james.script.LuaValues;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;

/**
 * The manual's {@code BigRedirect} and {@code SmallRedirect}: send messages over (with {@code Bigger}) or
 * under (without) {@code Threshold} kB to {@code Target}; with {@code Copy} the user's mailbox gets the
 * message as well, without it only the target does. A rule without a target or with a threshold of 0 is off.
 */
public final class RedirectRule {
    private final String target;
    private final double thresholdKb;
    private final boolean copy;
    private final boolean bigger;

    public RedirectRule(String target, double thresholdKb, boolean copy, boolean bigger) {
        this.target = target;
        this.thresholdKb = thresholdKb;
        this.copy = copy;
        this.bigger = bigger;
    }

    public static RedirectRule off(boolean bigger) {
        return new RedirectRule("", 0, false, bigger);
    }

    public boolean appliesTo(long messageSize) {
        if (target.isBlank() || thresholdKb <= 0) {
            return false;
        }
        double threshold = thresholdKb * 1024;
        return bigger ? messageSize > threshold : messageSize < threshold;
    }

    public LuaTable toLua() {
        LuaTable table = new LuaTable(0, 4);
        table.set("Target", target);
        table.set("Threshold", LuaValue.valueOf(thresholdKb));
        table.set("Copy", LuaValue.valueOf(copy));
        table.set("Bigger", LuaValue.valueOf(bigger));
        return table;
    }

    /** Reads the global back; {@code nil} turns the rule off, a missing {@code Bigger} keeps the rule's kind. */
    public static RedirectRule fromLua(LuaValue value, String global, boolean defaultBigger) {
        if (value.isnil()) {
            return off(defaultBigger);
        }
        if (!value.istable()) {
            throw BadReturn.wrongType(global, "a table", value);
        }
        return new RedirectRule(
                LuaValues.addressList(value.rawget("Target"), global + ".Target", ""),
                LuaValues.number(value.rawget("Threshold"), global + ".Threshold", 0),
                LuaValues.bool(value.rawget("Copy"), global + ".Copy", false),
                LuaValues.bool(value.rawget("Bigger"), global + ".Bigger", defaultBigger));
    }

    public String target() {
        return target;
    }

    public double thresholdKb() {
        return thresholdKb;
    }

    public boolean copy() {
        return copy;
    }

    public boolean bigger() {
        return bigger;
    }
}
