package org.jameslua.mailets;

import javax.inject.Inject;

import org.jameslua.engine.LuaEngine;
import org.jameslua.engine.ScriptInstance;
import org.luaj.vm2.LuaValue;

/**
 * VPOP3's password validation script, {@code PASSWORDCHECK.LUA}: {@code Check(user, password, minLength)}
 * answers whether a user may set a password. For whatever part of James sets passwords (a webadmin filter, a
 * users repository decorator).
 *
 * <p>The minimum length is enforced here too, since a script may ignore its third argument: a password shorter
 * than {@code minLength} characters is refused without asking the script. Otherwise the script decides; when it
 * is missing, fails or answers anything but a boolean, the minimum length alone decides, as without a script
 * (the failure is in {@code LUAERRORS.LOG}; the password never is).
 */
public final class PasswordCheck {
    public static final String FUNCTION = "Check";

    private final LuaEngine engine;
    private final String script;

    @Inject
    public PasswordCheck(LuaEngine engine) {
        this(engine, "PASSWORDCHECK.LUA");
    }

    public PasswordCheck(LuaEngine engine, String script) {
        this.engine = engine;
        this.script = script;
    }

    public boolean check(String user, String password, int minLength) {
        if (password.codePointCount(0, password.length()) < minLength) {
            return false;
        }
        try (ScriptInstance instance = engine.newInstance(script)) {
            if (!instance.defines(FUNCTION)) {
                return true;
            }
            return Returns.read(instance, FUNCTION, instance.call(FUNCTION, LuaValue.valueOf(user),
                            LuaValue.valueOf(password), LuaValue.valueOf(minLength)),
                    values -> {
                        if (!values.arg1().isboolean()) {
                            throw BadReturn.wrongType("the answer", "a boolean", values.arg1());
                        }
                        return values.arg1().toboolean();
                    }).orElse(true);
        }
    }
}
