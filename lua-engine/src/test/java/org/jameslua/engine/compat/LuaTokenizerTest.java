package org.jameslua.engine.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class LuaTokenizerTest {
    private static List<Token> tokens(String source) {
        return LuaTokenizer.tokenize(source);
    }

    private static List<String> texts(String source) {
        return tokens(source).stream().map(Token::text).collect(Collectors.toList());
    }

    @Test
    void aStringHoldingLoopCodeIsOneString() {
        assertThat(tokens("s = 'for x in t do' .. \"arg\""))
                .extracting(Token::kind, Token::text)
                .containsExactly(
                        tuple(Token.Kind.NAME, "s"),
                        tuple(Token.Kind.SYMBOL, "="),
                        tuple(Token.Kind.STRING, "'for x in t do'"),
                        tuple(Token.Kind.SYMBOL, ".."),
                        tuple(Token.Kind.STRING, "\"arg\""));
    }

    @Test
    void escapedQuotesAndBackslashesStayInsideTheString() {
        assertThat(texts("a = \"say \\\"for k in t do\\\" \\\\\" b = 'it\\'s'"))
                .containsExactly("a", "=", "\"say \\\"for k in t do\\\" \\\\\"", "b", "=", "'it\\'s'");
    }

    @Test
    void aBackslashNewlineContinuesTheStringOnTheNextLine() {
        assertThat(texts("x = 'one\\\r\ntwo' y")).containsExactly("x", "=", "'one\\\r\ntwo'", "y");
        assertThat(texts("x = 'a\\z  \n  b' y")).containsExactly("x", "=", "'a\\z  \n  b'", "y");
    }

    @Test
    void commentsRunToTheEndOfTheirLineOrBracket() {
        assertThat(tokens("-- for k in t do\nx --[[ arg\nfunction ]] y --[==[ ]] ]=] ]==] z"))
                .extracting(Token::kind, Token::text)
                .containsExactly(
                        tuple(Token.Kind.COMMENT, "-- for k in t do"),
                        tuple(Token.Kind.NAME, "x"),
                        tuple(Token.Kind.LONG_COMMENT, "--[[ arg\nfunction ]]"),
                        tuple(Token.Kind.NAME, "y"),
                        tuple(Token.Kind.LONG_COMMENT, "--[==[ ]] ]=] ]==]"),
                        tuple(Token.Kind.NAME, "z"));
    }

    @Test
    void aLineCommentStartingWithABracketThatIsNotLongStaysALineComment() {
        assertThat(texts("--[ not long\nx --[= still not\ny"))
                .containsExactly("--[ not long", "x", "--[= still not", "y");
    }

    @Test
    void longStringsEndAtTheirOwnLevel() {
        assertThat(tokens("s = [==[ a ]] b ]=] c ]==] t = [[x]]"))
                .extracting(Token::kind, Token::text)
                .containsExactly(
                        tuple(Token.Kind.NAME, "s"),
                        tuple(Token.Kind.SYMBOL, "="),
                        tuple(Token.Kind.LONG_STRING, "[==[ a ]] b ]=] c ]==]"),
                        tuple(Token.Kind.NAME, "t"),
                        tuple(Token.Kind.SYMBOL, "="),
                        tuple(Token.Kind.LONG_STRING, "[[x]]"));
    }

    @Test
    void level0LongBracketsNestAsInLua50() {
        assertThat(texts("s = [[ a [[ b ]] c ]] x --[[ d [[ e ]] ]] y"))
                .containsExactly("s", "=", "[[ a [[ b ]] c ]]", "x", "--[[ d [[ e ]] ]]", "y");
        assertThat(tokens("s = [==[ a [[ b ]==] x"))
                .extracting(Token::text)
                .containsExactly("s", "=", "[==[ a [[ b ]==]", "x");
    }

    @Test
    void numbersNamesKeywordsAndSymbols() {
        assertThat(tokens("x = 3.14 + .5 - 1e-5 * 0x1F / 0x1p4 .. a.b ... end_ goto ~= ::l::"))
                .extracting(Token::kind, Token::text)
                .containsExactly(
                        tuple(Token.Kind.NAME, "x"),
                        tuple(Token.Kind.SYMBOL, "="),
                        tuple(Token.Kind.NUMBER, "3.14"),
                        tuple(Token.Kind.SYMBOL, "+"),
                        tuple(Token.Kind.NUMBER, ".5"),
                        tuple(Token.Kind.SYMBOL, "-"),
                        tuple(Token.Kind.NUMBER, "1e-5"),
                        tuple(Token.Kind.SYMBOL, "*"),
                        tuple(Token.Kind.NUMBER, "0x1F"),
                        tuple(Token.Kind.SYMBOL, "/"),
                        tuple(Token.Kind.NUMBER, "0x1p4"),
                        tuple(Token.Kind.SYMBOL, ".."),
                        tuple(Token.Kind.NAME, "a"),
                        tuple(Token.Kind.SYMBOL, "."),
                        tuple(Token.Kind.NAME, "b"),
                        tuple(Token.Kind.SYMBOL, "..."),
                        tuple(Token.Kind.NAME, "end_"),
                        tuple(Token.Kind.KEYWORD, "goto"),
                        tuple(Token.Kind.SYMBOL, "~="),
                        tuple(Token.Kind.SYMBOL, "::"),
                        tuple(Token.Kind.NAME, "l"),
                        tuple(Token.Kind.SYMBOL, "::"));
    }

    @Test
    void unclosedStringsAndBracketsAreUnfinished() {
        assertThat(tokens("x = 'open\ny = 1"))
                .extracting(Token::kind)
                .contains(Token.Kind.UNFINISHED)
                .last()
                .isEqualTo(Token.Kind.NUMBER);
        assertThat(tokens("x = [[ open [[ nested ]]"))
                .extracting(Token::kind)
                .last()
                .isEqualTo(Token.Kind.UNFINISHED);
        assertThat(tokens("--[==[ open ]]")).extracting(Token::kind).containsExactly(Token.Kind.UNFINISHED);
        assertThat(tokens("x = 'ends in a backslash\\"))
                .extracting(Token::kind)
                .last()
                .isEqualTo(Token.Kind.UNFINISHED);
    }

    @Test
    void tokensRecordWhereTheyStart() {
        List<Token> tokens = tokens("local  arg\n= 1");
        assertThat(tokens).extracting(Token::start).containsExactly(0, 7, 11, 13);
        assertThat(tokens.get(1).end()).isEqualTo(10);
    }
}
