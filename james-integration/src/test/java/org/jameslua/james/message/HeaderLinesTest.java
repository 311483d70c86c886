package org.jameslua.james.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.jameslua.james.script.BadReturn;
import org.junit.jupiter.api.Test;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;

class HeaderLinesTest {

    @Test
    void readsHeaderLinesWithFoldedContinuations() throws BadReturn {
        assertThat(HeaderLines.parse("X-A: 1\r\nX-B: two\r\n\tfolded\n"))
                .containsExactly("X-A: 1", "X-B: two", "\tfolded");
        assertThat(HeaderLines.parse("")).isEmpty();
    }

    @Test
    void readsATableOfLines() throws BadReturn {
        LuaTable table = LuaValue.listOf(
                new LuaValue[] {LuaValue.valueOf("X-A: 1"), LuaValue.valueOf(""), LuaValue.valueOf("X-B: 2")});

        assertThat(HeaderLines.parse(table, "headers")).containsExactly("X-A: 1", "X-B: 2");
        assertThatThrownBy(() -> HeaderLines.parse(LuaValue.listOf(new LuaValue[] {LuaValue.valueOf(3)}), "headers"))
                .hasMessageContaining("headers[1] must be a string");
        assertThatThrownBy(() -> HeaderLines.parse(LuaValue.TRUE, "headers")).hasMessageContaining("not boolean");
    }

    @Test
    void readsATableRawSoNoScriptMetamethodRunsOutsideTheScriptsBudget() throws BadReturn {
        LuaTable table = LuaValue.listOf(new LuaValue[] {LuaValue.valueOf("X-A: 1")});
        LuaValue forever = new org.luaj.vm2.lib.VarArgFunction() {
            @Override
            public org.luaj.vm2.Varargs invoke(org.luaj.vm2.Varargs args) {
                throw new AssertionError("a metamethod ran in host code");
            }
        };
        LuaTable metatable = new LuaTable();
        metatable.set(LuaValue.INDEX, forever);
        metatable.set(LuaValue.LEN, forever);
        table.setmetatable(metatable);

        assertThat(HeaderLines.parse(table, "headers")).containsExactly("X-A: 1");
    }

    /** Scripts write lines as "X-A: 1\r\n" (DoDATAStart's string takes them so): the line end closing an entry goes. */
    @Test
    void readsEntriesEndingInALineEnd() throws BadReturn {
        assertThat(HeaderLines.entries(List.of("X-A: 1\r\n", "X-B: 2\n", "X-C: 3", "\tfolded\r\n")))
                .containsExactly("X-A: 1", "X-B: 2", "X-C: 3", "\tfolded");
        assertThatThrownBy(() -> HeaderLines.entries(List.of("X-A: 1\r\n\r\n"))).hasMessageContaining("line break");
        assertThatThrownBy(() -> HeaderLines.entries(List.of("\r\n"))).hasMessageContaining("empty header line");
    }

    @Test
    void refusesWhatWouldNotStayAHeaderLine() {
        assertThatThrownBy(() -> HeaderLines.parse("no colon here")).hasMessageContaining("not a header line");
        assertThatThrownBy(() -> HeaderLines.parse(": empty name")).hasMessageContaining("not a header line");
        assertThatThrownBy(() -> HeaderLines.parse("Bad Name: x")).hasMessageContaining("spaces");
        assertThatThrownBy(() -> HeaderLines.parse(".X: dot")).hasMessageContaining("dot");
        assertThatThrownBy(() -> HeaderLines.parse("X-A: 1\r\n\r\nbody")).hasMessageContaining("empty header line");
        assertThatThrownBy(() -> HeaderLines.parse(" starts folded")).hasMessageContaining("continuation");
        assertThatThrownBy(() -> HeaderLines.parse("X-A: 1\r\n   ")).hasMessageContaining("blanks");
        assertThatThrownBy(() -> HeaderLines.parse("X-A: a\rBcc: b")).hasMessageContaining("lone CR");
        assertThatThrownBy(() -> HeaderLines.parse("X-A: caf\u00e9")).hasMessageContaining("U+00E9");
        assertThatThrownBy(() -> HeaderLines.entries(List.of("X-A: a\r\nBcc: b")))
                .hasMessageContaining("line break");
        assertThatThrownBy(() -> HeaderLines.parse("X-A: " + "x".repeat(HeaderLines.MAX_LINE_LENGTH)))
                .hasMessageContaining("characters");
    }

    /** Each bound at its edge: the most a header may hold passes whole, one more is refused. */
    @Test
    void theBoundsHoldAtTheirEdges() throws BadReturn {
        String longest = "X-A: " + "x".repeat(HeaderLines.MAX_LINE_LENGTH - 5);
        String most = (longest + "\r\n").repeat(HeaderLines.MAX_LINES);
        LuaTable mostAsOneEntry = LuaValue.listOf(new LuaValue[] {LuaValue.valueOf(most)});
        LuaTable mostAsEntries = new LuaTable();
        for (int i = 1; i <= HeaderLines.MAX_LINES; i++) {
            mostAsEntries.set(i, LuaValue.valueOf(longest));
        }

        assertThat(HeaderLines.parse(longest)).containsExactly(longest);
        assertThat(HeaderLines.parse(most)).hasSize(HeaderLines.MAX_LINES);
        assertThat(HeaderLines.parse(mostAsOneEntry, "headers")).hasSize(HeaderLines.MAX_LINES);
        assertThat(HeaderLines.parse(mostAsEntries, "headers")).hasSize(HeaderLines.MAX_LINES);
        assertThat(HeaderLines.parse("X~A: ~")).containsExactly("X~A: ~");

        assertThatThrownBy(() -> HeaderLines.parse(longest + "x")).hasMessageContaining("999 characters");
        assertThatThrownBy(() -> HeaderLines.parse(most + "X-B: 1"))
                .hasMessageContaining("header text of 100006 characters");
        assertThatThrownBy(() -> HeaderLines.parse(
                        LuaValue.listOf(new LuaValue[] {LuaValue.valueOf(most + "X-B: 1")}), "headers"))
                .hasMessageContaining("header text of 100006 characters");
        mostAsEntries.set(HeaderLines.MAX_LINES + 1, LuaValue.valueOf("X-B: 1"));
        assertThatThrownBy(() -> HeaderLines.parse(mostAsEntries, "headers"))
                .hasMessageContaining("more than 100 header lines");
        assertThatThrownBy(() -> HeaderLines.parse("X-A: \u007f")).hasMessageContaining("U+007F");
        assertThatThrownBy(() -> HeaderLines.parse("X\u007fA: 1")).hasMessageContaining("U+007F");
    }
}
