package org.jameslua.server.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jameslua.server.JamesLuaServer;
import org.jameslua.server.testing.LuaScripts;
import org.jameslua.server.testing.RawSmtpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * An SMTPSVR.LUA that does not compile when James starts has no last version that compiled to fall back to. With
 * {@code script.failure=tempfail} nothing it would refuse may get through meanwhile: every connection is answered
 * 421 until it compiles. With {@code default} James answers as without it, and its log says so from the start.
 */
class SmtpScriptNeverCompiledTest {
    private static final String HOST = "127.0.0.1";
    private static final String BROKEN = """
        function DoMAILFROM(data, from, params)
          if from == "spammer@client.example" then return "550 5.7.1 No" end
          return ""
        -- the operator's edit left out this function's end
        """;

    @TempDir
    Path workingDirectory;

    private final ListAppender<ILoggingEvent> events = new ListAppender<>();
    private final Logger pack = (Logger) LoggerFactory.getLogger("org.jameslua");

    @BeforeEach
    void brokenWhileJamesWasStopped() throws Exception {
        Files.createDirectories(workingDirectory.resolve("scripts"));
        Files.writeString(workingDirectory.resolve("scripts/SMTPSVR.LUA"), BROKEN);
        events.start();
        pack.addAppender(events);
    }

    @AfterEach
    void release() {
        pack.detachAppender(events);
    }

    @Test
    void withTempfailEveryConnectionIsAnswered421UntilTheScriptCompiles() throws Exception {
        try (JamesLuaServer server = JamesLuaServer.builder()
                .workingDirectory(workingDirectory)
                .packSetting("script.failure", "tempfail")
                .start()) {
            try (RawSmtpClient smtp = RawSmtpClient.connect(HOST, server.smtpPort())) {
                assertThat(smtp.readReply().lines())
                        .containsExactly(
                                "421 4.3.0 mail.example.local Service temporarily unavailable, please try again later");
                assertThat(smtp.isClosedByServer()).isTrue();
            }
            LuaScripts scripts = new LuaScripts(server.scriptsFolder());
            assertThat(scripts.errors()).anySatisfy(line -> assertThat(line).contains("SMTPSVR.LUA (compile)"));
            assertThat(jamesLog())
                    .containsOnlyOnce("SMTPSVR.LUA is not in force")
                    .contains("with script.failure=tempfail every SMTP connection is answered 421 4.3.0");

            scripts.install("""
                function DoMAILFROM(data, from, params)
                  if from == "spammer@client.example" then return "550 5.7.1 No" end
                  return ""
                end
                """);

            try (RawSmtpClient smtp = RawSmtpClient.connect(HOST, server.smtpPort())) {
                assertThat(smtp.readReply().code()).isEqualTo(220);
                smtp.command("EHLO client.example");
                assertThat(smtp.command("MAIL FROM:<spammer@client.example>").lines())
                        .containsExactly("550 5.7.1 No");
            }
        }
    }

    @Test
    void withDefaultJamesAnswersAsWithoutTheScriptAndItsLogSaysSoAtStart() throws Exception {
        try (JamesLuaServer server =
                JamesLuaServer.builder().workingDirectory(workingDirectory).start()) {
            assertThat(jamesLog())
                    .contains("SMTPSVR.LUA is not in force: it does not compile and no version of it has compiled"
                            + " since James started")
                    .contains("James answers SMTP as without it (script.failure=default) until it compiles");

            try (RawSmtpClient smtp = RawSmtpClient.connect(HOST, server.smtpPort())) {
                assertThat(smtp.readReply().code()).isEqualTo(220);
                smtp.command("EHLO client.example");
                assertThat(smtp.command("MAIL FROM:<spammer@client.example>").code())
                        .isEqualTo(250);
            }
        }
    }

    private String jamesLog() {
        List<ILoggingEvent> logged = logged();
        return String.join(
                "\n", logged.stream().map(ILoggingEvent::getFormattedMessage).toList());
    }

    // James's threads add to the list meanwhile, under the appender's lock (AppenderBase.doAppend): copied without
    // it, the copy can see the list's new size before its new element, and List.copyOf then throws on the null
    private List<ILoggingEvent> logged() {
        synchronized (events) {
            return List.copyOf(events.list);
        }
    }
}
