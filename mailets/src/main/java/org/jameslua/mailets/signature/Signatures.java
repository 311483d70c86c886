package org.jameslua.mailets.signature;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.jameslua.engine.LuaEngine;
import org.jameslua.engine.ScriptInstance;
import org.jameslua.james.script.LuaValues;
import org.jameslua.james.script.ScriptCaller;
import org.luaj.vm2.LuaValue;

/**
 * The signatures of one mail, from {@code GetSignature(format, authUser, sender)}: asked at most once per
 * format, and only for formats the message has a part for. What the function answers:
 * a signature (plain text for {@code "PLAIN"}, HTML markup for {@code "HTML"}); {@code ""} for the configured
 * default ({@code nil} and whitespace count as {@code ""}); {@code "<blank>"} for none. A missing script or function, a failure or an answer that is not a
 * string gives the default too, as the server does without a script.
 */
public final class Signatures implements AutoCloseable {
    static final String FUNCTION = "GetSignature";
    private static final String NONE = "<blank>";

    enum Format {
        PLAIN,
        HTML
    }

    private final LuaEngine engine;
    private final String script;
    private final String authUser;
    private final String sender;
    private final SignatureDefaults defaults;
    private final ScriptCaller caller;
    private final Map<Format, Optional<String>> answers = new EnumMap<>(Format.class);
    private ScriptInstance instance;

    public Signatures(
            LuaEngine engine,
            String script,
            String authUser,
            String sender,
            SignatureDefaults defaults,
            ScriptCaller caller) {
        this.engine = engine;
        this.script = script;
        this.authUser = authUser;
        this.sender = sender;
        this.defaults = defaults;
        this.caller = caller;
    }

    /** The signature to add to parts of this format, empty for none. */
    Optional<String> of(Format format) {
        return answers.computeIfAbsent(format, this::resolve);
    }

    private Optional<String> resolve(Format format) {
        String answer = ask(format);
        if (answer.strip().equalsIgnoreCase(NONE)) {
            return Optional.empty();
        }
        if (!answer.isBlank()) {
            return Optional.of(answer);
        }
        return format == Format.PLAIN ? defaults.plain() : defaults.html();
    }

    private String ask(Format format) {
        if (instance == null) {
            instance = engine.newInstance(script);
        }
        if (!instance.defines(FUNCTION)) {
            return "";
        }
        return caller.call(
                        instance,
                        FUNCTION,
                        LuaValue.varargsOf(
                                LuaValue.valueOf(format.name()), LuaValue.valueOf(authUser), LuaValue.valueOf(sender)),
                        values -> LuaValues.string(values.arg1(), "the signature", ""))
                .orElse("");
    }

    @Override
    public void close() {
        if (instance != null) {
            instance.close();
        }
    }
}
