package org.jameslua.engine.lib.patterns;

import org.jameslua.engine.lib.Budget;
import org.jameslua.engine.lib.CIntegers;
import org.jameslua.engine.lib.CallBoundary;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * One call of {@code string.gsub(s, pattern, repl [, n])}: the result is built in a buffer that is held to
 * the instance's string length limit as it grows, so one call cannot build a string bigger than the limit.
 */
final class Substitution {
    private final LuaString subject;
    private final LuaValue replacement;
    /** The replacement as text when it is a string or a number, else null. */
    private final LuaString template;

    private final long maxReplacements;
    private final PatternMatcher matcher;
    private final Steps steps;
    private final ResultBuffer result;

    Substitution(Varargs args, Steps steps, Budget budget) {
        this.subject = args.checkstring(1);
        LuaString pattern = args.checkstring(2);
        this.replacement = args.arg(3);
        // Lua 5.2 reads the count before it checks the replacement's type
        long n = CIntegers.optional(args, 4, subject.length() + 1L);
        int type = replacement.type();
        if (type != LuaValue.TNUMBER
                && type != LuaValue.TSTRING
                && type != LuaValue.TFUNCTION
                && type != LuaValue.TTABLE) {
            LuaValue.argerror(3, "string/function/table expected");
        }
        this.template = type == LuaValue.TNUMBER || type == LuaValue.TSTRING ? replacement.strvalue() : null;
        // 5.2 reads n into an unsigned size: a negative n sets no limit at all.
        this.maxReplacements = n < 0 ? Long.MAX_VALUE : n;
        this.matcher = new PatternMatcher(subject, pattern, steps);
        this.steps = steps;
        this.result = new ResultBuffer(budget, subject.length());
    }

    Varargs run() {
        boolean anchored = matcher.isAnchored();
        int patternFrom = anchored ? 1 : 0;
        int at = 0;
        // Bytes between matches are kept, and copied in one go when the next match (or the end) comes.
        int keptFrom = 0;
        int count = 0;
        while (count < maxReplacements) {
            int end = matcher.matchAt(at, patternFrom);
            if (end != PatternMatcher.NO_MATCH) {
                count++;
                result.append(subject, keptFrom, at);
                replace(at, end);
                keptFrom = end;
            }
            if (end != PatternMatcher.NO_MATCH && end > at) {
                at = end;
            } else if (at < subject.length()) {
                at++;
            } else {
                break;
            }
            if (anchored) {
                break;
            }
        }
        result.append(subject, keptFrom, subject.length());
        return LuaValue.varargsOf(result.toLuaString(), LuaValue.valueOf(count));
    }

    private void replace(int start, int end) {
        if (template != null) {
            expandTemplate(start, end);
            return;
        }
        LuaValue value = replacement.isfunction()
                ? CallBoundary.invoke(replacement, matcher.captures(start, end, true))
                        .arg1()
                : CallBoundary.across(() -> replacement.get(matcher.capture(0, start, end)));
        if (!value.toboolean()) {
            result.append(subject, start, end);
        } else if (value.isstring()) {
            LuaString text = value.strvalue();
            result.append(text, 0, text.length());
        } else {
            throw new LuaError("invalid replacement value (a " + value.typename() + ")");
        }
    }

    /** A string replacement: {@code %0} is the match, {@code %1}..{@code %9} the captures, {@code %%} a '%'. */
    private void expandTemplate(int start, int end) {
        int length = template.length();
        // a long template read for each of many empty matches adds nothing to the result, yet takes seconds
        steps.read(length);
        int copiedTo = 0;
        for (int i = 0; i < length; i++) {
            if (template.luaByte(i) != '%') {
                continue;
            }
            result.append(template, copiedTo, i);
            i++;
            int escaped = i < length ? template.luaByte(i) : -1;
            if (escaped == '%') {
                result.append(template, i, i + 1);
            } else if (escaped == '0') {
                result.append(subject, start, end);
            } else if (escaped >= '1' && escaped <= '9') {
                LuaString capture = matcher.capture(escaped - '1', start, end).strvalue();
                result.append(capture, 0, capture.length());
            } else {
                throw new LuaError("invalid use of '%' in replacement string");
            }
            copiedTo = i + 1;
        }
        result.append(template, copiedTo, length);
    }
}
