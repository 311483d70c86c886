package org.jameslua.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The functions VPOP3 calls in each of its scripts, by the manual; a script's other global functions are only
 * ever called by the script itself. Script names are matched case-insensitively, in the folder and in users'
 * folders alike.
 */
public final class Callbacks {
    /** Called in any script of the folder, for the per-user settings it declares. */
    public static final String MAIN_GET_SETTINGS = "MainGetSettings";

    private static final Map<String, List<String>> BY_SCRIPT = byScript();

    private Callbacks() {}

    private static Map<String, List<String>> byScript() {
        Map<String, List<String>> scripts = new LinkedHashMap<>();
        scripts.put(
                "SMTPSVR.LUA",
                List.of(
                        "Start",
                        "RBLResults",
                        "GetMaxMessageSize",
                        "GetEHLOCapabilities",
                        "DoHELO",
                        "DoHELP",
                        "DoQUIT",
                        "DoNOOP",
                        "DoRSET",
                        "DoMAILFROM",
                        "DoRCPTTO",
                        "DoDATAStart",
                        "DoUnrecognised",
                        "ProcessMessage",
                        "End"));
        scripts.put("POP3CLT.LUA", List.of("ProcessMessage"));
        scripts.put("ERRORS.LUA", List.of("ProcessError"));
        scripts.put("PASSWORDCHECK.LUA", List.of("Check"));
        scripts.put("USER_REDIRECT.LUA", List.of("MainDoRouting"));
        scripts.put("SIGNATURE.LUA", List.of("GetSignature"));
        scripts.put("RELAYOUT.LUA", List.of("CheckFile"));
        scripts.put("MXOUT.LUA", List.of("CheckFile"));
        return Collections.unmodifiableMap(scripts);
    }

    /**
     * The functions VPOP3 calls in the script of this file name (a path's last segment counts): the manual's
     * callbacks of that script, if any, and {@value #MAIN_GET_SETTINGS}.
     */
    public static List<String> of(String scriptName) {
        List<String> callbacks = new ArrayList<>(BY_SCRIPT.getOrDefault(fileName(scriptName), List.of()));
        callbacks.add(MAIN_GET_SETTINGS);
        return List.copyOf(callbacks);
    }

    /** A script's file name, upper case, from a name that may be a path in the folder such as alice/user_redirect.lua. */
    static String fileName(String scriptName) {
        String name = scriptName.replace('\\', '/');
        return name.substring(name.lastIndexOf('/') + 1).toUpperCase(Locale.ROOT);
    }
}
