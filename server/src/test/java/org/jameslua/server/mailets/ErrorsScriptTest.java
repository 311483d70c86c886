package org.jameslua.server.mailets;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import javax.mail.internet.MimeMessage;
import org.jameslua.server.JamesLuaServer;
import org.jameslua.server.testing.JamesLuaServerExtension;
import org.jameslua.server.testing.LuaScripts;
import org.jameslua.server.testing.MailFlow;
import org.jameslua.server.testing.WebAdminClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * ERRORS.LUA on the shipped mailetcontainer.xml (ErrorsMailet in the {@code error} processor). The failure is a
 * real one: LocalDelivery cannot store mail for a user over quota, and James sends that mail to {@code error}.
 * The notice the script decided is read from the mailbox it went to.
 */
class ErrorsScriptTest {
    private static final String SCRIPT = "ERRORS.LUA";
    private static final String PASSWORD = JamesLuaServer.DEFAULT_PASSWORD;
    private static final String OUTSIDER = "alice@client.example";
    private static final String POSTMASTER = "postmaster@example.local";
    private static final String OPS = "ops@example.local";
    private static final String FULL = "full@example.local";

    @RegisterExtension
    static JamesLuaServerExtension james = new JamesLuaServerExtension(
            builder -> builder.user(POSTMASTER, PASSWORD).user(OPS, PASSWORD).user(FULL, PASSWORD));

    private static LuaScripts scripts;
    private static MailFlow mail;

    @BeforeAll
    static void setUp(JamesLuaServer server) throws Exception {
        scripts = new LuaScripts(server.scriptsFolder());
        mail = new MailFlow(server);
        // no message fits in one byte
        assertThat(new WebAdminClient(server.webAdminPort())
                        .put("/quota/users/" + FULL + "/size", "1")
                        .statusCode())
                .isEqualTo(204);
    }

    @AfterEach
    void putTheSamplesBack() throws IOException {
        scripts.putBack();
    }

    @Test
    void theSampleScriptTellsThePostmasterWithTheMailsNameInTheSubject() throws Exception {
        mail.send(OUTSIDER, List.of(FULL), "Subject: too big for the box\n\nhello\n");

        MimeMessage notice = mail.awaitDeliveries(
                        subject -> subject.startsWith("[James] Error processing a message (error-"),
                        Map.of(POSTMASTER, 1, OPS, 0))
                .get(POSTMASTER)
                .get(0);
        assertThat(notice.getFrom()).extracting(Object::toString).containsExactly(POSTMASTER);
        assertThat(notice.getHeader("Auto-Submitted", null)).isEqualTo("auto-generated");
        assertThat((String) notice.getContent())
                .contains("from " + OUTSIDER + " to " + FULL
                        + " (subject \"too big for the box\") could not be processed");
        assertThat(mail.messages(FULL, subject -> true)).isEmpty();
        assertThat(scripts.errors()).isEmpty();
    }

    @Test
    void theScriptChoosesSubjectTextAndTargetOrNoNoticeAtAll() throws Exception {
        scripts.install(SCRIPT, """
            function ProcessError(itemid, errorText, connectionError, subjectId, subjectText, formatId, formatText,
                                  params, target, sender)
              if string.find(params[3], "quiet") then
                return "Quiet: " .. params[3], "", "ops@example.local"
              end
              return "Undeliverable: " .. params[3],
                     "Mail from %1 to %2 was not stored (kind " .. subjectId .. "/" .. formatId .. ", 100%%).",
                     "ops@example.local"
            end
            """);

        mail.send(OUTSIDER, List.of(FULL), "Subject: quiet failure\n\nhello\n");
        mail.send(OUTSIDER, List.of(FULL), "Subject: loud failure\n\nhello\n");

        MimeMessage notice = mail.awaitSingle(OPS, "Undeliverable: loud failure", Map.of(OPS, 1, POSTMASTER, 0));
        assertThat(((String) notice.getContent()).strip())
                .isEqualTo("Mail from " + OUTSIDER + " to " + FULL + " was not stored (kind 101/201, 100%).");
        // a blank text: no notice (the script gave it a subject of its own, so one would show)
        mail.awaitDeliveries(subject -> subject.contains("quiet failure"), Map.of(OPS, 0, POSTMASTER, 0));
        assertThat(mail.messages(FULL, subject -> true)).isEmpty();
        assertThat(scripts.errors()).isEmpty();
    }
}
