package org.jameslua.mailets.outgoing;

import java.util.Objects;
import org.jameslua.james.script.BadReturn;
import org.jameslua.james.script.LuaValues;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;

/**
 * CheckFile's {@code <actions>}: {@code SkipSend}, {@code Reason} and {@code Priority} for RELAYOUT.LUA, and
 * {@code ForceRetry} and {@code ForceLastTry} as well for MXOUT.LUA.
 */
public final class OutgoingActions {
    private final boolean skipSend;
    private final boolean forceRetry;
    private final boolean forceLastTry;
    private final String reason;
    private final double priority;

    OutgoingActions(boolean skipSend, boolean forceRetry, boolean forceLastTry, String reason, double priority) {
        this.skipSend = skipSend;
        this.forceRetry = forceRetry;
        this.forceLastTry = forceLastTry;
        this.reason = reason;
        this.priority = priority;
    }

    public static OutgoingActions initial() {
        return new OutgoingActions(false, false, false, "", QueuePriority.DEFAULT);
    }

    public LuaTable toLua(boolean mx) {
        LuaTable table = new LuaTable();
        table.set("SkipSend", LuaValue.valueOf(skipSend));
        if (mx) {
            table.set("ForceRetry", LuaValue.valueOf(forceRetry));
            table.set("ForceLastTry", LuaValue.valueOf(forceLastTry));
        }
        table.set("Reason", reason);
        table.set("Priority", LuaValue.valueOf(priority));
        return table;
    }

    /** The table the script returned, as the manual asks ("return the Actions array"); fields left out keep theirs. */
    public static OutgoingActions fromLua(LuaValue value, OutgoingActions given, boolean mx) {
        if (!value.istable()) {
            throw BadReturn.wrongType("CheckFile's result", "the actions table", value);
        }
        return new OutgoingActions(
                LuaValues.bool(value.rawget("SkipSend"), "actions.SkipSend", given.skipSend()),
                mx && LuaValues.bool(value.rawget("ForceRetry"), "actions.ForceRetry", given.forceRetry()),
                mx && LuaValues.bool(value.rawget("ForceLastTry"), "actions.ForceLastTry", given.forceLastTry()),
                LuaValues.string(value.rawget("Reason"), "actions.Reason", given.reason()),
                LuaValues.number(value.rawget("Priority"), "actions.Priority", given.priority()));
    }

    public boolean skipSend() {
        return skipSend;
    }

    public boolean forceRetry() {
        return forceRetry;
    }

    public boolean forceLastTry() {
        return forceLastTry;
    }

    public String reason() {
        return reason;
    }

    public double priority() {
        return priority;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof OutgoingActions)) {
            return false;
        }
        OutgoingActions that = (OutgoingActions) other;
        return skipSend == that.skipSend
                && forceRetry == that.forceRetry
                && forceLastTry == that.forceLastTry
                && Objects.equals(reason, that.reason)
                && Double.compare(priority, that.priority) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(skipSend, forceRetry, forceLastTry, reason, priority);
    }

    @Override
    public String toString() {
        return "OutgoingActions[skipSend=" + skipSend + ", forceRetry=" + forceRetry + ", forceLastTry=" + forceLastTry
                + ", reason=" + reason + ", priority=" + priority + "]";
    }
}
