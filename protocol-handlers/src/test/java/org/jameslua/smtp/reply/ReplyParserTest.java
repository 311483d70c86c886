package org.jameslua.smtp.reply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.jameslua.james.script.BadReturn;
import org.junit.jupiter.api.Test;

class ReplyParserTest {

    @Test
    void readsOneLineAndMultiLineReplies() throws BadReturn {
        assertThat(ReplyParser.parse("250 2.0.0 OK")).contains(Reply.of(250, "2.0.0 OK"));
        assertThat(ReplyParser.parse("214-first\r\n214-second\n214 last\r\n"))
                .contains(new Reply(214, List.of("first", "second", "last")));
        assertThat(ReplyParser.parse("421")).contains(Reply.of(421, ""));
    }

    @Test
    void anEmptyStringMeansJamesReply() throws BadReturn {
        assertThat(ReplyParser.parse("")).isEmpty();
    }

    @Test
    void refusesWhatIsNotOneWellFormedReply() {
        assertThatThrownBy(() -> ReplyParser.parse("OK")).hasMessageContaining("not an SMTP reply");
        assertThatThrownBy(() -> ReplyParser.parse("199 too low")).hasMessageContaining("not an SMTP reply");
        assertThatThrownBy(() -> ReplyParser.parse("600 too high")).hasMessageContaining("not an SMTP reply");
        assertThatThrownBy(() -> ReplyParser.parse("2x0 letters")).hasMessageContaining("not an SMTP reply");
        assertThatThrownBy(() -> ReplyParser.parse("250OK")).hasMessageContaining("space");
        assertThatThrownBy(() -> ReplyParser.parse("250-OK")).hasMessageContaining("space");
        assertThatThrownBy(() -> ReplyParser.parse("250 a\r\n250 b")).hasMessageContaining("'-'");
        assertThatThrownBy(() -> ReplyParser.parse("250-a\r\n550 b")).hasMessageContaining("different codes");
    }

    @Test
    void refusesAnythingThatCouldSmuggleAnotherLine() {
        assertThatThrownBy(() -> ReplyParser.parse("250 ok\rMAIL FROM:<x@y>")).hasMessageContaining("lone CR");
        assertThatThrownBy(() -> ReplyParser.parse("250-ok\r\nMAIL FROM:<x@y>"))
                .hasMessageContaining("not an SMTP reply");
        assertThatThrownBy(() -> ReplyParser.parse("250 ok\u0000")).hasMessageContaining("U+0000");
        assertThatThrownBy(() -> ReplyParser.parse("250 caf\u00e9")).hasMessageContaining("U+00E9");
        assertThatThrownBy(() -> ReplyParser.parse("250 ok\r\n\r\n")).isInstanceOf(BadReturn.class);
    }

    @Test
    void boundsLineLengthAndLineCount() throws BadReturn {
        assertThat(ReplyParser.parse("250 " + "x".repeat(ReplyParser.MAX_LINE_LENGTH - 4)))
                .isPresent();
        assertThatThrownBy(() -> ReplyParser.parse("250 " + "x".repeat(ReplyParser.MAX_LINE_LENGTH - 3)))
                .hasMessageContaining("characters");
        String tooMany = "250-x\r\n".repeat(ReplyParser.MAX_LINES) + "250 x";
        assertThatThrownBy(() -> ReplyParser.parse(tooMany)).hasMessageContaining("lines");
    }

    @Test
    void acceptsEveryPrintableCharacterAndCodeDigitAtTheEdges() throws BadReturn {
        assertThat(ReplyParser.parse("599 ~\t!")).contains(Reply.of(599, "~\t!"));
        assertThat(ReplyParser.parse("209 x")).contains(Reply.of(209, "x"));
        assertThatThrownBy(() -> ReplyParser.parse("250 \u007f")).hasMessageContaining("U+007F");
        assertThatThrownBy(() -> ReplyParser.parse("25: x")).hasMessageContaining("not an SMTP reply");
        assertThatThrownBy(() -> ReplyParser.parse("2/0 x")).hasMessageContaining("not an SMTP reply");
    }

    @Test
    void takesAsManyLinesAsAllowedAndNoMore() throws BadReturn {
        String most = "250-x\r\n".repeat(ReplyParser.MAX_LINES - 1) + "250 x";

        assertThat(ReplyParser.parse(most).orElseThrow().texts()).hasSize(ReplyParser.MAX_LINES);
    }

    @Test
    void namesTheOffendingLineInItsErrorCutAfter80Characters() {
        String eighty = "x".repeat(80);

        assertThatThrownBy(() -> ReplyParser.parse(eighty)).hasMessageEndingWith("\"" + eighty + "\"");
        assertThatThrownBy(() -> ReplyParser.parse(eighty + "y")).hasMessageEndingWith("\"" + eighty + "...\"");
        assertThatThrownBy(() -> ReplyParser.parse("250-a\r\n550 b")).hasMessageEndingWith("\"550 b\"");
    }

    @Test
    void writesRepliesAsTheyGoOnTheWire() throws BadReturn {
        Reply reply = ReplyParser.parse("550-a\r\n550 b").orElseThrow();

        assertThat(reply.toResponse().getLines()).containsExactly("550-a", "550 b");
        assertThat(reply.toResponse().isEndSession()).isFalse();
        assertThat(Reply.of(421, "bye").toResponse().isEndSession()).isTrue();
    }
}
