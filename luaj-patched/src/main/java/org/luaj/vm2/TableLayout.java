package org.luaj.vm2;

/**
 * Lays a table out in an array part and a hash part as Lua 5.2's {@code ltable.c} does, and finds its length
 * (a border) as 5.2's {@code luaH_getn}: {@code #t} of a table with holes is whatever border the layout gives,
 * so a script that takes the length of {@code {1, nil, 3}} or of a list it set an element of to nil sees what
 * Lua 5.2 shows it only if the array part has 5.2's size. The patched {@code LuaTable} calls these in place of
 * LuaJ's {@code rawlen}, {@code presize} and {@code rehash} (LuaJ rounded every array part up to a power of two,
 * kept at least two hash buckets, and searched for a border from 0 up), and the patched {@code OP_NEWTABLE}
 * sizes a constructor's table as 5.2 does. Lives in LuaJ's package to reach the table's parts.
 *
 * <p>What is not 5.2's: a hash node freed by setting a key to nil is free again here at once, where 5.2 keeps it
 * until the next rehash (or a key that falls on it), so a table whose keys come and go may rehash at other times
 * and so have another border.
 */
public final class TableLayout {
    /** 5.2's MAXBITS: the array part holds at most 2^30 elements. */
    private static final int MAX_BITS = 30;

    private static final LuaTable.Slot[] NO_SLOTS = {};

    private TableLayout() {}

    /**
     * The hash bucket of {@code key} among {@code mask + 1}: numbers, tables, functions, coroutines and userdata by
     * {@code hashmod}, strings and booleans by {@code hashpow2}. A weak table holds a key of the first kinds weakly,
     * and its slot, which may outlive the key, places it again when the table grows by {@code hashmod} of the hash
     * it kept: a lookup must look where it placed it (LuaJ looked for a function by {@code hashpow2}).
     */
    public static int hashSlot(LuaValue key, int mask) {
        switch (key.type()) {
            case LuaValue.TNUMBER:
            case LuaValue.TTABLE:
            case LuaValue.TFUNCTION:
            case LuaValue.TTHREAD:
            case LuaValue.TLIGHTUSERDATA:
            case LuaValue.TUSERDATA:
                return LuaTable.hashmod(key.hashCode(), mask);
            default:
                return LuaTable.hashpow2(key.hashCode(), mask);
        }
    }

    /** {@code luaH_getn}: a border in the array part if its last slot is empty, else from there on. */
    public static int border(LuaTable t) {
        int j = t.array.length;
        if (j > 0 && element(t, j).isnil()) {
            int i = 0;
            while (j - i > 1) {
                int m = (i + j) >>> 1;
                if (element(t, m).isnil()) {
                    j = m;
                } else {
                    i = m;
                }
            }
            return i;
        }
        return t.hashEntries == 0 ? j : unboundSearch(t, j);
    }

    private static LuaValue element(LuaTable t, int key) {
        LuaValue v = t.m_metatable == null ? t.array[key - 1] : t.m_metatable.arrayget(t.array, key - 1);
        return v == null ? LuaValue.NIL : v;
    }

    private static int unboundSearch(LuaTable t, int present) {
        long i = present;
        long j = i + 1;
        while (!t.rawget((int) j).isnil()) {
            i = j;
            j *= 2;
            if (j > Integer.MAX_VALUE) {
                // a table built to defeat the search: 5.2 counts from 1 then
                int k = 1;
                while (!t.rawget(k).isnil()) {
                    k++;
                }
                return k - 1;
            }
        }
        while (j - i > 1) {
            long m = (i + j) / 2;
            if (t.rawget((int) m).isnil()) {
                j = m;
            } else {
                i = m;
            }
        }
        return (int) i;
    }

    /** A new table's parts: {@code narray} array slots exactly, and the hash nodes 5.2 gives {@code nhash} keys. */
    public static void presize(LuaTable t, int narray, int nhash) {
        t.array = narray > 0 ? new LuaValue[narray] : LuaValue.NOVALS;
        t.hash = nhash > 0 ? new LuaTable.Slot[nodes(nhash)] : NO_SLOTS;
        t.hashEntries = 0;
    }

    /**
     * {@code luaH_resizearray} as {@code OP_SETLIST} calls it: the array part grows to exactly {@code narray}, the
     * hash part keeps its size, and its integer keys the array part now covers move into it (a constructor's
     * {@code [3] = x} before a multiple-valued last item): left in the hash part, behind their array slot, {@code next}
     * came back to them for ever.
     */
    public static void growArray(LuaTable t, int narray) {
        if (narray > t.array.length) {
            resize(t, narray, t.hash.length);
        }
    }

    /** 5.2's {@code luaO_fb2int}: the size a constructor's {@code OP_NEWTABLE} operand stands for. */
    public static int decodedSize(int fb) {
        int exponent = (fb >>> 3) & 0x1f;
        return exponent == 0 ? fb : ((fb & 7) + 8) << (exponent - 1);
    }

    /**
     * 5.2's {@code rehash} when a key finds no free hash node: the array part becomes the largest power of two
     * {@code n} such that more than {@code n/2} of the integer keys 1..n are present (the new key counted), and
     * the hash part holds the rest. {@code newKey} is LuaJ's: the positive integer key being added, a negative
     * number for any other key, 0 for none: the table's weak mode changed, which 5.2 lays nothing out again for,
     * but LuaJ's slots and array values must be made again ({@link #changeWeakness}).
     */
    public static void rehash(LuaTable t, int newKey) {
        if (newKey == 0) {
            changeWeakness(t);
            return;
        }
        Metatable meta = t.m_metatable;
        if (meta != null && meta.useWeakValues()) {
            for (int i = 0; i < t.array.length; i++) {
                meta.arrayget(t.array, i);
            }
        }
        int[] nums = new int[MAX_BITS + 1];
        int integerKeys = countArray(t, nums);
        int totalKeys = integerKeys;
        for (LuaTable.Slot bucket : t.hash) {
            for (LuaTable.Slot slot = bucket; slot != null; slot = slot.rest()) {
                if (slot.first() == null) {
                    continue;
                }
                totalKeys++;
                if (countInteger(arrayKey(slot, Integer.MAX_VALUE), nums)) {
                    integerKeys++;
                }
            }
        }
        if (newKey != 0) {
            totalKeys++;
            if (countInteger(newKey, nums)) {
                integerKeys++;
            }
        }
        int[] sizes = computeSizes(nums, integerKeys);
        resize(t, sizes[0], totalKeys - sizes[1]);
    }

    /**
     * The table's values and slots made again for its new weak mode, in parts of the same sizes: LuaJ keeps a weak
     * table's values in wrappers and slots of their own, which the table kept after {@code setmetatable} changed or
     * removed {@code __mode}, so {@code type(t[1])} of a table no longer weak failed with {@code illegal operation
     * 'typename' for weak value}, and a table made weak kept its values strongly.
     */
    private static void changeWeakness(LuaTable t) {
        Metatable meta = t.m_metatable;
        for (int i = 0; i < t.array.length; i++) {
            LuaValue v = t.array[i] == null ? null : t.array[i].strongvalue();
            t.array[i] = v == null ? null : meta == null ? v : meta.wrap(v);
        }
        LuaTable.Slot[] rebuilt = t.hash.length > 0 ? new LuaTable.Slot[t.hash.length] : NO_SLOTS;
        int mask = rebuilt.length - 1;
        int entries = 0;
        for (LuaTable.Slot bucket : t.hash) {
            for (LuaTable.Slot slot = bucket; slot != null; slot = slot.rest()) {
                LuaTable.StrongSlot live = slot.first();
                if (live == null) {
                    continue;
                }
                LuaTable.Slot entry = meta != null
                        ? meta.entry(live.key(), live.value())
                        : LuaTable.defaultEntry(live.key(), live.value());
                if (entry == null) {
                    continue;
                }
                int j = entry.keyindex(mask);
                rebuilt[j] = rebuilt[j] != null ? rebuilt[j].add(entry) : entry;
                entries++;
            }
        }
        t.hash = rebuilt;
        t.hashEntries = entries;
    }

    private static int countArray(LuaTable t, int[] nums) {
        int used = 0;
        int key = 1;
        for (int bit = 0, twoToBit = 1; bit <= MAX_BITS && key <= t.array.length; bit++, twoToBit <<= 1) {
            int limit = Math.min(twoToBit, t.array.length);
            int count = 0;
            for (; key <= limit; key++) {
                if (!element(t, key).isnil()) {
                    count++;
                }
            }
            nums[bit] += count;
            used += count;
        }
        return used;
    }

    private static boolean countInteger(int key, int[] nums) {
        if (key <= 0 || key > 1 << MAX_BITS) {
            return false;
        }
        nums[ceilLog2(key)]++;
        return true;
    }

    /** {@code computesizes}: the array part's size and how many keys go into it. */
    private static int[] computeSizes(int[] nums, int integerKeys) {
        int a = 0;
        int inArray = 0;
        int size = 0;
        for (int i = 0, twoToI = 1; i <= MAX_BITS && twoToI / 2 < integerKeys; i++, twoToI <<= 1) {
            if (nums[i] > 0) {
                a += nums[i];
                if (a > twoToI / 2) {
                    size = twoToI;
                    inArray = a;
                }
            }
            if (a == integerKeys) {
                break;
            }
        }
        return new int[] {size, inArray};
    }

    private static void resize(LuaTable t, int arraySize, int hashKeys) {
        LuaValue[] oldArray = t.array;
        LuaTable.Slot[] oldHash = t.hash;
        LuaValue[] newArray = oldArray;
        if (arraySize != oldArray.length) {
            newArray = arraySize > 0 ? new LuaValue[arraySize] : LuaValue.NOVALS;
            System.arraycopy(oldArray, 0, newArray, 0, Math.min(oldArray.length, arraySize));
        }
        LuaTable.Slot[] newHash = hashKeys > 0 ? new LuaTable.Slot[nodes(hashKeys)] : NO_SLOTS;
        int mask = newHash.length - 1;
        int entries = 0;
        for (LuaTable.Slot bucket : oldHash) {
            for (LuaTable.Slot slot = bucket; slot != null; slot = slot.rest()) {
                int k = arrayKey(slot, arraySize);
                if (k > 0) {
                    LuaTable.StrongSlot entry = slot.first();
                    if (entry != null) {
                        // a weak table's array holds its values as its own slots would
                        newArray[k - 1] = t.m_metatable == null ? entry.value() : t.m_metatable.wrap(entry.value());
                    }
                } else if (slot.first() != null) {
                    int j = slot.keyindex(mask);
                    newHash[j] = slot.relink(newHash[j]);
                    entries++;
                }
            }
        }
        for (int i = arraySize; i < oldArray.length; i++) {
            LuaValue v = oldArray[i];
            if (v == null) {
                continue;
            }
            LuaValue key = LuaInteger.valueOf(i + 1);
            LuaTable.Slot entry = t.m_metatable != null ? t.m_metatable.entry(key, v) : LuaTable.defaultEntry(key, v);
            if (entry == null) {
                continue;
            }
            int j = entry.keyindex(mask);
            newHash[j] = newHash[j] != null ? newHash[j].add(entry) : entry;
            entries++;
        }
        t.array = newArray;
        t.hash = newHash;
        t.hashEntries = entries;
    }

    /**
     * The slot's key when it is an integer from 1 to {@code max}, else 0. LuaJ's {@code arraykey} says 0 for every
     * slot of a weak table (a key whose value may be collected), integer key or not: such keys were neither counted
     * for the array part nor moved into it, and one the array part grew over was hidden behind its empty array slot
     * ({@code t[10]} nil, {@code next} returning to it for ever).
     */
    private static int arrayKey(LuaTable.Slot slot, int max) {
        int k = slot.arraykey(max);
        if (k > 0) {
            return k;
        }
        LuaTable.StrongSlot entry = slot.first();
        if (entry == null || !entry.key().isinttype()) {
            return 0;
        }
        int key = entry.key().toint();
        return key >= 1 && key <= max ? key : 0;
    }

    /** 5.2's {@code setnodevector}: a power of two at least {@code keys}. */
    private static int nodes(int keys) {
        return 1 << ceilLog2(keys);
    }

    private static int ceilLog2(int x) {
        return x <= 1 ? 0 : 32 - Integer.numberOfLeadingZeros(x - 1);
    }
}
