package org.jameslua.luaj;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

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
