package org.jameslua.tools;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.mailet.Mailet;
import org.jameslua.engine.LuaEngine;
import org.jameslua.james.script.ScriptCallers;
import org.jameslua.james.script.UncompiledScripts;
import org.jameslua.mailets.ErrorsMailet;
import org.jameslua.mailets.MxOutMailet;
import org.jameslua.mailets.Pop3ClientMailet;
import org.jameslua.mailets.RelayOutMailet;
import org.jameslua.mailets.SignatureMailet;
import org.jameslua.mailets.UserRedirectMailet;
import org.jameslua.mailets.routing.DeclaredSettingsCache;
import org.jameslua.mailets.routing.RecipientUsers;

/** The pack's mailet that runs a mailet script, chosen by the script's file name (as the manual names it). */
enum MailScriptMailets {
    USER_REDIRECT("USER_REDIRECT.LUA"),
    SIGNATURE("SIGNATURE.LUA"),
    ERRORS("ERRORS.LUA"),
    RELAYOUT("RELAYOUT.LUA"),
    MXOUT("MXOUT.LUA"),
    POP3CLT("POP3CLT.LUA");

    private final String fileName;

    MailScriptMailets(String fileName) {
        this.fileName = fileName;
    }

    static Optional<MailScriptMailets> forScript(String script) {
        String name = Path.of(script).getFileName().toString().toUpperCase(Locale.ROOT);
        for (MailScriptMailets mailet : values()) {
            if (mailet.fileName.equals(name)) {
                return Optional.of(mailet);
            }
        }
        return Optional.empty();
    }

    static List<String> fileNames() {
        return List.of(values()).stream().map(mailet -> mailet.fileName).toList();
    }

    Mailet create(LuaEngine engine, RecipientUsers users, ScriptCallers callers) {
        return switch (this) {
            case USER_REDIRECT ->
                new UserRedirectMailet(
                        engine,
                        users,
                        callers,
                        new UncompiledScripts(engine),
                        new DeclaredSettingsCache(engine, callers));
            case SIGNATURE -> new SignatureMailet(engine, callers, new UncompiledScripts(engine));
            case ERRORS -> new ErrorsMailet(engine, callers, new UncompiledScripts(engine));
            case RELAYOUT -> new RelayOutMailet(engine, callers, new UncompiledScripts(engine));
            case MXOUT -> new MxOutMailet(engine, callers, new UncompiledScripts(engine));
            case POP3CLT -> new Pop3ClientMailet(engine, callers, new UncompiledScripts(engine));
        };
    }
}
