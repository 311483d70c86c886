package org.jameslua.server.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.jameslua.server.JamesLuaServer;
import org.jameslua.server.testing.LoopbackSmtpServer;
import org.jameslua.server.testing.LoopbackSmtpServer.Delivery;
import org.jameslua.server.testing.LuaScripts;
import org.jameslua.server.testing.MailFlow;
import org.jameslua.server.testing.OutboundConf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A mail MXOUT.LUA holds back waits in James's spool with a delay. The pack's server keeps its queues on disk in
 * the working directory, so the held mail outlives a restart: the new server asks the script again, and once the
 * script lets it go the mail reaches the remote server, once.
 */
class HeldMailRestartTest {
    private static final String SCRIPT = "MXOUT.LUA";
    private static final String SUBJECT = "held over a restart";
    private static final String HOLD = """
        function CheckFile(filename, actions, size, created, retries, lastTry, returnPath, recipients, headerData)
          print("held " .. headerData["subject"])
          actions.SkipSend = true
          actions.Reason = "waiting for the evening"
          return actions
        end
        """;

    @TempDir
    Path conf;

    @TempDir
    Path workingDirectory;

    @Test
    void aHeldMailIsStillHeldAfterARestartAndGoesOutOnceReleased() throws Exception {
        Path template = OutboundConf.mxOut(conf, "2 seconds");
        try (LoopbackSmtpServer remote = new LoopbackSmtpServer()) {
            String sample;
            int heldBeforeRestart;
            try (JamesLuaServer first = start(template, remote)) {
                LuaScripts scripts = new LuaScripts(first.scriptsFolder());
                sample = scripts.read(SCRIPT);
                scripts.install(SCRIPT, HOLD);
                new MailFlow(first)
                        .send(
                                "alice@client.example",
                                List.of("bob@remote.test"),
                                "Subject: " + SUBJECT + "\n\nFor later.\n");
                await().atMost(Duration.ofSeconds(15)).until(() -> held(scripts) >= 1);
                heldBeforeRestart = held(scripts);
            }

            try (JamesLuaServer second = start(template, remote)) {
                LuaScripts scripts = new LuaScripts(second.scriptsFolder());
                // the scripts folder outlives the restart too: the mail comes back and is held again
                await().atMost(Duration.ofSeconds(15)).until(() -> held(scripts) > heldBeforeRestart);
                assertThat(remote.deliveries()).isEmpty();

                scripts.install(SCRIPT, sample);
                Delivery delivery = remote.awaitSingle(SUBJECT);
                assertThat(delivery.sender()).isEqualTo("alice@client.example");
                assertThat(delivery.recipients()).containsExactly("bob@remote.test");
                assertThat(scripts.errors()).isEmpty();
            }
        }
    }

    private JamesLuaServer start(Path template, LoopbackSmtpServer remote) throws Exception {
        return JamesLuaServer.builder()
                .confTemplate(template)
                .workingDirectory(workingDirectory)
                .outboundGateway(remote.host(), remote.port())
                .start();
    }

    private static int held(LuaScripts scripts) throws IOException {
        return (int) scripts.luaOut()
                .lines()
                .filter(line -> line.equals("held " + SUBJECT))
                .count();
    }
}
