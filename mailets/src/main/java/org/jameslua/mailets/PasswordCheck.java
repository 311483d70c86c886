package org.jameslua.mailets;

import java.util.Optional;
import javax.inject.Inject;
import org.jameslua.engine.LogText;
import org.jameslua.engine.LuaEngine;
import org.jameslua.engine.ScriptInstance;
import org.jameslua.james.script.BadReturn;
import org.jameslua.james.script.LuaValues;
import org.jameslua.james.script.OnScriptError;
import org.jameslua.james.script.ScriptCaller;
import org.jameslua.james.script.ScriptCallers;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * VPOP3's password validation script, {@code PASSWORDCHECK.LUA}: {@code Check(user, password, minLength)}
 * answers whether a user may set a password. For whatever part of James sets passwords (a webadmin filter, a
 * users repository decorator).
 *
 * <p>The minimum length is enforced here too, since a script may ignore its third argument: a password shorter
 * than {@code minLength} characters is refused without asking the script. Otherwise the script decides; when it
 * is missing, fails or answers anything but a boolean, the minimum length alone decides, as without a script
 * (the failure is in {@code LUAERRORS.LOG}; the password never is). Beyond the manual, a script refusing a password
 * may say why as a second value ({@code return false, "three kinds of character"}), which the refusal then gives the
 * user; VPOP3 read the boolean alone, so its scripts are unchanged by this.
 *
 * <p>Where the caller has no minimum of its own, it is the global setting {@value #MIN_LENGTH_SETTING} (the one
 * {@code VPOP3.GetSetting} reads; with James, declared in {@code james-lua.properties} as
 * {@code setting.MinPasswordLength=8}), and 0 when that setting does not exist or is not a whole number.
 */
public final class PasswordCheck {
    private static final Logger LOGGER = LoggerFactory.getLogger(PasswordCheck.class);

    public static final String FUNCTION = "Check";
    public static final String MIN_LENGTH_SETTING = "MinPasswordLength";
    /** The most bytes of a script's reason a refusal passes on; the rest is cut. */
    static final int REASON_LENGTH = 200;

    private static final Optional<String> NO_REFUSAL = Optional.empty();

    private final LuaEngine engine;
    private final ScriptCaller caller;
    private final String script;

    @Inject
    public PasswordCheck(LuaEngine engine, ScriptCallers callers) {
        this(engine, callers, "PASSWORDCHECK.LUA");
    }

    public PasswordCheck(LuaEngine engine, ScriptCallers callers, String script) {
        this.engine = engine;
        this.caller = callers.shared(OnScriptError.PASS);
        this.script = script;
    }

    /**
     * Why the user may not set this password ({@code refused by PASSWORDCHECK.LUA}, then the reason in brackets when
     * there is one), with the minimum length of {@value #MIN_LENGTH_SETTING}; empty when the user may.
     */
    public Optional<String> refusal(String user, String password) {
        return refusal(user, password, minLength());
    }

    public Optional<String> refusal(String user, String password, int minLength) {
        if (password.codePointCount(0, password.length()) < minLength) {
            return Optional.of("refused by " + script + " (shorter than the minimum of " + minLength + " characters)");
        }
        try (ScriptInstance instance = engine.newInstance(script)) {
            return caller.call(
                            instance,
                            FUNCTION,
                            LuaValue.varargsOf(
                                    LuaValue.valueOf(user), LuaValue.valueOf(password), LuaValue.valueOf(minLength)),
                            values -> {
                                if (!values.arg1().isboolean()) {
                                    throw BadReturn.wrongType("the answer", "a boolean", values.arg1());
                                }
                                return values.arg1().toboolean() ? NO_REFUSAL : reason(values.arg(2));
                            })
                    .orElse(NO_REFUSAL);
        }
    }

    // the script's own words, one line of at most REASON_LENGTH bytes of it whatever it returned
    private Optional<String> reason(LuaValue given) {
        if (!given.isstring() || given.checkstring().length() == 0) {
            return Optional.of("refused by " + script);
        }
        LuaString text = given.checkstring();
        String words = text.length() > REASON_LENGTH
                ? LuaValues.string(text.substring(0, cut(text)), "the reason", "") + "..."
                : LuaValues.string(text, "the reason", "");
        return Optional.of("refused by " + script + " (" + LogText.escape(words) + ")");
    }

    // REASON_LENGTH, or less so as not to cut a UTF-8 character in two: its bytes after the first are 10xxxxxx, and
    // at most three follow it. A cut one read as Windows-1252 turned the whole reason into mojibake
    private static int cut(LuaString text) {
        int cut = REASON_LENGTH;
        for (int back = 0; back < 3 && (text.luaByte(cut) & 0xc0) == 0x80; back++) {
            cut--;
        }
        return (text.luaByte(cut) & 0xc0) == 0x80 ? REASON_LENGTH : cut;
    }

    private int minLength() {
        Optional<String> value = engine.host().settings().get(MIN_LENGTH_SETTING);
        try {
            return value.map(text -> Math.max(0, Integer.parseInt(text.strip())))
                    .orElse(0);
        } catch (NumberFormatException e) {
            LOGGER.warn(
                    "Setting {} is not a whole number ('{}'): no minimum password length",
                    MIN_LENGTH_SETTING,
                    LogText.escape(value.get()));
            return 0;
        }
    }
}
