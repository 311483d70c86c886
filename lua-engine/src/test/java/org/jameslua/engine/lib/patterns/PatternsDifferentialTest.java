package org.jameslua.engine.lib.patterns;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.jameslua.engine.lib.CallWatchdog;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * Our find, match, gmatch and gsub give what LuaJ's give, wherever LuaJ follows Lua 5.2. Where it does not
 * (see {@link Lua52PatternsTest}) the cases here stay clear of the difference: no {@code %f}, no {@code init}
 * past the end, no back-reference to a position capture, no {@code %g}, and subjects of ASCII bytes whose
 * classes LuaJ gets right.
 * LuaJ 3.0.1's own gmatch repeats empty matches forever, so our gmatch is compared with the matches LuaJ's
 * gsub visits, which are by definition the same; patterns without empty matches are compared with LuaJ's
 * gmatch directly too.
 */
class PatternsDifferentialTest {
    private static final LuaValue NIL = LuaValue.NIL;
    private static final LuaValue TRUE = LuaValue.TRUE;

    /** Returns the second capture if there is one, else false for a match of even length, else it in brackets. */
    private static final LuaValue REPLACER = new VarArgFunction() {
        @Override
        public Varargs invoke(Varargs captures) {
            if (captures.narg() > 1) {
                return captures.arg(2);
            }
            String first = captures.arg1().tojstring();
            return first.length() % 2 == 0 ? LuaValue.FALSE : LuaValue.valueOf("[" + first + "]");
        }
    };

    private static final LuaTable NAMES = LuaValue.tableOf(new LuaValue[] {
        LuaValue.valueOf("name"),
        LuaValue.valueOf("lua"),
        LuaValue.valueOf("version"),
        LuaValue.valueOf(5.2),
        LuaValue.valueOf("a"),
        LuaValue.valueOf("A"),
        LuaValue.valueOf("b"),
        LuaValue.FALSE,
        LuaValue.valueOf(2),
        LuaValue.valueOf("two"),
        LuaValue.valueOf("t"),
        TRUE
    });

    private static CallWatchdog watchdog;
    private static PatternCalls ours;
    private static PatternCalls luaj;

    @BeforeAll
    static void setUp() {
        watchdog = new CallWatchdog();
        ours = PatternCalls.ours(watchdog);
        luaj = PatternCalls.luaj();
    }

    @AfterAll
    static void tearDown() {
        watchdog.close();
    }

    @Test
    void findAgreesWithLuajOnEveryFeature() {
        List<String> disagreements = new ArrayList<>();
        for (String[] sp : SUBJECTS_AND_PATTERNS) {
            compare(disagreements, "find", s(sp[0]), s(sp[1]));
            if (!sp[1].isEmpty()) {
                // LuaJ's match fails on the empty pattern with an ArrayIndexOutOfBoundsException.
                compare(disagreements, "match", s(sp[0]), s(sp[1]));
            }
        }
        for (int init : new int[] {-10, -6, -5, -1, 0, 1, 3, 4, 5, 6}) {
            compare(disagreements, "find", s("hello"), s("l"), n(init));
            compare(disagreements, "find", s("hello"), s("l+"), n(init));
            compare(disagreements, "find", s("hello"), s(""), n(init));
            compare(disagreements, "find", s("hello"), s("()"), n(init));
            compare(disagreements, "find", s("he.lo"), s("."), n(init), TRUE);
            compare(disagreements, "match", s("hello"), s("(l*)()"), n(init));
            compare(disagreements, "match", s("hello"), s("^(.)"), n(init));
        }
        compare(disagreements, "find", s("a+b"), s("+"), NIL, TRUE);
        compare(disagreements, "find", s("a(b"), s("("), n(1), TRUE);
        compare(disagreements, "find", s("a[%b"), s("[%"), n(1), TRUE);
        compare(disagreements, "find", s("abc"), s("c"), n(3), LuaValue.FALSE);
        compare(disagreements, "find", n(12345), n(34));
        compare(disagreements, "match", n(3.5), s("%d"));
        compare(disagreements, "find", s("abc"), s("[a"));
        compare(disagreements, "find", NIL, s("a"));
        compare(disagreements, "find", s("a"), NIL);
        assertThat(disagreements).isEmpty();
    }

    @Test
    void gsubAgreesWithLuajOnEveryFeature() {
        List<String> disagreements = new ArrayList<>();
        for (String[] sp : SUBJECTS_AND_PATTERNS) {
            for (LuaValue replacement : new LuaValue[] {s("<%0>"), s("%1"), s("%%"), n(7), REPLACER, NAMES}) {
                compare(disagreements, "gsub", s(sp[0]), s(sp[1]), replacement);
            }
            compare(disagreements, "gsub", s(sp[0]), s(sp[1]), s("x"), n(1));
        }
        compare(disagreements, "gsub", s("hello world"), s("%w+"), s("%0 %0"), n(1));
        compare(disagreements, "gsub", s("hello world from Lua"), s("(%w+)%s*(%w+)"), s("%2 %1"));
        compare(disagreements, "gsub", s("$name-$version.tar.gz"), s("%$(%w+)"), NAMES);
        compare(disagreements, "gsub", s("a t"), s("%a"), NAMES);
        compare(disagreements, "gsub", s("abc"), s("(%w)(%w)"), REPLACER);
        compare(disagreements, "gsub", s("abc"), s("()"), s("%1"));
        compare(disagreements, "gsub", s("abc"), s("()b"), NAMES);
        compare(disagreements, "gsub", s("abc"), s("%w"), s("x"), n(0));
        compare(disagreements, "gsub", s("abc"), s("%w"), s("x"), n(2));
        compare(disagreements, "gsub", s("abc"), s("%w"), s("x"), n(99));
        compare(disagreements, "gsub", s("abc"), s("%w"), s("x"), n(2.7));
        compare(disagreements, "gsub", s("abc"), s("%w"), s("%2"));
        compare(disagreements, "gsub", s("abc"), s("%w"), LuaValue.TRUE);
        compare(disagreements, "gsub", s("abc"), s("%w"));
        assertThat(disagreements).isEmpty();
    }

    @Test
    void gmatchVisitsTheMatchesLuajFinds() {
        List<String> disagreements = new ArrayList<>();
        for (String[] sp : SUBJECTS_AND_PATTERNS) {
            compareGmatch(disagreements, sp[0], sp[1]);
        }
        for (String[] sp : new String[][] {
            {"hello world from Lua", "%a+"},
            {"from=world, to=Lua", "(%w+)=(%w+)"},
            {"^a^b", "^."},
            {"a1b22c333", "(%a)(%d+)"},
            {"x(y)z(w)", "%b()"},
            {"a,b,c", "()[^,]+()"}
        }) {
            PatternCalls.Outcome mine = ours.gmatch(s(sp[0]), s(sp[1]));
            PatternCalls.Outcome theirs = luaj.gmatch(s(sp[0]), s(sp[1]));
            if (!mine.agreesWith(theirs)) {
                disagreements.add("gmatch(" + sp[0] + ", " + sp[1] + "): ours " + mine + ", LuaJ's gmatch " + theirs);
            }
        }
        assertThat(disagreements).isEmpty();
    }

    /** A seeded random walk over small patterns and subjects, malformed ones included. */
    @Test
    void randomPatternsAgreeWithLuaj() {
        Random random = new Random(20240521L);
        List<String> disagreements = new ArrayList<>();
        int found = 0;
        int failed = 0;
        for (int round = 0; round < 20_000; round++) {
            String pattern = randomPattern(random);
            String subject = randomSubject(random);
            LuaValue s = s(subject);
            LuaValue p = s(pattern);
            PatternCalls.Outcome find = compare(disagreements, "find", s, p);
            found += !find.failed() && !find.text().equals("nil") ? 1 : 0;
            failed += find.failed() ? 1 : 0;
            compare(disagreements, "find", s, p, n(random.nextInt(2 * subject.length() + 4) - subject.length() - 2));
            compare(disagreements, "match", s, p);
            compare(disagreements, "gsub", s, p, s("<%0>"));
            compare(disagreements, "gsub", s, p, s("%1"));
            compare(disagreements, "gsub", s, p, REPLACER);
            compare(disagreements, "gsub", s, p, NAMES, n(2));
            compareGmatch(disagreements, subject, pattern);
            if (disagreements.size() > 20) {
                break;
            }
        }
        assertThat(disagreements).isEmpty();
        assertThat(found).as("patterns that matched").isGreaterThan(5_000);
        assertThat(failed).as("malformed patterns").isGreaterThan(1_000);
    }

    private static final String[] ATOMS = {
        "a", "b", "c", ".", "%a", "%d", "%s", "%w", "%A", "%S", "%l", "%u", "%x", "[ab]", "[^a]", "[a-c]", "[%d%s]",
        "[]]", "%.", "%%", "%(", "(", ")", "()", "%1", "%2", "%b()", "$", "^", " ", "1", "-", "*"
    };
    private static final String[] QUANTIFIERS = {"", "", "", "*", "+", "-", "?"};
    private static final String RAW = "a%[]()^$.-*+?b";
    private static final String SUBJECT_BYTES = "aabbc 1().%]";

    private static String randomPattern(Random random) {
        while (true) {
            StringBuilder pattern = new StringBuilder();
            if (random.nextInt(10) == 0) {
                for (int i = random.nextInt(6) + 1; i > 0; i--) {
                    pattern.append(RAW.charAt(random.nextInt(RAW.length())));
                }
            } else {
                for (int i = random.nextInt(5) + 1; i > 0; i--) {
                    String atom = ATOMS[random.nextInt(ATOMS.length)];
                    pattern.append(atom);
                    if (!atom.startsWith("(") && !atom.equals(")") && !atom.startsWith("%b")) {
                        pattern.append(QUANTIFIERS[random.nextInt(QUANTIFIERS.length)]);
                    }
                }
            }
            String text = pattern.toString();
            boolean backReferenceToPosition = text.contains("()") && (text.contains("%1") || text.contains("%2"));
            if (!backReferenceToPosition) {
                return text;
            }
        }
    }

    private static String randomSubject(Random random) {
        StringBuilder subject = new StringBuilder();
        for (int i = random.nextInt(11); i > 0; i--) {
            subject.append(SUBJECT_BYTES.charAt(random.nextInt(SUBJECT_BYTES.length())));
        }
        return subject.toString();
    }

    private static PatternCalls.Outcome compare(List<String> disagreements, String function, LuaValue... args) {
        PatternCalls.Outcome mine = ours.call(function, args);
        PatternCalls.Outcome theirs = luaj.call(function, args);
        if (!mine.agreesWith(theirs)) {
            disagreements.add(function + describe(args) + ": ours " + mine + ", LuaJ " + theirs);
        }
        return mine;
    }

    /** gmatch treats a leading '^' as an ordinary byte, which gsub spells "%^". */
    private static void compareGmatch(List<String> disagreements, String subject, String pattern) {
        String unanchored = pattern.startsWith("^") ? "%" + pattern : pattern;
        PatternCalls.Outcome mine = ours.gmatch(s(subject), s(pattern));
        PatternCalls.Outcome theirs = luaj.gsubCaptures(s(subject), s(unanchored));
        if (!mine.agreesWith(theirs)) {
            disagreements.add(
                    "gmatch(\"" + subject + "\", \"" + pattern + "\"): ours " + mine + ", LuaJ's gsub " + theirs);
        }
    }

    private static String describe(LuaValue[] args) {
        StringBuilder text = new StringBuilder("(");
        for (int i = 0; i < args.length; i++) {
            text.append(i > 0 ? ", " : "")
                    .append(
                            args[i].type() == LuaValue.TSTRING
                                    ? "\"" + args[i].tojstring() + "\""
                                    : args[i].tojstring());
        }
        return text.append(')').toString();
    }

    private static LuaValue s(String text) {
        return LuaValue.valueOf(text);
    }

    private static LuaValue n(double number) {
        return LuaValue.valueOf(number);
    }

    private static final String[][] SUBJECTS_AND_PATTERNS = {
        // plain text and the empty pattern
        {"hello world", "o w"},
        {"hello world", "l"},
        {"hello", "xyz"},
        {"", ""},
        {"abc", ""},
        {"", "a"},
        {"a.b", "%."},
        {"100%", "%%"},
        {"(x)", "%(x%)"},
        {"a+b", "a%+b"},
        {"a]b", "]"},
        {"a)b", "a)"},
        // single-byte classes
        {"hello world", "%a+"},
        {"THE (quick) fox", "%u+"},
        {"THE (quick) fox", "%l+"},
        {"a1b2c3", "%d"},
        {"a1b2c3", "%D+"},
        {"0xFF_g", "%x+"},
        {"tab\there", "%s"},
        {"ctl\1x", "%c"},
        {"ctl\1x", "%C+"},
        {"a_1 b", "%w+"},
        {"a_1 b", "%W"},
        {"a,b.c!", "%p"},
        {"a\0b", "%z"},
        {"a\0b", "%Z+"},
        {"abc", "."},
        {"a.c", "a.c"},
        {"", "."},
        // sets
        {"a,b;c", "[,;]"},
        {"a-b", "[a-]+"},
        {"a-b", "[-a]+"},
        {"a]b", "[]]"},
        {"a]b", "[^]]+"},
        {"abc", "[^%a]"},
        {"ab12", "[%a%d]+"},
        {"z-a", "[z-a]"},
        {"abc", "[a-c]+"},
        {"ABC", "[^a-z]+"},
        {"a%b", "[%%]"},
        {"a]b", "[%]]"},
        {"a^b", "[b^]+"},
        {"x-y", "[%-]"},
        {"a.b", "[.]"},
        {"1a2", "[%d][%a]"},
        // quantifiers
        {"hello", ".-l"},
        {"hello", ".*l"},
        {"hello", "l+"},
        {"hello", "x*"},
        {"hello", "hel?l"},
        {"heo", "hel?o"},
        {"aaa", "a-a"},
        {"aaab", "a-b"},
        {"aaab", "a*"},
        {"aaab", "a+b"},
        {"b", "a+b"},
        {"ab", "a?b?c?"},
        {"  trim me  ", "^%s*(.-)%s*$"},
        {"key = value", "(%w+)%s*=%s*(%w+)"},
        {"[test]", "%[(.-)%]"},
        // anchors
        {"hello", "^h"},
        {"hello", "^e"},
        {"hello", "o$"},
        {"hello", "l$"},
        {"a$b", "$b"},
        {"a$b", "a$"},
        {"a^b", "a^b"},
        {"", "^$"},
        {"abc", "^abc$"},
        {"abc", "^"},
        {"abc", "$"},
        {"abc", "^$"},
        // balanced
        {"f(a(b)c)d", "%b()"},
        {"x = \"str\" y", "%b\"\""},
        {"((a)", "%b()"},
        {"if a then b end", "%bie"},
        {"[[x]]", "%b[]"},
        {"(", "%b()"},
        // captures and back-references
        {"2024-01-02", "(%d+)-(%d+)-(%d+)"},
        {"abc", "()b()"},
        {"abc", "(a)(b)(c)"},
        {"abc", "((a)(b))"},
        {"abc", "(a*(.)%w(%s*))"},
        {"hello hello", "(%w+) %1"},
        {"abab", "(ab)%1"},
        {"abcabc", "(a(b)c)%1"},
        {"xyx", "(x)y%1"},
        {"aa", "(a)%1"},
        {"ab", "(a)%1"},
        {"abc", "()"},
        {"abc", "(.-)c"},
        {"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "(a)".repeat(32)},
        // malformed
        {"abc", "%"},
        {"abc", "[a"},
        {"abc", "[^"},
        {"abc", "["},
        {"abc", "[]"},
        {"abc", "(a"},
        {"abc", "a)"},
        {"abc", "%1"},
        {"abc", "(a)%2"},
        {"abc", "(a%1)"},
        {"abc", "%b"},
        {"abc", "%ba"},
        {"abc", "[%"},
        {"abc", "(()"},
        {"a".repeat(33), "(a)".repeat(33)},
    };
}
