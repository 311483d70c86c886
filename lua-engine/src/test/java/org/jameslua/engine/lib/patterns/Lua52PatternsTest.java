package org.jameslua.engine.lib.patterns;

import static org.assertj.core.api.Assertions.assertThat;

import org.jameslua.engine.lib.CallWatchdog;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaValue;

/**
 * Where LuaJ 3.0.1 does not do what the Lua 5.2 manual (§6.4.1, string.find/match/gmatch/gsub) says, ours
 * does; and the messages of malformed patterns are Lua 5.2's.
 */
class Lua52PatternsTest {
    private static CallWatchdog watchdog;
    private static PatternCalls ours;

    @BeforeAll
    static void setUp() {
        watchdog = new CallWatchdog();
        ours = PatternCalls.ours(watchdog);
    }

    @AfterAll
    static void tearDown() {
        watchdog.close();
    }

    @Test
    void gmatchMovesOnAfterAnEmptyMatchAndTriesTheEndOfTheSubject() {
        assertThat(gmatch("abc", "")).isEqualTo("{\"\"}{\"\"}{\"\"}{\"\"}");
        assertThat(gmatch("ab", "b*")).isEqualTo("{\"\"}{\"b\"}{\"\"}");
        assertThat(gmatch("abc", "()")).isEqualTo("{1}{2}{3}{4}");
        assertThat(gmatch("ab", "$")).isEqualTo("{\"\"}");
        assertThat(gmatch("", "x*")).isEqualTo("{\"\"}");
    }

    @Test
    void gmatchTakesALeadingCaretLiterally() {
        assertThat(gmatch("^a^b", "^.")).isEqualTo("{\"^a\"}{\"^b\"}");
        assertThat(gmatch("ab", "^a")).isEmpty();
    }

    @Test
    void findAndMatchFindNothingWhenInitIsPastTheEnd() {
        assertThat(call("find", "abc", "", 4)).isEqualTo("4, 3");
        assertThat(call("find", "abc", "", 5)).isEqualTo("nil");
        assertThat(call("find", "abc", "c", 10, true)).isEqualTo("nil");
        assertThat(call("match", "abc", ".*", 5)).isEqualTo("nil");
        assertThat(call("find", "abc", "b", -100)).isEqualTo("2, 2");
    }

    @Test
    void matchAcceptsTheEmptyPattern() {
        assertThat(call("match", "abc", "")).isEqualTo("\"\"");
        assertThat(call("match", "", "")).isEqualTo("\"\"");
    }

    @Test
    void aFrontierTreatsBothEndsOfTheSubjectAsZeroBytes() {
        assertThat(call("find", "THE (quick) fox", "%f[%a]%a+")).isEqualTo("1, 3");
        assertThat(call("gsub", "THE (quick) fox", "%f[%a]%a+", "<%0>")).isEqualTo("\"<THE> (<quick>) <fox>\", 3");
        assertThat(call("find", " c", "[%d%s]+%f[%a]")).isEqualTo("1, 1");
        assertThat(call("find", "ab", "%f[%z]")).isEqualTo("3, 2");
        assertThat(call("find", "ab", "%f[%a]")).isEqualTo("1, 0");
        assertThat(call("gsub", "hello world", "%f[%w]%w+", "X")).isEqualTo("\"X X\", 2");
        assertThat(call("find", "aXb", "%f[%u]")).isEqualTo("2, 1");
        assertThat(call("find", "a", "%f[^%z]")).isEqualTo("1, 0");
    }

    @Test
    void classesAreTheCLocalesOnBytes() {
        assertThat(members("%a")).isEqualTo(range('A', 'Z') + range('a', 'z'));
        assertThat(members("%c")).isEqualTo(range(0, 31) + "\u007f");
        assertThat(members("%d")).isEqualTo(range('0', '9'));
        assertThat(members("%g")).isEqualTo(range(33, 126));
        assertThat(members("%l")).isEqualTo(range('a', 'z'));
        assertThat(members("%p")).isEqualTo("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~");
        assertThat(members("%s")).isEqualTo("\t\n\u000b\f\r ");
        assertThat(members("%u")).isEqualTo(range('A', 'Z'));
        assertThat(members("%w")).isEqualTo(range('0', '9') + range('A', 'Z') + range('a', 'z'));
        assertThat(members("%x")).isEqualTo(range('0', '9') + range('A', 'F') + range('a', 'f'));
        assertThat(members("%z")).isEqualTo("\0");
        assertThat(members("%A")).isEqualTo(range(0, 64) + range(91, 96) + range(123, 255));
        assertThat(members("[%S]")).hasSize(256 - 6);
        assertThat(members("[^%P%d]")).isEqualTo(members("%p"));
        assertThat(members("[%d%u_]")).isEqualTo(range('0', '9') + range('A', 'Z') + "_");
        assertThat(members("%W")).contains("_", "\u00e9").doesNotContain("a", "0");
    }

    @Test
    void bytesAbove127MatchThemselvesAndRangesOfBytes() {
        LuaValue subject = LuaString.valueOf(new byte[] {'A', (byte) 0xe9, (byte) 0xff, 'b'});
        assertThat(call("find", subject, bytes(new byte[] {'[', (byte) 0x80, '-', (byte) 0xff, ']', '+'})))
                .isEqualTo("2, 3");
        assertThat(call("find", subject, bytes(new byte[] {(byte) 0xff}))).isEqualTo("3, 3");
        assertThat(call("find", subject, bytes(new byte[] {'[', '^', (byte) 0xe9, ']', '$'})))
                .isEqualTo("4, 4");
        assertThat(call("find", subject, "%A%A")).isEqualTo("2, 3");
    }

    @Test
    void aBackReferenceToAPositionCaptureNeverMatches() {
        assertThat(call("find", "aab", "()a%1")).isEqualTo("nil");
    }

    @Test
    void aPatternWithoutMagicCharactersIsFoundAsPlainText() {
        assertThat(call("find", "a)b", ")")).isEqualTo("2, 2");
        assertThat(call("match", "a)b", ")")).isEqualTo("error: invalid pattern capture");
    }

    @Test
    void gsubRefusesAnUnknownEscapeInTheReplacement() {
        assertThat(call("gsub", "abc", "%w", "%x")).isEqualTo("error: invalid use of '%' in replacement string");
        assertThat(call("gsub", "abc", "%w", "x%")).isEqualTo("error: invalid use of '%' in replacement string");
        assertThat(call("gsub", "abc", "z", "%x")).isEqualTo("\"abc\", 0");
        assertThat(call("gsub", "abc", "(b)", "%%%1%0")).isEqualTo("\"a%bbc\", 1");
        assertThat(call("gsub", "abc", "b", "%1")).isEqualTo("\"abc\", 1");
        assertThat(call("gsub", "abc", "b", "%2")).isEqualTo("error: invalid capture index");
        assertThat(call("gsub", "abc", "()b", "%1")).isEqualTo("\"a2c\", 1");
    }

    @Test
    void gsubTakesANegativeLimitAsNoLimitAs52Does() {
        assertThat(call("gsub", "abc", "%w", "x", -1)).isEqualTo("\"xxx\", 3");
        assertThat(call("gsub", "abc", "%w", "x", 0)).isEqualTo("\"abc\", 0");
    }

    @Test
    void gsubKeepsTheMatchWhenTheReplacementGivesFalseOrNil() {
        assertThat(call("gsub", "a b", "%a", LuaValue.tableOf())).isEqualTo("\"a b\", 2");
        assertThat(call("gsub", "a b", "%a", LuaValue.tableOf(new LuaValue[] {
                    LuaValue.valueOf("a"), LuaValue.FALSE, LuaValue.valueOf("b"), LuaValue.valueOf(2)
                })))
                .isEqualTo("\"a 2\", 2");
        assertThat(call("gsub", "a", "%a", LuaValue.tableOf(new LuaValue[] {LuaValue.valueOf("a"), LuaValue.TRUE})))
                .isEqualTo("error: invalid replacement value (a boolean)");
    }

    @Test
    void deepPatternsAreTooComplex() {
        assertThat(call("find", "a".repeat(300), "a?".repeat(300))).isEqualTo("error: pattern too complex");
        assertThat(call("find", "a".repeat(150), "a?".repeat(150))).isEqualTo("1, 150");
    }

    @Test
    void malformedPatternsGiveLuasMessages() {
        assertThat(call("find", "a", "%")).isEqualTo("error: malformed pattern (ends with '%')");
        assertThat(call("find", "a", "[a")).isEqualTo("error: malformed pattern (missing ']')");
        assertThat(call("find", "a", "[]")).isEqualTo("error: malformed pattern (missing ']')");
        assertThat(call("find", "a", "[a%")).isEqualTo("error: malformed pattern (missing ']')");
        assertThat(call("find", "a", "%b(")).isEqualTo("error: malformed pattern (missing arguments to '%b')");
        assertThat(call("find", "a", "%f")).isEqualTo("error: missing '[' after '%f' in pattern");
        assertThat(call("find", "a", "%fa")).isEqualTo("error: missing '[' after '%f' in pattern");
        assertThat(call("find", "a", "%1")).isEqualTo("error: invalid capture index %1");
        assertThat(call("find", "a", "(a%1)")).isEqualTo("error: invalid capture index %1");
        assertThat(call("find", "a", "%0")).isEqualTo("error: invalid capture index %0");
        assertThat(call("find", "a", "(a")).isEqualTo("error: unfinished capture");
        assertThat(call("match", "a", "a)")).isEqualTo("error: invalid pattern capture");
        assertThat(call("find", "a", "(".repeat(33) + "a" + ")".repeat(33))).isEqualTo("error: too many captures");
        assertThat(call("find", "b", "(a")).isEqualTo("nil");
    }

    private static String call(String function, Object... args) {
        LuaValue[] values = new LuaValue[args.length];
        for (int i = 0; i < args.length; i++) {
            values[i] = args[i] instanceof String
                    ? LuaValue.valueOf((String) args[i])
                    : args[i] instanceof Integer
                            ? LuaValue.valueOf((Integer) args[i])
                            : args[i] instanceof Boolean ? LuaValue.valueOf((Boolean) args[i]) : (LuaValue) args[i];
        }
        return ours.call(function, values).toString();
    }

    private static LuaValue bytes(byte[] bytes) {
        return LuaString.valueOf(bytes);
    }

    /** What the gmatch iterator gives, each match's values in braces. */
    private static String gmatch(String subject, String pattern) {
        return ours.gmatch(LuaValue.valueOf(subject), LuaValue.valueOf(pattern))
                .toString()
                .replace("\"{\", ", "{")
                .replace(", \"}\"", "}")
                .replace("}, {", "}{");
    }

    /** The bytes 0 to 255 that a single-byte class or set matches, in order, as ISO-8859-1 text. */
    private static String members(String set) {
        StringBuilder members = new StringBuilder();
        for (int c = 0; c < 256; c++) {
            LuaValue subject = LuaString.valueOf(new byte[] {(byte) c});
            if (!ours.call("find", subject, LuaValue.valueOf("^" + set + "$"))
                    .toString()
                    .equals("nil")) {
                members.append((char) c);
            }
        }
        return members.toString();
    }

    private static String range(int from, int to) {
        StringBuilder text = new StringBuilder();
        for (int c = from; c <= to; c++) {
            text.append((char) c);
        }
        return text.toString();
    }
}
