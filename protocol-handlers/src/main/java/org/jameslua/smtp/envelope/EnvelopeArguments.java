package org.jameslua.smtp.envelope;

import java.util.Locale;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;

/** The {@code <data>} and {@code <parameters>} arguments of DoMAILFROM and DoRCPTTO. */
final class EnvelopeArguments {
    private EnvelopeArguments() {}

    /** What the client sent after {@code MAIL FROM:} or {@code RCPT TO:}, e.g. {@code <a@b.example> SIZE=1000}. */
    static String data(String argument) {
        int colon = argument.indexOf(':');
        return colon < 0 ? "" : argument.substring(colon + 1).trim();
    }

    /**
     * The ESMTP parameters after the address, keyed by name in upper case (RFC 5321 keywords are case
     * insensitive); a parameter without {@code =} has the value {@code ""}.
     */
    static LuaTable parameters(String data) {
        LuaTable table = new LuaTable();
        int open = data.indexOf('<');
        int close = open >= 0 ? data.indexOf('>', open) : -1;
        String rest;
        if (close >= 0) {
            rest = data.substring(close + 1);
        } else {
            int space = data.indexOf(' ');
            rest = space < 0 ? "" : data.substring(space + 1);
        }
        for (String token : rest.trim().split("\\s+")) {
            if (token.isEmpty()) {
                continue;
            }
            int equals = token.indexOf('=');
            String name = (equals > 0 ? token.substring(0, equals) : token).toUpperCase(Locale.ROOT);
            String value = equals > 0 ? token.substring(equals + 1) : "";
            table.set(name, LuaValue.valueOf(value));
        }
        return table;
    }
}
