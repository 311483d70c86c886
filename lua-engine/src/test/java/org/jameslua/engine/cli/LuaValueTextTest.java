package org.jameslua.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;

class LuaValueTextTest {

    @Test
    void showsPlainValuesAsLuaWouldPrintThem() {
        assertThat(LuaValueText.of(LuaValue.valueOf("a \"b\""))).isEqualTo("a \"b\"");
        assertThat(LuaValueText.of(LuaValue.valueOf(3))).isEqualTo("3");
        assertThat(LuaValueText.of(LuaValue.valueOf(2.5))).isEqualTo("2.5");
        assertThat(LuaValueText.of(LuaValue.NIL)).isEqualTo("nil");
        assertThat(LuaValueText.of(LuaValue.TRUE)).isEqualTo("true");
    }

    @Test
    void showsTablesAsConstructorsWithQuotedStringsAndCycles() {
        LuaTable table = new LuaTable();
        table.set(1, LuaValue.valueOf("line\none"));
        table.set(3, LuaValue.valueOf(3));
        table.set("zeta", LuaValue.FALSE);
        table.set("alpha", table);

        assertThat(LuaValueText.of(table)).isEqualTo("{\"line\\none\", [3] = 3, alpha = <cycle>, zeta = false}");
    }
}
