package org.jameslua.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.concurrent.TimeUnit;
import javax.mail.MessagingException;
import org.apache.james.core.builder.MimeMessageBuilder;
import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.ProcessingState;
import org.apache.mailet.base.GenericMailet;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailContext;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.jameslua.engine.LuaEngine;
import org.jameslua.engine.ScriptFixture;
import org.jameslua.james.ScriptCallCounts;
import org.jameslua.james.ScriptMetrics;
import org.jameslua.james.script.ScriptCallers;
import org.jameslua.james.script.UncompiledScripts;
import org.jameslua.mailets.outgoing.QueuePriority;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class OutgoingCheckMailetTest {
    private final ScriptCallers callers =
            new ScriptCallers(new ScriptMetrics(new RecordingMetricFactory(), new ScriptCallCounts()));
    private static final Instant RECEIVED = Instant.parse("2024-03-05T10:20:30Z");
    private static final String SKIP = "function CheckFile(filename, actions)\n"
            + "  actions.SkipSend = true\n"
            + "  actions.Reason = \"office hours only\"\n"
            + "  return actions\n"
            + "end\n";

    @RegisterExtension
    final ScriptFixture scripts = new ScriptFixture();

    private LuaEngine engine;
    private FakeMailContext context;

    @BeforeEach
    void setUp() {
        engine = scripts.engine();
        context = FakeMailContext.defaultContext();
    }

    private <T extends GenericMailet> T init(T mailet, String... parameters) throws MessagingException {
        FakeMailetConfig.Builder config =
                FakeMailetConfig.builder().mailetName("Outgoing").mailetContext(context);
        for (int i = 0; i < parameters.length; i += 2) {
            config.setProperty(parameters[i], parameters[i + 1]);
        }
        mailet.init(config.build());
        return mailet;
    }

    private MxOutMailet mx(String... parameters) throws MessagingException {
        return init(new MxOutMailet(engine, callers, new UncompiledScripts(engine)), parameters);
    }

    private static FakeMail mail() throws MessagingException {
        return mail(2048);
    }

    private static FakeMail mail(long size) throws MessagingException {
        return FakeMail.builder()
                .name("mail-3")
                .sender("alice@example.local")
                .recipients("bob@remote.test", "carol@remote.test")
                .size(size)
                .state("relay-out")
                .lastUpdated(Date.from(RECEIVED))
                .mimeMessage(MimeMessageBuilder.mimeMessageBuilder()
                        .setSubject("Report")
                        .addHeader("X-Tag", "one")
                        .addHeader("X-Tag", "two")
                        .setText("body"))
                .build();
    }

    private static String local(Instant time) {
        return DateTimeFormatter.ofPattern("yyyyMMddHHmmss").format(time.atZone(ZoneId.systemDefault()));
    }

    @Test
    void mxoutGetsTheManualsArguments() throws Exception {
        scripts.write(
                "MXOUT.LUA",
                "function CheckFile(filename, actions, size, created, retries, lastTry, returnPath, recipients,\n"
                        + "                   headerData, headerLines)\n"
                        + "  print(filename, actions.SkipSend, actions.ForceRetry, actions.ForceLastTry, actions.Reason,\n"
                        + "        actions.Priority, size, created, retries, lastTry, returnPath)\n"
                        + "  print(table.concat(recipients, \",\"), headerData[\"subject\"], headerData[\"X-TAG\"], table.getn(headerLines))\n"
                        + "  return actions\n"
                        + "end\n");
        FakeMail retried = mail();
        retried.setAttribute(new Attribute(AttributeName.of("delivery_retry_count"), AttributeValue.of(2)));

        mx().service(mail());
        mx().service(retried);

        String created = local(RECEIVED);
        assertThat(scripts.luaOut()).hasSize(4);
        assertThat(scripts.luaOut().get(0))
                .isEqualTo("mail-3\tfalse\tfalse\tfalse\t\t50\t2048\t" + created + "\t0\t\talice@example.local");
        assertThat(scripts.luaOut().get(1)).startsWith("bob@remote.test,carol@remote.test\tReport\ttwo\t");
        assertThat(scripts.luaOut().get(2)).contains("\t2\t" + created + "\talice@example.local");
        assertThat(scripts.errors()).isEmpty();
    }

    @Test
    void relayoutGetsTheRelayArguments() throws Exception {
        scripts.write(
                "RELAYOUT.LUA",
                "function CheckFile(filename, actions, size, created, returnPath, recipients, headerData, headerLines)\n"
                        + "  print(filename, actions.SkipSend, actions.ForceRetry, actions.Priority, size, created, returnPath,\n"
                        + "        recipients[2], headerData.Subject)\n"
                        + "  return actions\n"
                        + "end\n");

        init(new RelayOutMailet(engine, callers, new UncompiledScripts(engine))).service(mail());

        assertThat(scripts.luaOut())
                .containsExactly("mail-3\tfalse\tnil\t50\t2048\t" + local(RECEIVED)
                        + "\talice@example.local\tcarol@remote.test\tReport");
    }

    @Test
    void withoutScriptOrWithUnchangedActionsTheMailGoesOut() throws Exception {
        FakeMail mail = mail();
        mx().service(mail);
        scripts.write("MXOUT.LUA", "function CheckFile(f, actions) return actions end");
        mx().service(mail);

        assertThat(mail.getState()).isEqualTo("relay-out");
        assertThat(mail.getAttribute(AttributeName.of("MAIL_PRIORITY"))).isEmpty();
        assertThat(context.getSentMails()).isEmpty();
    }

    @Test
    void aChangedPriorityBecomesTheQueuePriority() throws Exception {
        scripts.write(
                "MXOUT.LUA",
                "function CheckFile(filename, actions, size)\n"
                        + "  if size > 1000 then actions.Priority = 1 else actions.Priority = 100 end\n"
                        + "  return actions\n"
                        + "end\n");
        FakeMail big = mail();
        FakeMail small = mail(10);

        mx().service(big);
        mx().service(small);

        assertThat(big.getAttribute(AttributeName.of("MAIL_PRIORITY"))
                        .orElseThrow()
                        .getValue()
                        .value())
                .isEqualTo(0);
        assertThat(small.getAttribute(AttributeName.of("MAIL_PRIORITY"))
                        .orElseThrow()
                        .getValue()
                        .value())
                .isEqualTo(9);
        assertThat(big.getState()).isEqualTo("relay-out");
    }

    @Test
    void thePriorityClassDecidesTheProcessorAndTheDefaultStays() throws Exception {
        scripts.write(
                "MXOUT.LUA",
                "function CheckFile(filename, actions, size)\n"
                        + "  if size > 1000 then actions.Priority = 10 elseif size > 100 then actions.Priority = 50.5 end\n"
                        + "  return actions\n"
                        + "end\n");
        FakeMail low = mail();
        FakeMail high = mail(500);
        FakeMail normal = mail(10);
        MxOutMailet mailet = mx("priorityProcessors", "above 50: relay-high ; BELOW 50:relay-low;");

        for (FakeMail mail : new FakeMail[] {low, high, normal}) {
            mailet.service(mail);
        }

        assertThat(low.getState()).isEqualTo("relay-low");
        assertThat(high.getState()).isEqualTo("relay-high");
        assertThat(normal.getState()).isEqualTo("relay-out");
        assertThat(mailet.requiredProcessingState())
                .containsExactly(new ProcessingState("relay-high"), new ProcessingState("relay-low"));
    }

    @Test
    void theFirstMatchingClassWinsAndWithoutScriptTheDefaultPriorityCounts() throws Exception {
        FakeMail mail = mail();

        init(
                        new RelayOutMailet(engine, callers, new UncompiledScripts(engine)),
                        "priorityProcessors",
                        "above 80: urgent; above 40: relay-all")
                .service(mail);

        assertThat(mail.getState()).isEqualTo("relay-all");
        assertThat(mail.getAttribute(AttributeName.of("MAIL_PRIORITY"))).isEmpty();
    }

    @Test
    void heldMailAndLastTriesLeaveTheirPriorityClassAside() throws Exception {
        scripts.write(
                "MXOUT.LUA",
                "function CheckFile(filename, actions, size)\n"
                        + "  actions.Priority = 100\n"
                        + "  if size > 1000 then actions.SkipSend = true else actions.ForceLastTry = true end\n"
                        + "  return actions\n"
                        + "end\n");
        FakeMail held = mail();
        FakeMail lastTry = mail(10);
        MxOutMailet mailet = mx("priorityProcessors", "above 50: relay-high", "lastTryProcessor", "last-try");

        mailet.service(held);
        mailet.service(lastTry);

        assertThat(held.getState()).isEqualTo(Mail.GHOST);
        assertThat(context.getSentMails())
                .singleElement()
                .satisfies(sent -> assertThat(sent.getState()).isEqualTo("relay-out"));
        assertThat(lastTry.getState()).isEqualTo("last-try");
    }

    @Test
    void aPriorityClassListThatIsNotOneStopsTheMailetFromStarting() {
        for (String wrong :
                new String[] {"over 50: high", "above fifty: high", "above 50", "above 50:", "relay-high"}) {
            assertThatThrownBy(() -> mx("priorityProcessors", wrong))
                    .as(wrong)
                    .isInstanceOf(MessagingException.class)
                    .hasMessageContaining("priorityProcessors");
        }
    }

    @Test
    void skipSendPutsTheMailBackIntoTheSpoolOnce() throws Exception {
        scripts.write("MXOUT.LUA", SKIP);
        FakeMail mail = mail();

        mx().service(mail);

        assertThat(mail.getState()).isEqualTo(Mail.GHOST);
        assertThat(context.getSentMails()).singleElement().satisfies(held -> {
            assertThat(held.getState()).isEqualTo("relay-out");
            assertThat(held.getDelay()).contains(new FakeMailContext.Delay(15 * 60 * 1000, TimeUnit.MILLISECONDS));
            assertThat(held.getRecipients()).hasSize(2);
            assertThat(held.getSubject()).contains("Report");
        });
    }

    @Test
    void aBlankHoldProcessorIsAsNoneAndTheHeldMailComesBackWhereItWas() throws Exception {
        scripts.write("MXOUT.LUA", SKIP);
        FakeMail mail = mail();
        MxOutMailet mailet = mx("holdProcessor", " ", "lastTryProcessor", " ", "priorityProcessors", " ");

        mailet.service(mail);

        assertThat(mailet.requiredProcessingState()).isEmpty();
        assertThat(context.getSentMails())
                .singleElement()
                .satisfies(held -> assertThat(held.getState()).isEqualTo("relay-out"));
    }

    @Test
    void aHeldMailKeepsItsCreationTimeAndGoesWhereConfigured() throws Exception {
        scripts.write("RELAYOUT.LUA", SKIP);
        FakeMail mail = mail();

        init(
                        new RelayOutMailet(engine, callers, new UncompiledScripts(engine)),
                        "holdProcessor",
                        "held",
                        "holdDelay",
                        "2 hours")
                .service(mail);

        FakeMailContext.SentMail held = context.getSentMails().get(0);
        assertThat(held.getState()).isEqualTo("held");
        assertThat(held.getDelay()).contains(new FakeMailContext.Delay(2 * 3600 * 1000, TimeUnit.MILLISECONDS));
        FakeMail back = FakeMail.builder()
                .name("mail-3")
                .sender("alice@example.local")
                .recipients("bob@remote.test")
                .lastUpdated(new Date())
                .mimeMessage(held.getMsg())
                .attributes(held.getAttributes().values())
                .build();
        scripts.write("RELAYOUT.LUA", "function CheckFile(f, a, s, created) print(created) return a end");
        init(new RelayOutMailet(engine, callers, new UncompiledScripts(engine))).service(back);
        assertThat(scripts.luaOut()).containsExactly(local(RECEIVED));
    }

    @Test
    void forceLastTryGoesToTheLastTryProcessorWhenThereIsOne() throws Exception {
        scripts.write(
                "MXOUT.LUA",
                "function CheckFile(f, actions, size) actions.ForceLastTry = size < 1000 return actions end");
        FakeMail configured = mail(10);
        FakeMail notConfigured = mail(10);
        // a mail the script does not give its last try keeps its retries
        FakeMail notLastTry = mail();

        MxOutMailet withProcessor = mx("lastTryProcessor", "last-try");
        withProcessor.service(configured);
        withProcessor.service(notLastTry);
        mx().service(notConfigured);

        assertThat(configured.getState()).isEqualTo("last-try");
        assertThat(notLastTry.getState()).isEqualTo("relay-out");
        assertThat(notConfigured.getState()).isEqualTo("relay-out");
        assertThat(withProcessor.requiredProcessingState()).containsExactly(new ProcessingState("last-try"));
    }

    @Test
    void failuresAndUnusableResultsLetTheMailGoOut() throws Exception {
        scripts.write(
                "MXOUT.LUA",
                "function CheckFile(filename, actions, size)\n"
                        + "  if size > 1000 then error(\"queue check broke\") end\n"
                        + "end\n");
        FakeMail failing = mail();
        FakeMail nothingReturned = mail(10);

        mx().service(failing);
        mx().service(nothingReturned);
        scripts.write("MXOUT.LUA", "function CheckFile(f, actions) actions.SkipSend = 'yes' return actions end");
        mx().service(failing);

        assertThat(failing.getState()).isEqualTo("relay-out");
        assertThat(nothingReturned.getState()).isEqualTo("relay-out");
        assertThat(context.getSentMails()).isEmpty();
        assertThat(scripts.errors()).hasSize(3);
        assertThat(scripts.errors().get(0))
                .contains("MXOUT.LUA CheckFile line 2 [RUNTIME]")
                .contains("queue check broke");
        assertThat(scripts.errors().get(1))
                .contains("[BAD_RETURN]: CheckFile's result must be the actions table, not nil");
        assertThat(scripts.errors().get(2)).contains("[BAD_RETURN]: actions.SkipSend must be a boolean, not string");
    }

    @Test
    void vpop3PrioritiesMapOntoJamesPriorities() {
        assertThat(QueuePriority.of(50)).isEqualTo(5);
        assertThat(QueuePriority.of(51)).isEqualTo(6);
        assertThat(QueuePriority.of(62.5)).isEqualTo(6);
        assertThat(QueuePriority.of(75)).isEqualTo(7);
        assertThat(QueuePriority.of(87.5)).isEqualTo(8);
        assertThat(QueuePriority.of(100)).isEqualTo(9);
        assertThat(QueuePriority.of(1000)).isEqualTo(9);
        assertThat(QueuePriority.of(49)).isEqualTo(4);
        assertThat(QueuePriority.of(10)).isEqualTo(1);
        assertThat(QueuePriority.of(9.9)).isEqualTo(0);
        assertThat(QueuePriority.of(-5)).isEqualTo(0);
        assertThat(QueuePriority.of(Double.NaN)).isEqualTo(5);
    }

    @Test
    void onScriptErrorPassSendsTheMailAsWithoutAScriptAndErrorFailsTheMailet() throws Exception {
        scripts.write(
                "RELAYOUT.LUA",
                "function CheckFile(filename, actions)\n" + "  error(\"checkfile exploded\")\n" + "end\n");
        scripts.write(
                "MXOUT.LUA", "function CheckFile(filename, actions)\n" + "  error(\"checkfile exploded\")\n" + "end\n");
        FakeMail passed = mail();
        FakeMail failed = mail();

        init(new RelayOutMailet(engine, callers, new UncompiledScripts(engine)), "onScriptError", "pass")
                .service(passed);

        assertThat(passed.getState()).isEqualTo("relay-out");
        assertThat(context.getSentMails()).isEmpty();
        assertThatThrownBy(() -> init(
                                new MxOutMailet(engine, callers, new UncompiledScripts(engine)),
                                "onScriptError",
                                "error")
                        .service(failed))
                .isInstanceOf(MessagingException.class)
                .hasMessageContaining("checkfile exploded");
        scripts.write("MXOUT.LUA", "function CheckFile(filename, actions) return 'not a table' end\n");
        assertThatThrownBy(() -> init(
                                new MxOutMailet(engine, callers, new UncompiledScripts(engine)),
                                "onScriptError",
                                "error")
                        .service(failed))
                .isInstanceOf(MessagingException.class)
                .hasMessageContaining("[BAD_RETURN]");
        assertThat(failed.getState()).isEqualTo("relay-out");
        assertThat(failed.getRecipients()).hasSize(2);
    }

    @Test
    void aScriptThatNeverCompiledFailsTheMailUnderErrorAndLetsItGoUnderPass() throws Exception {
        scripts.write("MXOUT.LUA", "function CheckFile(filename, actions\n");
        scripts.write("RELAYOUT.LUA", "function CheckFile(filename, actions\n");
        FakeMail failed = mail();
        FakeMail passed = mail();

        assertThatThrownBy(() -> mx("onScriptError", "error").service(failed))
                .isInstanceOf(MessagingException.class)
                .hasMessageContaining("MXOUT.LUA does not compile and has not compiled since James started");
        init(new RelayOutMailet(engine, callers, new UncompiledScripts(engine)), "onScriptError", "pass")
                .service(passed);

        assertThat(failed.getState()).isEqualTo(mail().getState());
        assertThat(failed.getRecipients()).hasSize(2);
        assertThat(passed.getState()).isEqualTo("relay-out");
        assertThat(context.getSentMails()).isEmpty();
    }
}
