package org.jameslua.server.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * MXOUT.LUA as shipped, in the relay processor before RemoteDelivery (sending to a loopback server as its gateway,
 * where it would otherwise look up the recipients' MX servers): the sample puts urgent mail in the high priority
 * class and bulk mail in the low one, each class a processor with its own RemoteDelivery and queue. That a backlog
 * in one class does not hold up another is shown on James's own distribution (DeployedDistributionTest).
 */
class MxOutScriptTest {
    private static final String SENDER = "alice@client.example";
    private static final String RECIPIENT = "bob@remote.test";

    @TempDir
    static Path conf;

    static LoopbackSmtpServer remote = new LoopbackSmtpServer();

    @RegisterExtension
    static JamesLuaServerExtension james = new JamesLuaServerExtension(builder ->
            builder.confTemplate(OutboundConf.mxOut(conf, "2 seconds")).outboundGateway(remote.host(), remote.port()));

    @AfterAll
    static void stopRemote() throws IOException {
        remote.close();
    }

    @Test
    void theSampleSendsEachMailThroughTheQueueOfItsPriorityClass(JamesLuaServer server) throws Exception {
        MailFlow mail = new MailFlow(server);
        MailQueues queues = new MailQueues(server);
        remote.pause();
        mail.send(SENDER, List.of(RECIPIENT), "Subject: urgent\nX-Priority: 1 (Highest)\n\nNow!\n");
        mail.send(SENDER, List.of(RECIPIENT), "Subject: news\nPrecedence: bulk\n\nWhenever.\n");
        mail.send(SENDER, List.of(RECIPIENT), "Subject: routine\n\nToday.\n");

        // each held at the paused server by the RemoteDelivery of its class
        queues.awaitSize("outgoing-high", 1);
        queues.awaitSize("outgoing-low", 1);
        queues.awaitSize("outgoing", 1);
        remote.resume();

        assertThat(remote.awaitDeliveries(3))
                .extracting(Delivery::subject)
                .containsExactlyInAnyOrder("urgent", "news", "routine");
        assertThat(new LuaScripts(server.scriptsFolder()).errors()).isEmpty();
    }
}
