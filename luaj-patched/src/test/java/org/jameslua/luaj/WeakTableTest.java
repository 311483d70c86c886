package org.jameslua.luaj;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * A weak-valued table whose value the JVM collected keeps the value's key for {@code next} and for stores, as a Lua
 * 5.2 node keeps it until the next rehash. A script sees this when a {@code pairs} loop over a cache runs across a
 * collection; the JVM collects when it will, so these tests collect the value themselves.
 */
class WeakTableTest {
    private static final LuaValue KEY = LuaValue.valueOf("k");

    /**
     * A weak-valued table holding "kept" and four more strings (held strongly), and under KEY a collected table:
     * six keys in eight hash slots, so that a store under KEY finds room without a rehash.
     */
    private static LuaTable withCollectedValue() {
        LuaTable weak = new LuaTable();
        weak.setmetatable(LuaValue.tableOf(new LuaValue[] {LuaValue.valueOf("__mode"), LuaValue.valueOf("v")}));
        for (String key : new String[] {"kept", "a", "b", "c", "d"}) {
            weak.set(key, LuaValue.valueOf("string"));
        }
        WeakReference<LuaTable> probe = storeCollectable(weak);
        for (int i = 0; i < 100 && probe.get() != null; i++) {
            System.gc();
        }
        assertThat(probe.get()).as("the JVM collected the value").isNull();
        return weak;
    }

    private static WeakReference<LuaTable> storeCollectable(LuaTable weak) {
        LuaTable value = new LuaTable();
        weak.set(KEY, value);
        return new WeakReference<>(value);
    }

    /** The keys next gives, up to 10: a table whose next comes back to a key does not hang the test. */
    private static List<String> keys(LuaTable table) {
        List<String> keys = new ArrayList<>();
        LuaValue key = LuaValue.NIL;
        while (keys.size() < 10) {
            Varargs entry = table.next(key);
            key = entry.arg1();
            if (key.isnil()) {
                return keys;
            }
            keys.add(key.tojstring());
        }
        return keys;
    }

    /**
     * A pairs loop that had reached KEY when its value was collected goes on, after the loop's body read the key
     * (it failed: invalid key to 'next').
     */
    @Test
    void nextGoesOnFromAKeyWhoseValueWasCollected() {
        LuaTable weak = withCollectedValue();

        assertThat(weak.get(KEY).isnil()).isTrue();
        Varargs after = weak.next(KEY);

        assertThat(List.of("kept", "a", "b", "c", "d", "nil"))
                .contains(after.arg1().tojstring());
        assertThat(keys(weak)).containsExactlyInAnyOrder("kept", "a", "b", "c", "d");
    }

    /** A store under the key: the key is traversed once, with its new value. */
    @Test
    void aStoreUnderAKeyWhoseValueWasCollectedReplacesIt() {
        LuaTable weak = withCollectedValue();

        weak.set(KEY, LuaValue.valueOf("again"));

        assertThat(keys(weak)).containsExactlyInAnyOrder("kept", "a", "b", "c", "d", "k");
        assertThat(weak.get(KEY).tojstring()).isEqualTo("again");
        weak.set(KEY, LuaValue.NIL);
        assertThat(keys(weak)).containsExactlyInAnyOrder("kept", "a", "b", "c", "d");
    }
}
