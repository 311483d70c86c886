package org.luaj.vm2;

/**
 * How a weak table's slot answers for its key once its value is collected: the key is still the table's, as in
 * Lua 5.2, where a collected value leaves its key in the node until the next rehash, so {@code next} finds it (a
 * {@code pairs} loop over a weak-valued cache whose values were collected while it ran failed with {@code invalid
 * key to 'next'}, and so did the engine's measuring of what a script keeps). The patched {@code WeakSlot.first}
 * and {@code keyeq} call these; LuaJ's forgot the key with the value, at the first look at the slot after it. A
 * store under the key drops the slot, as LuaJ's {@code add} drops dead slots. Lives in LuaJ's package to reach the
 * slots.
 */
final class WeakSlots {
    private WeakSlots() {}

    /** The live entry, or null; a slot whose key is collected lets go of both. */
    static LuaTable.StrongSlot first(WeakTable.WeakSlot slot) {
        LuaValue key = slot.strongkey();
        LuaValue value = slot.strongvalue();
        if (key != null && value != null) {
            return new LuaTable.NormalEntry(key, value);
        }
        if (key == null) {
            slot.key = null;
            slot.value = null;
        }
        return null;
    }

    static boolean keyeq(WeakTable.WeakSlot slot, LuaValue key) {
        LuaValue own = slot.strongkey();
        return own != null && key.raweq(own);
    }
}
