package org.jameslua.smtp.reply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.junit.jupiter.api.Test;

/** The classes of a script's reply, at their edges, and the refusal each becomes in James. */
class ReplyTest {

    @Test
    void eachCodeIsInExactlyOneClass() {
        assertThat(classes(200)).containsExactly("positive");
        assertThat(classes(299)).containsExactly("positive");
        assertThat(classes(300)).containsExactly("intermediate");
        assertThat(classes(399)).containsExactly("intermediate");
        assertThat(classes(400)).containsExactly("failure", "temporary");
        assertThat(classes(499)).containsExactly("failure", "temporary");
        assertThat(classes(500)).containsExactly("failure");
        assertThat(classes(599)).containsExactly("failure");
    }

    @Test
    void onlyCodesOfTheFiveClassesWithTextAreReplies() {
        assertThatThrownBy(() -> Reply.of(199, "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Reply.of(600, "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Reply(250, List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThat(Reply.of(200, "x").code()).isEqualTo(200);
        assertThat(Reply.of(599, "x").code()).isEqualTo(599);
    }

    @Test
    void only421ClosesTheConnection() {
        assertThat(Reply.of(421, "bye").closesConnection()).isTrue();
        assertThat(Reply.of(420, "x").closesConnection()).isFalse();
        assertThat(Reply.of(422, "x").closesConnection()).isFalse();
        assertThat(Reply.of(250, "x").toResponse(true).isEndSession()).isTrue();
    }

    @Test
    void aTemporaryFailureIsDenySoftAPermanentOneDenyAnd421Disconnects() {
        HookResult temporary = Verdicts.refuse(Reply.of(451, "4.3.0 later"));
        HookResult permanent = Verdicts.refuse(new Reply(550, List.of("5.7.1 no", "second line")));
        HookResult closing = Verdicts.refuse(Reply.of(421, "4.3.2 bye"));

        assertThat(temporary.getResult()).isEqualTo(HookReturnCode.denySoft());
        assertThat(temporary.getSmtpRetCode()).isEqualTo("451");
        assertThat(temporary.getSmtpDescription()).isEqualTo("4.3.0 later");
        assertThat(permanent.getResult()).isEqualTo(HookReturnCode.deny());
        assertThat(permanent.getSmtpRetCode()).isEqualTo("550");
        assertThat(permanent.getSmtpDescription()).isEqualTo("5.7.1 no");
        assertThat(closing.getResult()).isEqualTo(HookReturnCode.disconnected(HookReturnCode.Action.DENYSOFT));
        assertThat(Verdicts.tempFail().getSmtpRetCode()).isEqualTo("451");
        assertThat(Verdicts.tempFail().getResult()).isEqualTo(HookReturnCode.denySoft());
    }

    private static List<String> classes(int code) {
        Reply reply = Reply.of(code, "x");
        List<String> classes = new java.util.ArrayList<>();
        if (reply.isPositive()) {
            classes.add("positive");
        }
        if (reply.isIntermediate()) {
            classes.add("intermediate");
        }
        if (reply.isFailure()) {
            classes.add("failure");
        }
        if (reply.isTemporaryFailure()) {
            classes.add("temporary");
        }
        return classes;
    }
}
