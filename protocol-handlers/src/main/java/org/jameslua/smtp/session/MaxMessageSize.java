package org.jameslua.smtp.session;

import org.luaj.vm2.LuaValue;

/**
 * GetMaxMessageSize(host, current): the session's message size limit in bytes, 0 for none. Asked at
 * connect (host is the client's IP address) and at every HELO and EHLO (host is its argument). A failed
 * callback keeps the current limit, {@code script.failure} notwithstanding: there is no reply to fail.
 */
public final class MaxMessageSize {
    static final String CALLBACK = "GetMaxMessageSize";

    private MaxMessageSize() {}

    public static void ask(ScriptSession session, String host) {
        session.ask(
                        CALLBACK,
                        values -> {
                            var size = Returns.wholeNumber(values, 1, CALLBACK + "'s result");
                            return size.isPresent() ? size.getAsLong() : null;
                        },
                        LuaValue.valueOf(host),
                        LuaValue.valueOf((double) session.maxMessageSize()))
                .value()
                .ifPresent(session::maxMessageSize);
    }
}
