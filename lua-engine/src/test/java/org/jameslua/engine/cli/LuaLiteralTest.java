package org.jameslua.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.luaj.vm2.LuaValue;

class LuaLiteralTest {

    @Test
    void readsNumbersBooleansNilAndQuotedStrings() {
        assertThat(LuaLiteral.read("6")).isEqualTo(LuaValue.valueOf(6));
        assertThat(LuaLiteral.read("-2.5")).isEqualTo(LuaValue.valueOf(-2.5));
        assertThat(LuaLiteral.read("0x10")).isEqualTo(LuaValue.valueOf(16));
        assertThat(LuaLiteral.read("1e-3")).isEqualTo(LuaValue.valueOf(0.001));
        assertThat(LuaLiteral.read("true")).isEqualTo(LuaValue.TRUE);
        assertThat(LuaLiteral.read("false")).isEqualTo(LuaValue.FALSE);
        assertThat(LuaLiteral.read("nil").isnil()).isTrue();
        assertThat(LuaLiteral.read("\"6\"")).isEqualTo(LuaValue.valueOf("6"));
        assertThat(LuaLiteral.read("'a\\tb\\\"c\\65'").tojstring()).isEqualTo("a\tb\"cA");
        assertThat(LuaLiteral.read("'\\255'").rawlen()).isEqualTo(1);
        assertThat(LuaLiteral.read("'é'").rawlen()).isEqualTo(2);
    }

    @Test
    void anythingElseIsTheArgumentAsAString() {
        for (String text : new String[] {
            "bob",
            "Abcdef12",
            "client.example",
            "192.168.1.1",
            "-x",
            "--safety",
            "",
            "6x",
            "0x",
            "1e",
            "0x.p1",
            "\"open",
            "'a' 'b'",
            "[[long]]",
            "True",
            "{1, 2",
            "{1 2}",
            "{[nil] = 1}",
            "a@b"
        }) {
            LuaValue value = LuaLiteral.read(text);
            assertThat(value.type()).as(text).isEqualTo(LuaValue.TSTRING);
            assertThat(value.tojstring()).isEqualTo(text);
        }
    }

    @Test
    void readsTableConstructors() {
        assertThat(LuaValueText.of(LuaLiteral.read("{\"a@x\", \"b@y\"}"))).isEqualTo("{\"a@x\", \"b@y\"}");
        assertThat(LuaValueText.of(LuaLiteral.read(" { 1; n = 2, [\"a b\"] = {true, false}, [10] = nil, } ")))
                .isEqualTo("{1, [\"a b\"] = {true, false}, n = 2}");
        assertThat(LuaValueText.of(LuaLiteral.read("{}"))).isEqualTo("{}");
    }

    @Test
    void runsNothingInAnArgument() {
        for (String text : new String[] {
            "{os.exit()}", "{(\"x\"):rep(1e9)}", "{print 'hi'}", "{x}", "{function() end}", "{1 + 1}", "os.exit(1)"
        }) {
            assertThat(LuaLiteral.read(text)).as(text).isEqualTo(LuaValue.valueOf(text));
        }
    }

    @Test
    void tablesNestOnlySoDeep() {
        String deep = "{".repeat(LuaLiteral.MAX_DEPTH) + "}".repeat(LuaLiteral.MAX_DEPTH);
        String tooDeep = "{".repeat(100_000) + "}".repeat(100_000);

        assertThat(LuaLiteral.read(deep).istable()).isTrue();
        assertThat(LuaLiteral.read("{" + deep + "}")).isEqualTo(LuaValue.valueOf("{" + deep + "}"));
        assertThat(LuaLiteral.read(tooDeep).isstring()).isTrue();
    }
}
