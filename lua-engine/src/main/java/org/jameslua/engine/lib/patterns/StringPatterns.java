package org.jameslua.engine.lib.patterns;

import org.jameslua.engine.lib.Budget;
import org.jameslua.engine.lib.CIntegers;
import org.jameslua.engine.lib.Functions;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * Lua 5.2's {@code string.find}, {@code string.match}, {@code string.gmatch} and {@code string.gsub} for one
 * instance, in place of LuaJ's: the same results, but every search is metered against the instance's
 * {@link Budget}, so a pathological pattern ends at the call's time limit and {@code gsub} at its string limit.
 */
public final class StringPatterns {
    /** Without any of these a pattern matches only itself, and find searches for it as plain text. */
    private static final String SPECIALS = "^$*+?.([%-";

    private static final LuaString FIND = LuaValue.valueOf("find");
    private static final LuaString MATCH = LuaValue.valueOf("match");
    private static final LuaString GMATCH = LuaValue.valueOf("gmatch");
    private static final LuaString GSUB = LuaValue.valueOf("gsub");

    private final Budget budget;

    private StringPatterns(Budget budget) {
        this.budget = budget;
    }

    /** Puts the four functions, bound to this budget, into an instance's {@code string} table. */
    public static void install(LuaTable string, Budget budget) {
        StringPatterns patterns = new StringPatterns(budget);
        string.rawset(FIND, Functions.of("find", patterns, (p, args) -> p.find(args, true)));
        string.rawset(MATCH, Functions.of("match", patterns, (p, args) -> p.find(args, false)));
        string.rawset(GMATCH, Functions.of("gmatch", patterns, StringPatterns::gmatch));
        string.rawset(
                GSUB,
                Functions.of(
                        "gsub", patterns, (p, args) -> new Substitution(args, new Steps(p.budget), p.budget).run()));
    }

    /** find gives the match's start and end then its captures; match gives the captures (or the whole match). */
    private Varargs find(Varargs args, boolean positions) {
        LuaString subject = args.checkstring(1);
        LuaString pattern = args.checkstring(2);
        long init = startOffset(CIntegers.optional(args, 3, 1), subject.length());
        if (init > subject.length()) {
            return LuaValue.NIL;
        }
        Steps steps = new Steps(budget);
        if (positions && (args.arg(4).toboolean() || !hasSpecials(pattern))) {
            int at = PlainSearch.indexOf(subject, pattern, (int) init, steps);
            return at < 0
                    ? LuaValue.NIL
                    : LuaValue.varargsOf(LuaValue.valueOf(at + 1), LuaValue.valueOf(at + pattern.length()));
        }
        PatternMatcher matcher = new PatternMatcher(subject, pattern, steps);
        boolean anchored = matcher.isAnchored();
        int patternFrom = anchored ? 1 : 0;
        int at = (int) init;
        do {
            int end = matcher.matchAt(at, patternFrom);
            if (end != PatternMatcher.NO_MATCH) {
                return positions
                        ? LuaValue.varargsOf(
                                LuaValue.valueOf(at + 1), LuaValue.valueOf(end), matcher.captures(at, end, false))
                        : matcher.captures(at, end, true);
            }
        } while (at++ < subject.length() && !anchored);
        return LuaValue.NIL;
    }

    /** An iterator over the matches; as in 5.2, a leading '^' is not an anchor here but an ordinary byte. */
    private Varargs gmatch(Varargs args) {
        LuaString subject = args.checkstring(1);
        LuaString pattern = args.checkstring(2);
        return new Matches(subject, pattern, new Steps(budget));
    }

    /** The 0-based offset that a 1-based, possibly negative {@code init} names, clamped to the subject's start. */
    private static long startOffset(long init, int length) {
        long position = init >= 0 ? init : -init > length ? 0 : length + init + 1;
        return Math.max(position, 1) - 1;
    }

    private static boolean hasSpecials(LuaString pattern) {
        for (int i = 0; i < pattern.length(); i++) {
            if (SPECIALS.indexOf(pattern.luaByte(i)) >= 0) {
                return true;
            }
        }
        return false;
    }

    /** A gmatch iterator; it keeps its subject and pattern for as long as the script keeps it. */
    public static final class Matches extends VarArgFunction {
        private final LuaString subject;
        private final LuaString pattern;
        private final PatternMatcher matcher;
        private int next;

        Matches(LuaString subject, LuaString pattern, Steps steps) {
            this.subject = subject;
            this.pattern = pattern;
            this.matcher = new PatternMatcher(subject, pattern, steps);
            this.name = "gmatch iterator";
        }

        /** The subject and pattern it keeps, for measuring what an instance keeps between calls. */
        public Varargs kept() {
            return LuaValue.varargsOf(subject, pattern);
        }

        @Override
        public Varargs invoke(Varargs args) {
            for (int at = next; at <= matcher.subjectLength(); at++) {
                int end = matcher.matchAt(at, 0);
                if (end != PatternMatcher.NO_MATCH) {
                    // An empty match moves on by one byte, or the iterator would return it forever.
                    next = end == at ? end + 1 : end;
                    return matcher.captures(at, end, true);
                }
            }
            next = matcher.subjectLength() + 1;
            return LuaValue.NONE;
        }
    }
}
