package org.jameslua.mailets.routing;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jameslua.engine.ScriptInstance;
import org.jameslua.james.script.BadReturn;
import org.jameslua.james.script.LuaValues;
import org.luaj.vm2.LuaValue;

/**
 * The globals USER_REDIRECT.LUA may change to route one message to one user, with the manual's names. They
 * start from the user's stored settings (under the same names: {@code Assistants}, {@code RedirectToAssistant},
 * {@code Forwards}, {@code UseForwards}, {@code ForwardSpam}, {@code BigRedirect.Target},
 * {@code BigRedirect.Threshold}, {@code BigRedirect.Copy}, {@code BigRedirect.Bigger} and the same four for
 * {@code SmallRedirect}); changing them changes the routing of this message only.
 */
public final class RoutingGlobals {
    /** The stored settings {@link #fromSettings} reads, and how it reads them. */
    static final Map<String, KnownSettings.Kind> STORED_SETTINGS = storedSettings();

    private final boolean shouldForward;
    private final String assistants;
    private final boolean redirectToAssistant;
    private final boolean sendToNormalRecipient;
    private final String forwards;
    private final boolean useForwards;
    private final RedirectRule bigRedirect;
    private final RedirectRule smallRedirect;

    public RoutingGlobals(
            boolean shouldForward,
            String assistants,
            boolean redirectToAssistant,
            boolean sendToNormalRecipient,
            String forwards,
            boolean useForwards,
            RedirectRule bigRedirect,
            RedirectRule smallRedirect) {
        this.shouldForward = shouldForward;
        this.assistants = assistants;
        this.redirectToAssistant = redirectToAssistant;
        this.sendToNormalRecipient = sendToNormalRecipient;
        this.forwards = forwards;
        this.useForwards = useForwards;
        this.bigRedirect = bigRedirect;
        this.smallRedirect = smallRedirect;
    }

    /**
     * What the server would do without a script. {@code ShouldForward} is false for spam unless the user's
     * {@code ForwardSpam} is on; {@code UseForwards} defaults to "a Forwards address is set";
     * {@code SendToNormalRecipient} is false when the message goes to assistants only (there is an assistant
     * other than its sender to take it).
     */
    public static RoutingGlobals fromSettings(StoredSettings settings, boolean spam, String sender) {
        String assistants = settings.string("Assistants", "");
        boolean redirectToAssistant = settings.bool("RedirectToAssistant", false);
        String forwards = settings.string("Forwards", "");
        boolean assistantsOnly = redirectToAssistant
                && !RoutingDecision.assistants(assistants, sender, invalid -> {})
                        .isEmpty();
        return new RoutingGlobals(
                !spam || settings.bool("ForwardSpam", false),
                assistants,
                redirectToAssistant,
                !assistantsOnly,
                forwards,
                settings.bool("UseForwards", !forwards.isBlank()),
                storedRule(settings, "BigRedirect", true),
                storedRule(settings, "SmallRedirect", false));
    }

    private static RedirectRule storedRule(StoredSettings settings, String name, boolean bigger) {
        return new RedirectRule(
                settings.string(name + ".Target", ""),
                settings.number(name + ".Threshold", 0),
                settings.bool(name + ".Copy", false),
                settings.bool(name + ".Bigger", bigger));
    }

    private static Map<String, KnownSettings.Kind> storedSettings() {
        Map<String, KnownSettings.Kind> kinds = new LinkedHashMap<>();
        kinds.put("Forwards", KnownSettings.Kind.TEXT);
        kinds.put("UseForwards", KnownSettings.Kind.BOOLEAN);
        kinds.put("ForwardSpam", KnownSettings.Kind.BOOLEAN);
        kinds.put("Assistants", KnownSettings.Kind.TEXT);
        kinds.put("RedirectToAssistant", KnownSettings.Kind.BOOLEAN);
        for (String rule : List.of("BigRedirect", "SmallRedirect")) {
            kinds.put(rule + ".Target", KnownSettings.Kind.TEXT);
            kinds.put(rule + ".Threshold", KnownSettings.Kind.NUMBER);
            kinds.put(rule + ".Copy", KnownSettings.Kind.BOOLEAN);
            kinds.put(rule + ".Bigger", KnownSettings.Kind.BOOLEAN);
        }
        return Collections.unmodifiableMap(kinds);
    }

    void setInto(ScriptInstance instance) {
        instance.set("ShouldForward", LuaValue.valueOf(shouldForward));
        instance.set("Assistants", LuaValue.valueOf(assistants));
        instance.set("RedirectToAssistant", LuaValue.valueOf(redirectToAssistant));
        instance.set("SendToNormalRecipient", LuaValue.valueOf(sendToNormalRecipient));
        instance.set("Forwards", LuaValue.valueOf(forwards));
        instance.set("UseForwards", LuaValue.valueOf(useForwards));
        instance.set("BigRedirect", bigRedirect.toLua());
        instance.set("SmallRedirect", smallRedirect.toLua());
    }

    /**
     * Reads the globals as the script left them. A global set to {@code nil} counts as empty (strings), false
     * (booleans) or off (redirects); one of the wrong type is a {@link BadReturn}.
     */
    static RoutingGlobals readFrom(ScriptInstance instance) {
        return new RoutingGlobals(
                LuaValues.bool(instance.get("ShouldForward"), "ShouldForward", false),
                LuaValues.addressList(instance.get("Assistants"), "Assistants", ""),
                LuaValues.bool(instance.get("RedirectToAssistant"), "RedirectToAssistant", false),
                LuaValues.bool(instance.get("SendToNormalRecipient"), "SendToNormalRecipient", false),
                LuaValues.addressList(instance.get("Forwards"), "Forwards", ""),
                LuaValues.bool(instance.get("UseForwards"), "UseForwards", false),
                RedirectRule.fromLua(instance.get("BigRedirect"), "BigRedirect", true),
                RedirectRule.fromLua(instance.get("SmallRedirect"), "SmallRedirect", false));
    }

    public boolean shouldForward() {
        return shouldForward;
    }

    public String assistants() {
        return assistants;
    }

    public boolean redirectToAssistant() {
        return redirectToAssistant;
    }

    public boolean sendToNormalRecipient() {
        return sendToNormalRecipient;
    }

    public String forwards() {
        return forwards;
    }

    public boolean useForwards() {
        return useForwards;
    }

    public RedirectRule bigRedirect() {
        return bigRedirect;
    }

    public RedirectRule smallRedirect() {
        return smallRedirect;
    }
}
