package org.jameslua.server.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.jameslua.server.JamesLuaServer;
import org.jameslua.server.testing.JamesLuaServerExtension;
import org.jameslua.server.testing.LoopbackSmtpServer;
import org.jameslua.server.testing.LoopbackSmtpServer.Delivery;
import org.jameslua.server.testing.LuaScripts;
import org.jameslua.server.testing.MailFlow;
import org.jameslua.server.testing.MailQueues;
import org.jameslua.server.testing.OutboundConf;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * RELAYOUT.LUA in the relay processor, before the RemoteDelivery that sends through a relay server: here the
 * loopback SMTP server. Priority picks the class, a processor with its own RemoteDelivery and queue: while the
 * loopback server holds its replies, each mail waits in the queue of its class.
 */
class RelayOutScriptTest {
    private static final String SCRIPT = "RELAYOUT.LUA";
    private static final String SENDER = "alice@client.example";
    private static final String RECIPIENT = "bob@remote.test";

    @TempDir
    static Path conf;

    static LoopbackSmtpServer relay = new LoopbackSmtpServer();

    @RegisterExtension
    static JamesLuaServerExtension james =
            new JamesLuaServerExtension(builder -> builder.confTemplate(OutboundConf.relayOut(conf, "1 second"))
                    .outboundGateway(relay.host(), relay.port())
                    // the runaway script of the failure test stops sooner
                    .packSetting("limit.time.ms", "2000"));

    private static LuaScripts scripts;
    private static MailFlow mail;
    private static MailQueues queues;

    @BeforeAll
    static void setUp(JamesLuaServer server) throws IOException {
        scripts = new LuaScripts(server.scriptsFolder());
        mail = new MailFlow(server);
        queues = new MailQueues(server);
    }

    private int errorsBefore;

    @BeforeEach
    void countErrors() throws IOException {
        errorsBefore = scripts.errors().size();
    }

    @AfterEach
    void putTheSamplesBack() throws Exception {
        relay.reset();
        scripts.putBack();
        for (String queue : List.of("outgoing-high", "outgoing", "outgoing-low")) {
            queues.awaitSize(queue, 0);
        }
    }

    @AfterAll
    static void stopRelay() throws IOException {
        relay.close();
    }

    @Test
    void theSampleSendsBulkMailThroughTheLowClass() throws Exception {
        sendWhileTheRelayHolds(
                "Subject: weekly news\nPrecedence: bulk\n\nNews.\n",
                "Subject: order 1\n\nPlease send.\n",
                "Subject: order 2\n\nPlease send more.\n");

        queues.awaitSize("outgoing-low", 1);
        queues.awaitSize("outgoing", 2);
        assertThat(deliveredOnceReleased(3)).containsExactlyInAnyOrder("weekly news", "order 1", "order 2");
        assertThat(newErrors()).isEmpty();
    }

    @Test
    void priorityPicksAClassAboveAtOrBelowTheDefault() throws Exception {
        scripts.install(SCRIPT, """
            function CheckFile(filename, actions, size, created, returnPath, recipients, headerData, headerLines)
              actions.Priority = tonumber(headerData["x-test-priority"]) or actions.Priority
              return actions
            end
            """);

        sendWhileTheRelayHolds(
                "Subject: low\nX-Test-Priority: 20\n\n.\n",
                "Subject: high\nX-Test-Priority: 90\n\n.\n",
                "Subject: normal\n\n.\n",
                "Subject: slightly lower\nX-Test-Priority: 49.5\n\n.\n",
                "Subject: explicitly normal\nX-Test-Priority: 50\n\n.\n",
                "Subject: slightly higher\nX-Test-Priority: 55\n\n.\n");

        queues.awaitSize("outgoing-high", 2);
        queues.awaitSize("outgoing", 2);
        queues.awaitSize("outgoing-low", 2);
        assertThat(deliveredOnceReleased(6)).hasSize(6);
        assertThat(newErrors()).isEmpty();
    }

    @Test
    void skipSendHoldsTheMailAndItGoesOutOnceTheScriptLetsItGo() throws Exception {
        scripts.install(SCRIPT, """
            function CheckFile(filename, actions, size, created, returnPath, recipients, headerData, headerLines)
              print("held " .. headerData["subject"] .. " created " .. created)
              actions.SkipSend = true
              actions.Reason = "not yet"
              return actions
            end
            """);

        mail.send(SENDER, List.of(RECIPIENT), "Subject: held back\n\nLater.\n");

        // asked again after each holdDelay, always with the time the mail first came
        await().atMost(Duration.ofSeconds(15)).until(() -> heldLines().size() >= 3);
        assertThat(heldLines().stream().distinct()).hasSize(1);
        assertThat(relay.deliveries()).isEmpty();

        scripts.putBack();
        Delivery delivery = relay.awaitSingle("held back");
        assertThat(delivery.sender()).isEqualTo(SENDER);
        assertThat(delivery.recipients()).containsExactly(RECIPIENT);
        assertThat(newErrors()).isEmpty();
    }

    @Test
    void aFailingOrBrokenScriptLetsTheMailGoOutOnce() throws Exception {
        scripts.install(SCRIPT, """
            function CheckFile(filename, actions) error("cannot decide") end
            """);
        mail.send(SENDER, List.of(RECIPIENT), "Subject: despite an error\n\n.\n");
        // out before the next script goes in; the last mail's wait gives a late copy of any of them time to show
        relay.awaitDeliveries(1);

        scripts.install(SCRIPT, """
            function CheckFile(filename, actions) return "send it" end
            """);
        mail.send(SENDER, List.of(RECIPIENT), "Subject: despite a bad return\n\n.\n");
        relay.awaitDeliveries(2);

        scripts.install(SCRIPT, """
            function CheckFile(filename, actions) while true do end end
            """);
        mail.send(SENDER, List.of(RECIPIENT), "Subject: despite a runaway script\n\n.\n");
        relay.awaitSingle("despite a runaway script");
        assertThat(relay.deliveries())
                .extracting(Delivery::subject)
                .containsExactlyInAnyOrder("despite an error", "despite a bad return", "despite a runaway script");

        assertThat(newErrors())
                .hasSize(3)
                .anySatisfy(line -> assertThat(line).contains("[RUNTIME]"))
                .anySatisfy(line -> assertThat(line).contains("[BAD_RETURN]"))
                .anySatisfy(line -> assertThat(line).containsAnyOf("[TIMEOUT]", "[RUNTIME]"));
    }

    private List<String> newErrors() throws IOException {
        List<String> errors = scripts.errors();
        return errors.subList(errorsBefore, errors.size());
    }

    private List<String> heldLines() throws IOException {
        return scripts.luaOut()
                .lines()
                .filter(line -> line.startsWith("held held back"))
                .toList();
    }

    private static void sendWhileTheRelayHolds(String... messages) throws Exception {
        relay.pause();
        for (String message : messages) {
            mail.send(SENDER, List.of(RECIPIENT), message);
        }
    }

    private static List<String> deliveredOnceReleased(int count) {
        relay.resume();
        return relay.awaitDeliveries(count).stream().map(Delivery::subject).toList();
    }
}
