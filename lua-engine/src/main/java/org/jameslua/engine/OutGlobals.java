package org.jameslua.engine;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The globals a script may set for VPOP3 to read back, by the manual, with the Lua type VPOP3 reads: the SMTP
 * server's (IN/OUT) variables and the routing variables MainDoRouting "should modify". {@code nil} stands for
 * unset in each.
 */
public final class OutGlobals {
    private static final Map<String, Map<String, String>> BY_SCRIPT = byScript();

    private OutGlobals() {}

    private static Map<String, Map<String, String>> byScript() {
        Map<String, String> smtp = new LinkedHashMap<>();
        smtp.put("ValidClientAddress", "boolean");
        smtp.put("LocalClientAddress", "boolean");
        smtp.put("AuthenticationRequired", "boolean");
        smtp.put("AllowedUsers", "string");
        smtp.put("RBLServers", "table");
        smtp.put("RBLWhitelist", "table");
        Map<String, String> routing = new LinkedHashMap<>();
        routing.put("ShouldForward", "boolean");
        routing.put("Assistants", "string");
        routing.put("RedirectToAssistant", "boolean");
        routing.put("SendToNormalRecipient", "boolean");
        routing.put("Forwards", "string");
        routing.put("UseForwards", "boolean");
        routing.put("BigRedirect", "table");
        routing.put("SmallRedirect", "table");
        Map<String, Map<String, String>> scripts = new LinkedHashMap<>();
        scripts.put("SMTPSVR.LUA", Collections.unmodifiableMap(smtp));
        scripts.put("USER_REDIRECT.LUA", Collections.unmodifiableMap(routing));
        return Collections.unmodifiableMap(scripts);
    }

    /** Each out-global of the script of this file name (a path's last segment counts) and its Lua type name. */
    public static Map<String, String> of(String scriptName) {
        return BY_SCRIPT.getOrDefault(Callbacks.fileName(scriptName), Map.of());
    }
}
