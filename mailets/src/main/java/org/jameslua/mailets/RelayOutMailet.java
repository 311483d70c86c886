package org.jameslua.mailets;

import javax.inject.Inject;
import org.jameslua.engine.LuaEngine;

/**
 * {@code RELAYOUT.LUA}, for mail sent through a relay (RemoteDelivery with a {@code gateway}):
 * {@code CheckFile(filename, actions, size, creationTime, returnPath, recipients, headerData, headerLines)}
 * with actions {@code SkipSend}, {@code Reason} and {@code Priority} (see {@link OutgoingCheckMailet}).
 * Parameters: {@code script} (default {@code RELAYOUT.LUA}), {@code holdDelay}, {@code holdProcessor},
 * {@code priorityProcessors}.
 */
public final class RelayOutMailet extends OutgoingCheckMailet {

    @Inject
    public RelayOutMailet(LuaEngine engine) {
        super(engine);
    }

    @Override
    String defaultScript() {
        return "RELAYOUT.LUA";
    }

    @Override
    boolean mx() {
        return false;
    }

    @Override
    public String getMailetInfo() {
        return "RELAYOUT.LUA outgoing check";
    }
}
