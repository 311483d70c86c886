package org.jameslua.engine.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.lib.jse.JsePlatform;

class ActionsTest {
    private final Globals lua = JsePlatform.standardGlobals();

    @Test
    void aScriptChangesOnlyTheFieldsItSets() {
        LuaValue script = lua.load("local a = ... a.Ignore = true a.HeaderModifiers = {'X-Scanned: yes'} return a");

        Actions result = Actions.fromLua(script.call(Actions.forSmtp().toLua()), Actions.forSmtp());

        assertThat(result).isEqualTo(new Actions(true, true, true, "", List.of(), List.of("X-Scanned: yes")));
    }

    @Test
    void wrongTypesAreReportedNotActedOn() {
        LuaValue returned = lua.load("return {Ignore = 'yes'}").call();

        assertThatThrownBy(() -> Actions.fromLua(returned, Actions.forSmtp()))
                .hasMessage("actions.Ignore must be a boolean, not string");
    }

    @Test
    void aMissingTableIsReported() {
        assertThatThrownBy(() -> Actions.fromLua(LuaValue.NIL, Actions.forSmtp()))
                .hasMessageContaining("must return the actions table");
    }
}
