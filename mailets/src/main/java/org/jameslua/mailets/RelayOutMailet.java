package org.jameslua.mailets;

import javax.inject.Inject;
import org.jameslua.engine.LuaEngine;
import org.jameslua.james.script.ScriptCallers;
import org.jameslua.james.script.UncompiledScripts;

/**
 * {@code RELAYOUT.LUA}, for mail sent through a relay (RemoteDelivery with a {@code gateway}):
 * {@code CheckFile(filename, actions, size, creationTime, returnPath, recipients, headerData, headerLines)}
 * with actions {@code SkipSend}, {@code Reason} and {@code Priority} (see {@link OutgoingCheckMailet}).
 * Parameters: {@code script} (default {@code RELAYOUT.LUA}), {@code holdDelay}, {@code holdProcessor},
 * {@code priorityProcessors}, {@code onScriptError} ({@code pass}, the default, sends the mail as without a script when
 * CheckFile fails; {@code error} sends it to the error processor):
 *
 * <pre>{@code
 * <mailet match="All" class="org.jameslua.mailets.RelayOutMailet">
 *     <script>RELAYOUT.LUA</script>
 *     <holdDelay>15 minutes</holdDelay>
 *     <onScriptError>pass</onScriptError>
 * </mailet>
 * }</pre>
 */
public final class RelayOutMailet extends OutgoingCheckMailet {

    @Inject
    public RelayOutMailet(LuaEngine engine, ScriptCallers callers, UncompiledScripts uncompiled) {
        super(engine, callers, uncompiled);
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
