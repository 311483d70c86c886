package org.jameslua.engine.lib.patterns;

import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * Matches one Lua pattern against one subject, as the Lua 5.2 manual (§6.4.1) specifies, by backtracking
 * over the pattern's bytes. Positions are byte offsets from the subject's start; a match attempt gives the
 * offset where the match ends, or {@link #NO_MATCH}, and leaves its captures readable until the next attempt.
 *
 * <p>Recursion is bounded as in Lua ("pattern too complex" past 200 nested items) and the work is metered
 * by {@link Steps}, so neither a deep nor a slow pattern can hold the thread.
 */
final class PatternMatcher {
    static final int NO_MATCH = -1;
    static final int MAX_CAPTURES = 32;
    /** Lua's MAXCCALLS: how deeply items that need backtracking (captures, quantifiers) may nest. */
    private static final int MAX_DEPTH = 200;

    private static final int UNFINISHED = -1;
    private static final int POSITION = -2;

    private final LuaString subject;
    private final byte[] source;
    private final int sourceBase;
    private final int sourceLength;
    private final byte[] pattern;
    private final int patternBase;
    private final int patternLength;
    private final Steps steps;
    private final int[] captureStart = new int[MAX_CAPTURES];
    /** A capture's length, or {@link #UNFINISHED} while its ')' is not reached, or {@link #POSITION} for {@code ()}. */
    private final int[] captureLength = new int[MAX_CAPTURES];

    private int captures;
    private int depth;

    PatternMatcher(LuaString subject, LuaString pattern, Steps steps) {
        this.subject = subject;
        this.source = subject.m_bytes;
        this.sourceBase = subject.m_offset;
        this.sourceLength = subject.m_length;
        this.pattern = pattern.m_bytes;
        this.patternBase = pattern.m_offset;
        this.patternLength = pattern.m_length;
        this.steps = steps;
    }

    int subjectLength() {
        return sourceLength;
    }

    /** Whether the pattern starts with {@code ^}, which anchors it for find, match and gsub (not gmatch). */
    boolean isAnchored() {
        return patternLength > 0 && patternAt(0) == '^';
    }

    /** Tries to match the pattern from byte {@code patternFrom} on at subject offset {@code at}. */
    int matchAt(int at, int patternFrom) {
        captures = 0;
        depth = 0;
        return match(at, patternFrom);
    }

    /**
     * The captures of the last match from {@code start} to {@code end}; with none in the pattern, the whole
     * match if {@code wholeIfNone}, else nothing.
     */
    Varargs captures(int start, int end, boolean wholeIfNone) {
        int count = captures == 0 && wholeIfNone ? 1 : captures;
        switch (count) {
            case 0:
                return LuaValue.NONE;
            case 1:
                return capture(0, start, end);
            default:
                LuaValue[] values = new LuaValue[count];
                for (int i = 0; i < count; i++) {
                    values[i] = capture(i, start, end);
                }
                return LuaValue.varargsOf(values);
        }
    }

    /** Capture {@code index} (from 0) of the last match; the whole match stands for the first when there is none. */
    LuaValue capture(int index, int start, int end) {
        if (index >= captures) {
            if (index == 0) {
                return subject.substring(start, end);
            }
            throw new LuaError("invalid capture index");
        }
        int length = captureLength[index];
        if (length == UNFINISHED) {
            throw new LuaError("unfinished capture");
        }
        if (length == POSITION) {
            return LuaValue.valueOf(captureStart[index] + 1);
        }
        return subject.substring(captureStart[index], captureStart[index] + length);
    }

    private int match(int at, int patternFrom) {
        if (++depth > MAX_DEPTH) {
            throw new LuaError("pattern too complex");
        }
        int end = matchItems(at, patternFrom);
        depth--;
        return end;
    }

    /** Items that cannot backtrack are matched in this loop; the others recurse through {@link #match}. */
    private int matchItems(int s, int p) {
        while (true) {
            steps.add(1);
            if (p == patternLength) {
                return s;
            }
            switch (patternAt(p)) {
                case '(':
                    if (p + 1 < patternLength && patternAt(p + 1) == ')') {
                        return openCapture(s, p + 2, POSITION);
                    }
                    return openCapture(s, p + 1, UNFINISHED);
                case ')':
                    return closeCapture(s, p + 1);
                case '$':
                    if (p + 1 == patternLength) {
                        return s == sourceLength ? s : NO_MATCH;
                    }
                    break;
                case '%':
                    if (p + 1 == patternLength) {
                        break;
                    }
                    int escaped = patternAt(p + 1);
                    if (escaped == 'b') {
                        s = balanced(s, p + 2);
                        if (s == NO_MATCH) {
                            return NO_MATCH;
                        }
                        p += 4;
                        continue;
                    }
                    if (escaped == 'f') {
                        p += 2;
                        int setEnd = frontierSetEnd(p);
                        if (!atFrontier(s, p, setEnd - 1)) {
                            return NO_MATCH;
                        }
                        p = setEnd;
                        continue;
                    }
                    if (escaped >= '0' && escaped <= '9') {
                        s = backReference(s, escaped);
                        if (s == NO_MATCH) {
                            return NO_MATCH;
                        }
                        p += 2;
                        continue;
                    }
                    break;
                default:
                    break;
            }
            int classEnd = classEnd(p);
            int quantifier = classEnd < patternLength ? patternAt(classEnd) : -1;
            if (s >= sourceLength || !singleMatch(sourceAt(s), p, classEnd)) {
                if (quantifier == '*' || quantifier == '?' || quantifier == '-') {
                    p = classEnd + 1;
                    continue;
                }
                return NO_MATCH;
            }
            switch (quantifier) {
                case '?':
                    int end = match(s + 1, classEnd + 1);
                    if (end != NO_MATCH) {
                        return end;
                    }
                    p = classEnd + 1;
                    continue;
                case '+':
                    return longestFirst(s + 1, p, classEnd);
                case '*':
                    return longestFirst(s, p, classEnd);
                case '-':
                    return shortestFirst(s, p, classEnd);
                default:
                    s++;
                    p = classEnd;
            }
        }
    }

    /** {@code *} and {@code +}: take as many as the class allows, then give back one at a time. */
    private int longestFirst(int s, int p, int classEnd) {
        int count = 0;
        while (s + count < sourceLength && singleMatch(sourceAt(s + count), p, classEnd)) {
            count++;
        }
        steps.add(count);
        for (; count >= 0; count--) {
            int end = match(s + count, classEnd + 1);
            if (end != NO_MATCH) {
                return end;
            }
        }
        return NO_MATCH;
    }

    /** {@code -}: take one more only while the rest of the pattern does not match. */
    private int shortestFirst(int s, int p, int classEnd) {
        while (true) {
            int end = match(s, classEnd + 1);
            if (end != NO_MATCH) {
                return end;
            }
            if (s < sourceLength && singleMatch(sourceAt(s), p, classEnd)) {
                s++;
            } else {
                return NO_MATCH;
            }
        }
    }

    private int openCapture(int s, int p, int kind) {
        if (captures >= MAX_CAPTURES) {
            throw new LuaError("too many captures");
        }
        captureStart[captures] = s;
        captureLength[captures] = kind;
        captures++;
        int end = match(s, p);
        if (end == NO_MATCH) {
            captures--;
        }
        return end;
    }

    private int closeCapture(int s, int p) {
        int open = innermostOpenCapture();
        captureLength[open] = s - captureStart[open];
        int end = match(s, p);
        if (end == NO_MATCH) {
            captureLength[open] = UNFINISHED;
        }
        return end;
    }

    private int innermostOpenCapture() {
        for (int i = captures - 1; i >= 0; i--) {
            if (captureLength[i] == UNFINISHED) {
                return i;
            }
        }
        throw new LuaError("invalid pattern capture");
    }

    /**
     * {@code %1}..{@code %9}. A position capture has no text: as in Lua 5.2, a back-reference to one never
     * matches.
     */
    private int backReference(int s, int digit) {
        int index = digit - '1';
        if (index < 0 || index >= captures || captureLength[index] == UNFINISHED) {
            throw new LuaError("invalid capture index %" + (index + 1));
        }
        int length = captureLength[index];
        if (length == POSITION || sourceLength - s < length) {
            return NO_MATCH;
        }
        steps.add(length);
        int from = sourceBase + captureStart[index];
        int to = sourceBase + s;
        for (int i = 0; i < length; i++) {
            if (source[from + i] != source[to + i]) {
                return NO_MATCH;
            }
        }
        return s + length;
    }

    /** {@code %bxy} with {@code p} at x: from an x at {@code s} to the y that balances it. */
    private int balanced(int s, int p) {
        if (p + 1 >= patternLength) {
            throw new LuaError("malformed pattern (missing arguments to '%b')");
        }
        int open = patternAt(p);
        int close = patternAt(p + 1);
        if (s >= sourceLength || sourceAt(s) != open) {
            return NO_MATCH;
        }
        int start = s;
        int nesting = 1;
        while (++s < sourceLength) {
            int c = sourceAt(s);
            if (c == close) {
                if (--nesting == 0) {
                    steps.add(s - start);
                    return s + 1;
                }
            } else if (c == open) {
                nesting++;
            }
        }
        steps.add(s - start);
        return NO_MATCH;
    }

    private int frontierSetEnd(int p) {
        if (p >= patternLength || patternAt(p) != '[') {
            throw new LuaError("missing '[' after '%f' in pattern");
        }
        return classEnd(p);
    }

    /** {@code %f[set]}: the byte before is not in the set and the one at {@code s} is; both ends count as '\0'. */
    private boolean atFrontier(int s, int setStart, int setClose) {
        int previous = s == 0 ? 0 : sourceAt(s - 1);
        int current = s < sourceLength ? sourceAt(s) : 0;
        return !inSet(previous, setStart, setClose) && inSet(current, setStart, setClose);
    }

    /** Where the single-byte class starting at {@code p} ends: after {@code x}, {@code %x} or {@code [set]}. */
    private int classEnd(int p) {
        int first = patternAt(p++);
        if (first == '%') {
            if (p >= patternLength) {
                throw new LuaError("malformed pattern (ends with '%')");
            }
            return p + 1;
        }
        if (first == '[') {
            if (p < patternLength && patternAt(p) == '^') {
                p++;
            }
            // The first member is taken before looking for ']', so "[]]" and "[^]]" are sets holding ']'.
            do {
                if (p >= patternLength) {
                    throw new LuaError("malformed pattern (missing ']')");
                }
                if (patternAt(p++) == '%' && p < patternLength) {
                    p++;
                }
            } while (p >= patternLength || patternAt(p) != ']');
            return p + 1;
        }
        return p;
    }

    private boolean singleMatch(int c, int p, int classEnd) {
        int first = patternAt(p);
        switch (first) {
            case '.':
                return true;
            case '%':
                return CharacterClasses.matches(c, patternAt(p + 1));
            case '[':
                return inSet(c, p, classEnd - 1);
            default:
                return first == c;
        }
    }

    /** Whether {@code c} is in the set from '[' at {@code p} to ']' at {@code close}. */
    private boolean inSet(int c, int p, int close) {
        // a set may be as long as a string: a '*' over one on a long subject ran for minutes between looks at the time
        steps.read(close - p);
        boolean member = true;
        int at = p + 1;
        if (patternAt(at) == '^') {
            member = false;
            at++;
        }
        for (; at < close; at++) {
            int first = patternAt(at);
            if (first == '%') {
                at++;
                if (CharacterClasses.matches(c, patternAt(at))) {
                    return member;
                }
            } else if (patternAt(at + 1) == '-' && at + 2 < close) {
                if (first <= c && c <= patternAt(at + 2)) {
                    return member;
                }
                at += 2;
            } else if (first == c) {
                return member;
            }
        }
        return !member;
    }

    private int patternAt(int p) {
        return pattern[patternBase + p] & 0xff;
    }

    private int sourceAt(int s) {
        return source[sourceBase + s] & 0xff;
    }
}
