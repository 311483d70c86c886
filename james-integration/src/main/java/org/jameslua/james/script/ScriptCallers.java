package org.jameslua.james.script;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.jameslua.james.ScriptMetrics;

/**
 * Gives the SMTP sessions their {@link ScriptCaller}, and each mailet and matcher instance its own, with a metric
 * scope of its own: the kind, the
 * class's simple name and the instance's number among those of its class, in the order James initialises them
 * (the order of {@code mailetcontainer.xml}), e.g. {@code mailet.LuaMailet-1}, {@code mailet.LuaMailet-2},
 * {@code matcher.LuaMatcher-1}. James times each mailet under its class name only, so two {@code LuaMailet}
 * elements would otherwise share one timer.
 */
@Singleton
public class ScriptCallers {
    private final ScriptMetrics metrics;
    private final ConcurrentMap<String, AtomicInteger> instances = new ConcurrentHashMap<>();

    @Inject
    public ScriptCallers(ScriptMetrics metrics) {
        this.metrics = metrics;
    }

    /** For a mailet named as James names it ({@code getMailetName()}: its class as written in the XML). */
    public ScriptCaller forMailet(String mailetName, OnScriptError policy) {
        return caller("mailet", mailetName, policy);
    }

    /** For a matcher named as James names it ({@code getMatcherName()}). */
    public ScriptCaller forMatcher(String matcherName, OnScriptError policy) {
        return caller("matcher", matcherName, policy);
    }

    /**
     * For what is not a mailet or matcher instance in a processor (the SMTP sessions, the password check, the
     * user-settings routes): no scope, so metric names are {@code luapack.<SCRIPT>.<Function>.*}.
     */
    public ScriptCaller shared(OnScriptError policy) {
        return new ScriptCaller(metrics, "", policy);
    }

    private ScriptCaller caller(String kind, String name, OnScriptError policy) {
        String simpleName = name == null ? "unnamed" : name.substring(name.lastIndexOf('.') + 1);
        String key = kind + "." + simpleName;
        int number = instances.computeIfAbsent(key, any -> new AtomicInteger()).incrementAndGet();
        return new ScriptCaller(metrics, key + "-" + number, policy);
    }
}
