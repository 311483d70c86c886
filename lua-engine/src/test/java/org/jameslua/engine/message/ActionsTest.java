package org.jameslua.engine.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.jse.JsePlatform;

class ActionsTest {
    private final Globals lua = JsePlatform.standardGlobals();

    @Test
    void aScriptChangesOnlyTheFieldsItSets() {
        LuaValue script = lua.load("local a = ... a.Ignore = true a.HeaderModifiers = {'X-Scanned: yes'} return a");

        Actions result = Actions.fromLua(script.call(Actions.forSmtp().toLua()), Actions.forSmtp());

        assertFields(result, true, true, true, "", List.of(), List.of("X-Scanned: yes"));
    }

    @Test
    void theTableAScriptIsGivenHoldsEveryFieldOfTheManual() {
        LuaValue read = lua.load("local a = ... return a.SendToOriginalRecipients, a.Delete, a.Ignore, a.Reason,"
                + " #a.Recipients, a.Recipients[1], #a.HeaderModifiers, a.HeaderModifiers[1]");
        Actions current = new Actions(false, true, true, "why", List.of("b@example.com"), List.of("X-A: 1"));

        Varargs smtp = read.invoke(Actions.forSmtp().toLua());
        Varargs download = read.invoke(Actions.forDownload().toLua());
        Varargs given = read.invoke(current.toLua());

        assertThat(List.of(smtp.arg(1), smtp.arg(2), smtp.arg(3), smtp.arg(4), smtp.arg(5), smtp.arg(7)))
                .containsExactly(
                        LuaValue.TRUE,
                        LuaValue.TRUE,
                        LuaValue.FALSE,
                        LuaValue.valueOf(""),
                        LuaValue.ZERO,
                        LuaValue.ZERO);
        assertThat(download.arg(2)).as("Delete: left on the POP3 server").isEqualTo(LuaValue.FALSE);
        assertThat(download.arg(1)).isEqualTo(LuaValue.TRUE);
        assertThat(download.arg(3)).isEqualTo(LuaValue.FALSE);
        assertThat(given.arg(1)).isEqualTo(LuaValue.FALSE);
        assertThat(given.arg(3)).isEqualTo(LuaValue.TRUE);
        assertThat(given.arg(4).tojstring()).isEqualTo("why");
        assertThat(given.arg(6).tojstring()).isEqualTo("b@example.com");
        assertThat(given.arg(8).tojstring()).isEqualTo("X-A: 1");
    }

    @Test
    void fieldsAScriptLeavesOutKeepTheirValuesAndFieldsItSetsTakeItsOwn() {
        Actions current = new Actions(false, true, true, "why", List.of("b@example.com"), List.of("X-A: 1"));
        Actions opposite = new Actions(true, false, false, "", List.of(), List.of());

        Actions untouched = Actions.fromLua(lua.load("return {}").call(), current);
        Actions changed = Actions.fromLua(
                lua.load("return {SendToOriginalRecipients = true, Delete = false, Ignore = false, Reason = 'spam',"
                                + " Recipients = {'c@example.com'}, HeaderModifiers = {'X-B: 2'}}")
                        .call(),
                current);
        Actions changedBack = Actions.fromLua(
                lua.load("return {SendToOriginalRecipients = false, Delete = true, Ignore = true, Reason = 7}")
                        .call(),
                opposite);

        assertFields(untouched, false, true, true, "why", List.of("b@example.com"), List.of("X-A: 1"));
        assertFields(changed, true, false, false, "spam", List.of("c@example.com"), List.of("X-B: 2"));
        assertFields(changedBack, false, true, true, "7", List.of(), List.of());
    }

    @Test
    void recipientsAndHeaderLinesAreTakenUpToTheirBounds() {
        LuaValue many = lua.load("local n, size = ... local t = {} for i = 1, n do t[i] = string.rep('h', size) end"
                + " return {Recipients = t, HeaderModifiers = {string.rep('x', size)}}");

        Actions most = Actions.fromLua(
                many.invoke(LuaValue.valueOf(Actions.MAX_ITEMS), LuaValue.valueOf(Actions.MAX_ITEM_LENGTH))
                        .arg1(),
                Actions.forSmtp());

        assertThat(most.recipients()).hasSize(Actions.MAX_ITEMS);
        assertThat(most.headerModifiers()).singleElement().asString().hasSize(Actions.MAX_ITEM_LENGTH);
        assertThatThrownBy(() -> Actions.fromLua(
                        many.invoke(LuaValue.valueOf(Actions.MAX_ITEMS + 1), LuaValue.ONE)
                                .arg1(),
                        Actions.forSmtp()))
                .hasMessage("actions.Recipients holds 1001 items (at most 1000)");
        assertThatThrownBy(() -> Actions.fromLua(
                        many.invoke(LuaValue.ONE, LuaValue.valueOf(Actions.MAX_ITEM_LENGTH + 1))
                                .arg1(),
                        Actions.forSmtp()))
                .hasMessage("actions.Recipients[1] is 999 bytes long (at most 998)");
    }

    /** Field by field, so that what is compared does not hang on Actions.equals. */
    private static void assertFields(
            Actions actions,
            boolean sendToOriginalRecipients,
            boolean delete,
            boolean ignore,
            String reason,
            List<String> recipients,
            List<String> headerModifiers) {
        assertThat(actions.sendToOriginalRecipients())
                .as("SendToOriginalRecipients")
                .isEqualTo(sendToOriginalRecipients);
        assertThat(actions.delete()).as("Delete").isEqualTo(delete);
        assertThat(actions.ignore()).as("Ignore").isEqualTo(ignore);
        assertThat(actions.reason()).as("Reason").isEqualTo(reason);
        assertThat(actions.recipients()).as("Recipients").isEqualTo(recipients);
        assertThat(actions.headerModifiers()).as("HeaderModifiers").isEqualTo(headerModifiers);
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
