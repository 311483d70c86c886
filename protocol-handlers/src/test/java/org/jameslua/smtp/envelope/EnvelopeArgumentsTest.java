package org.jameslua.smtp.envelope;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;

class EnvelopeArgumentsTest {

    @Test
    void dataIsWhatFollowsTheColon() {
        assertThat(EnvelopeArguments.data("FROM:<a@b.example> SIZE=10")).isEqualTo("<a@b.example> SIZE=10");
        assertThat(EnvelopeArguments.data("TO: <a@b.example>")).isEqualTo("<a@b.example>");
        assertThat(EnvelopeArguments.data("")).isEmpty();
    }

    @Test
    void parametersFollowTheAddressKeyedInUpperCase() {
        LuaTable parameters = EnvelopeArguments.parameters("<a@b.example> size=10 BODY=8BITMIME SMTPUTF8");

        assertThat(parameters.get("SIZE").tojstring()).isEqualTo("10");
        assertThat(parameters.get("BODY").tojstring()).isEqualTo("8BITMIME");
        assertThat(parameters.get("SMTPUTF8").tojstring()).isEmpty();
        assertThat(EnvelopeArguments.parameters("<>").next(LuaValue.NIL).arg1().isnil())
                .isTrue();
        assertThat(EnvelopeArguments.parameters("a@b.example X=1").get("X").tojstring())
                .isEqualTo("1");
    }

    @Test
    void theParametersAreWhatFollowsTheAddressEvenOneWithSpacesOrWithoutBrackets() {
        LuaTable quoted = EnvelopeArguments.parameters("<\"john doe\"@example.org> SIZE=10");
        assertThat(keys(quoted)).containsExactly("SIZE");

        LuaTable bare = EnvelopeArguments.parameters("a@b.example X=1");
        assertThat(keys(bare)).containsExactly("X");
    }

    @Test
    void aParameterStartingWithItsEqualsSignIsANameWithoutValue() {
        LuaTable parameters = EnvelopeArguments.parameters("<a@b.example> =1");

        assertThat(keys(parameters)).containsExactly("=1");
        assertThat(parameters.get("=1").tojstring()).isEmpty();
    }

    private static List<String> keys(LuaTable table) {
        List<String> keys = new ArrayList<>();
        for (LuaValue key = table.next(LuaValue.NIL).arg1();
                !key.isnil();
                key = table.next(key).arg1()) {
            keys.add(key.tojstring());
        }
        return keys;
    }
}
