package org.jameslua.matchers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Collection;
import java.util.List;
import javax.mail.MessagingException;
import org.apache.james.core.MailAddress;
import org.apache.james.core.builder.MimeMessageBuilder;
import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailContext;
import org.apache.mailet.base.test.FakeMatcherConfig;
import org.jameslua.engine.LuaEngine;
import org.jameslua.engine.ScriptFixture;
import org.jameslua.james.ScriptCallCounts;
import org.jameslua.james.ScriptMetrics;
import org.jameslua.james.script.ScriptCallers;
import org.jameslua.james.script.UncompiledScripts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LuaMatcherTest {
    private final ScriptCallers callers =
            new ScriptCallers(new ScriptMetrics(new RecordingMetricFactory(), new ScriptCallCounts()));

    @RegisterExtension
    final ScriptFixture scripts = new ScriptFixture();

    private LuaEngine engine;

    @BeforeEach
    void setUp() {
        engine = scripts.engine();
        scripts.write(
                "MATCH.LUA",
                "function All(mail) return true end\n"
                        + "function None(mail) return false end\n"
                        + "function Nothing(mail) end\n"
                        + "function Bulk(mail) return mail.Headers[\"precedence\"] == \"bulk\" end\n"
                        + "function Some(mail) return { \"CAROL@example.local\", \"zed@example.local\" } end\n"
                        + "function Bad(mail) return { \"not an address\" } end\n"
                        + "function Odd(mail) return 42 end\n"
                        + "function Fails(mail) error(\"matcher broke\") end\n");
    }

    private Collection<MailAddress> match(String condition) throws MessagingException {
        LuaMatcher matcher = new LuaMatcher(engine, callers, new UncompiledScripts(engine));
        matcher.init(FakeMatcherConfig.builder()
                .matcherName("LuaMatcher")
                .condition(condition)
                .mailetContext(FakeMailContext.defaultContext())
                .build());
        return matcher.match(FakeMail.builder()
                .name("m1")
                .sender("alice@example.local")
                .recipients("bob@example.local", "carol@example.local")
                .mimeMessage(MimeMessageBuilder.mimeMessageBuilder()
                        .addHeader("Precedence", "bulk")
                        .setText("x"))
                .build());
    }

    @Test
    void trueMatchesEveryRecipientAndFalseOrNilNone() throws Exception {
        assertThat(match("MATCH.LUA:All")).hasSize(2);
        assertThat(match("MATCH.LUA:Bulk")).hasSize(2);
        assertThat(match("MATCH.LUA:None")).isEmpty();
        assertThat(match("MATCH.LUA:Nothing")).isEmpty();
    }

    @Test
    void aTableChoosesAmongTheRecipients() throws Exception {
        assertThat(match("MATCH.LUA:Some")).containsExactly(new MailAddress("carol@example.local"));
    }

    @Test
    void unusableAnswersAndFailuresMatchNothingAndAreLogged() throws Exception {
        assertThat(match("MATCH.LUA:Bad")).isEmpty();
        assertThat(match("MATCH.LUA:Odd")).isEmpty();
        assertThat(match("MATCH.LUA:Fails")).isEmpty();

        assertThat(scripts.errors()).hasSize(3);
        assertThat(scripts.errors().get(0))
                .contains("MATCH.LUA Bad line 6 [BAD_RETURN]")
                .contains("not an email address");
        assertThat(scripts.errors().get(1))
                .contains("Odd line 7 [BAD_RETURN]: the answer must be a boolean or a table of recipients, not number");
        assertThat(scripts.errors().get(2)).contains("Fails line 8 [RUNTIME]").contains("matcher broke");
    }

    @Test
    void aMissingScriptOrFunctionMatchesNothing() throws Exception {
        assertThat(match("OTHER.LUA:All")).isEmpty();
        assertThat(match("MATCH.LUA:Undefined")).isEmpty();
        assertThat(scripts.errors()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"MATCH.LUA", ":All", "MATCH.LUA:", " : "})
    void theConditionNamesAScriptAndAFunction(String condition) {
        LuaMatcher matcher = new LuaMatcher(engine, callers, new UncompiledScripts(engine));

        assertThatThrownBy(() -> matcher.init(FakeMatcherConfig.builder()
                        .matcherName("LuaMatcher")
                        .condition(condition)
                        .mailetContext(FakeMailContext.defaultContext())
                        .build()))
                .isInstanceOf(MessagingException.class)
                .hasMessageContaining("SCRIPT.LUA:Function");
    }

    @Test
    void onScriptErrorErrorFailsTheMatcherSoJamesAppliesOnMatchException() throws Exception {
        assertThat(match("MATCH.LUA:Fails;onScriptError=pass")).isEmpty();
        assertThatThrownBy(() -> match("MATCH.LUA:Fails;onScriptError=error"))
                .isInstanceOf(MessagingException.class)
                .hasMessageContaining("Fails line 8 [RUNTIME]");
        assertThatThrownBy(() -> match("MATCH.LUA:Odd;onScriptError=error"))
                .isInstanceOf(MessagingException.class)
                .hasMessageContaining("Odd line 7 [BAD_RETURN]");
        assertThat(match("MATCH.LUA:Undefined;onScriptError=error")).isEmpty();
        assertThat(match("MATCH.LUA:All;onScriptError=error")).hasSize(2);
    }

    @Test
    void anUnknownPolicyOrSuffixStopsTheMatcherAtStart() {
        assertThatThrownBy(() -> match("MATCH.LUA:All;onScriptError=drop"))
                .isInstanceOf(MessagingException.class)
                .hasMessageContaining("'pass' or 'error'");
        assertThatThrownBy(() -> match("MATCH.LUA:All;policy=error"))
                .isInstanceOf(MessagingException.class)
                .hasMessageContaining("onScriptError=pass|error");
    }

    @Test
    void eachMatcherInstanceCountsItsCallsUnderItsOwnName() throws Exception {
        RecordingMetricFactory metrics = new RecordingMetricFactory();
        ScriptCallers own = new ScriptCallers(new ScriptMetrics(metrics, new ScriptCallCounts()));
        LuaMatcher first = new LuaMatcher(engine, own, new UncompiledScripts(engine));
        LuaMatcher second = new LuaMatcher(engine, own, new UncompiledScripts(engine));
        for (LuaMatcher matcher : List.of(first, second)) {
            matcher.init(FakeMatcherConfig.builder()
                    .matcherName("org.jameslua.matchers.LuaMatcher")
                    .condition("MATCH.LUA:All")
                    .mailetContext(FakeMailContext.defaultContext())
                    .build());
        }
        FakeMail mail = FakeMail.builder()
                .name("m1")
                .recipients("bob@example.local")
                .mimeMessage(MimeMessageBuilder.mimeMessageBuilder().setText("x"))
                .build();

        first.match(mail);
        first.match(mail);
        second.match(mail);

        assertThat(metrics.countFor("luapack.matcher.LuaMatcher-1.MATCH.All.calls"))
                .isEqualTo(2);
        assertThat(metrics.countFor("luapack.matcher.LuaMatcher-2.MATCH.All.calls"))
                .isEqualTo(1);
        assertThat(metrics.executionTimesFor("luapack.matcher.LuaMatcher-2.MATCH.All.time"))
                .hasSize(1);
    }

    @Test
    void aScriptThatNeverCompiledFailsTheMatcherUnderErrorAndMatchesNothingUnderPass() throws Exception {
        scripts.write("BROKEN.LUA", "function IsBulk(mail\n");

        assertThatThrownBy(() -> match("BROKEN.LUA:IsBulk;onScriptError=error"))
                .isInstanceOf(MessagingException.class)
                .hasMessageContaining("BROKEN.LUA does not compile and has not compiled since James started");
        assertThat(match("BROKEN.LUA:IsBulk;onScriptError=pass")).isEmpty();
    }
}
