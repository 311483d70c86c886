package org.jameslua.engine.lib.patterns;

import org.luaj.vm2.LuaString;

/** {@code string.find} with {@code plain} (or a pattern without magic characters): a byte-for-byte search. */
final class PlainSearch {
    private PlainSearch() {}

    /** The offset of the first occurrence of {@code needle} in {@code subject} at or after {@code from}, or -1. */
    static int indexOf(LuaString subject, LuaString needle, int from, Steps steps) {
        int length = needle.m_length;
        if (length == 0) {
            return from;
        }
        byte[] source = subject.m_bytes;
        byte[] wanted = needle.m_bytes;
        int base = subject.m_offset;
        int first = needle.m_offset;
        byte firstByte = wanted[first];
        int last = subject.m_length - length;
        for (int at = from; at <= last; at++) {
            if (source[base + at] != firstByte) {
                continue;
            }
            int i = 1;
            while (i < length && source[base + at + i] == wanted[first + i]) {
                i++;
            }
            if (i == length) {
                steps.add(at - from);
                return at;
            }
            steps.add(i);
        }
        // the bytes passed over count too: a loop of searches through megabytes ran seconds between looks
        steps.add(Math.max(0, last - from));
        return -1;
    }
}
