package org.jameslua.server.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.List;
import org.jameslua.server.JamesLuaServer;
import org.jameslua.server.testing.JamesLuaServerExtension;
import org.jameslua.server.testing.LuaScripts;
import org.jameslua.server.testing.RawSmtpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/**
 * Text a script controls reaches James's log escaped, one entry one line: an error message, a ProcessMessage
 * Reason and a refusal, each carrying CR LF, NUL and other control bytes over real SMTP.
 */
class LogInjectionTest {
    private static final String HOST = "127.0.0.1";
    private static final String USER = "user@example.local";

    @RegisterExtension
    static final JamesLuaServerExtension SERVER = new JamesLuaServerExtension();

    private final ListAppender<ILoggingEvent> events = new ListAppender<>();
    private final Logger pack = (Logger) LoggerFactory.getLogger("org.jameslua");
    private Level packLevel;
    private LuaScripts scripts;

    @BeforeEach
    void capture(JamesLuaServer server) {
        scripts = new LuaScripts(server.scriptsFolder());
        packLevel = pack.getLevel();
        // the Reason lines are INFO; the test configuration logs warnings only
        pack.setLevel(Level.INFO);
        events.start();
        pack.addAppender(events);
    }

    @AfterEach
    void release() throws Exception {
        pack.detachAppender(events);
        pack.setLevel(packLevel);
        scripts.putBack();
    }

    @Test
    void errorsReasonsAndRefusalsAreOneLineEach(JamesLuaServer server) throws Exception {
        scripts.install("""
            function DoHELO(host, refuse, ehlo)
              error("bad\\r\\n250 injected\\0" .. string.char(1))
            end
            function DoMAILFROM(data, from, params)
              dofile("../x\\r\\nWARN forged refusal")
            end
            function ProcessMessage(from, subject, recipients, actions, mime, size, attachments)
              actions.Reason = "kept\\r\\nINFO forged reason\\0"
              return actions, ""
            end
            """);

        try (RawSmtpClient smtp = RawSmtpClient.connect(HOST, server.smtpPort())) {
            smtp.readReply();
            assertThat(smtp.command("EHLO client.example").code()).isEqualTo(250);
            assertThat(smtp.command("MAIL FROM:<sender@example.org>").code()).isEqualTo(250);
            assertThat(smtp.command("RCPT TO:<" + USER + ">").code()).isEqualTo(250);
            assertThat(smtp.command("DATA").code()).isEqualTo(354);
            assertThat(smtp.sendMessage("Subject: forged logs\n\nbody\n").code())
                    .isEqualTo(250);
        }

        await().atMost(Duration.ofSeconds(10))
                .until(() -> messages().stream()
                                .filter(message -> message.contains("forged reason"))
                                .count()
                        == 1);
        List<String> messages = messages();
        assertThat(messages).allSatisfy(message -> assertThat(message).doesNotContain("\r", "\n", "\0", "\u0001"));
        assertThat(messages)
                .anySatisfy(message -> assertThat(message)
                        .contains("SMTPSVR.LUA DoHELO line 2 [RUNTIME]")
                        .endsWith("bad\\r\\n250 injected\\0\\x01"));
        assertThat(messages)
                .anySatisfy(message -> assertThat(message)
                        .contains("SMTPSVR.LUA DoMAILFROM line 5 [SANDBOX]")
                        .contains("../x\\r\\nWARN forged refusal"));
        assertThat(messages).anySatisfy(message -> assertThat(message).endsWith(": kept\\r\\nINFO forged reason\\0"));

        assertThat(scripts.errors())
                .hasSize(2)
                .allSatisfy(line -> assertThat(line).doesNotContain("\0", "\u0001"))
                .anySatisfy(line -> assertThat(line).endsWith("bad\\r\\n250 injected\\0\\x01"));
    }

    private List<String> messages() {
        return events.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }
}
