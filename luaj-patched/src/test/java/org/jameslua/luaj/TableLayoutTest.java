package org.jameslua.luaj;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LoadState;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.compiler.LuaC;
import org.luaj.vm2.lib.BaseLib;
import org.luaj.vm2.lib.PackageLib;
import org.luaj.vm2.lib.TableLib;

/**
 * The patched table layout ({@code TableLayout}: 5.2's array sizes, hash parts of one node, rehash) keeps every
 * key a script stored: random stores and deletions of integer, string and other keys, checked against a Java map
 * through {@code rawget}, {@code next} and the border. The borders themselves are 5.2's, which the conformance
 * suite's {@code border} area holds against Debian's lua5.2.
 */
class TableLayoutTest {
    @Test
    void randomStoresAndDeletionsKeepEveryKey() {
        Random random = new Random(20261206);
        for (int round = 0; round < 200; round++) {
            LuaTable table =
                    random.nextBoolean() ? new LuaTable() : new LuaTable(random.nextInt(20), random.nextInt(5));
            Map<LuaValue, LuaValue> expected = new HashMap<>();
            for (int step = 0; step < 400; step++) {
                LuaValue key = key(random);
                LuaValue value = random.nextInt(4) == 0 ? LuaValue.NIL : LuaValue.valueOf(step);
                table.rawset(key, value);
                if (value.isnil()) {
                    expected.remove(key);
                } else {
                    expected.put(key, value);
                }
            }
            expected.forEach((key, value) ->
                    assertThat(table.rawget(key)).as("t[%s]", key).isEqualTo(value));
            Map<LuaValue, LuaValue> iterated = new HashMap<>();
            for (Varargs entry = table.next(LuaValue.NIL); !entry.arg1().isnil(); entry = table.next(entry.arg1())) {
                iterated.put(entry.arg1(), entry.arg(2));
            }
            assertThat(iterated).isEqualTo(expected);
            int border = table.rawlen();
            assertThat(border == 0 || expected.containsKey(LuaValue.valueOf(border)))
                    .isTrue();
            assertThat(expected).doesNotContainKey(LuaValue.valueOf(border + 1));
        }
    }

    /**
     * A constructor with an integer key and a multiple-valued last item sizes its array part to the items before
     * setting them (5.2's OP_SETLIST): the keyed field, stored in the hash part before, must move into the array part
     * then. Left in the hash part behind the array slot of its key, it made {@code next} return to it for ever (a
     * {@code pairs} loop that never ended), as lua5.2 and unpatched LuaJ do not.
     */
    @Test
    void aConstructorsKeyedFieldsUnderItsListKeepOneEntryEach() {
        assertThat(run("local t = {[10] = 'x', table.unpack({1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})}"
                        + " return count(t) .. ' ' .. t[10] .. ' ' .. #t"))
                .isEqualTo("12 10 12");
        assertThat(
                        run(
                                "local function f(...) return {[3] = 'y', [5] = 'z', [40] = 'w', ...} end"
                                        + " local u = f(1, 2, 3, 4, 5, 6) return count(u) .. ' ' .. u[3] .. u[5] .. u[40] .. ' ' .. #u"))
                .isEqualTo("7 35w 6");
    }

    /**
     * A weak-valued table keeps an integer key whose value is collectable in a weak slot of its hash part, which
     * LuaJ's slots do not report as an array key: when the array part grew over it, the key stayed in the hash part,
     * hidden behind the array's empty slot ({@code t[10]} nil) and met again by {@code next} for ever. Lua 5.2 moves
     * it into the array part.
     */
    @Test
    void aWeakValuedTableKeepsIntegerKeysTheArrayPartGrowsOver() {
        assertThat(run("local keep = {} local t = setmetatable({}, {__mode = 'v'})"
                        + " local v10 = {} t[10] = v10"
                        + " for i = 1, 9 do keep[i] = {} t[i] = keep[i] end"
                        + " return tostring(t[10] == v10) .. ' ' .. count(t) .. ' ' .. tostring(t[3] == keep[3])"))
                .isEqualTo("true 10 true");
    }

    /**
     * A table whose {@code __mode} is taken away (or given) keeps its values as plain values: LuaJ left a weak
     * table's wrapped values in it, so reading one failed ({@code illegal operation 'typename' for weak value}), as
     * lua5.2 does not.
     */
    @Test
    void aTableKeepsItsValuesWhenItsWeakModeChanges() {
        assertThat(run("local keep = {} local t = setmetatable({}, {__mode = 'v'})"
                        + " for i = 1, 4 do keep[i] = {} t[i] = keep[i] end t.x = keep[1] t[20] = keep[2]"
                        + " setmetatable(t, nil)"
                        + " return type(t[1]) .. ' ' .. tostring(t[1] == keep[1]) .. ' ' .. type(t.x) .. ' '"
                        + " .. tostring(t[20] == keep[2]) .. ' ' .. count(t) .. ' ' .. #t"))
                .isEqualTo("table true table true 6 4");
        assertThat(run("local u = {} for i = 1, 4 do u[i] = {} end u.k = {} u[9] = {}"
                        + " setmetatable(u, {__mode = 'kv'}) setmetatable(u, {})"
                        + " return type(u[2]) .. ' ' .. type(u.k) .. ' ' .. type(u[9]) .. ' ' .. count(u)"))
                .isEqualTo("table table table 6");
    }

    /** Runs a chunk with Lua's base and table libraries and {@code count(t)}, the number of pairs, at most 1,000. */
    private static String run(String chunk) {
        Globals globals = new Globals();
        globals.load(new BaseLib());
        globals.load(new PackageLib());
        globals.load(new TableLib());
        LoadState.install(globals);
        LuaC.install(globals);
        globals.load("function count(t) local n = 0 for _ in pairs(t) do n = n + 1 if n == 1000 then break end end"
                        + " return n end")
                .call();
        return globals.load(chunk).call().tojstring();
    }

    private static LuaValue key(Random random) {
        switch (random.nextInt(6)) {
            case 0:
                return LuaValue.valueOf("k" + random.nextInt(30));
            case 1:
                return LuaValue.valueOf(random.nextInt(2000) - 100);
            case 2:
                return LuaValue.valueOf(random.nextInt(64) + 0.5);
            default:
                return LuaValue.valueOf(random.nextInt(70) + 1);
        }
    }
}
