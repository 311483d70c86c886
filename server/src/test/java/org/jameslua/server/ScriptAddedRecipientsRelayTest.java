package org.jameslua.server;

import static org.jameslua.server.testing.MailRepositories.OUTBOUND;
import static org.jameslua.server.testing.MailRepositories.RELAY_DENIED;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.jameslua.server.testing.JamesLuaServerExtension;
import org.jameslua.server.testing.LuaScripts;
import org.jameslua.server.testing.MailFlow;
import org.jameslua.server.testing.MailRepositories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A script cannot open the relay: remote recipients that SMTPSVR.LUA's ProcessMessage or a LuaMailet add to mail
 * from a client that neither authenticated nor is in {@code authorizedAddresses} go to {@code relay-denied}, never
 * out. The client (127.0.0.1) is outside the authorized network (RFC 5737's 192.0.2.0/24 only). The development
 * server keeps what it would send in {@code var/mail/outbound}; the authenticated case shows that a relayed
 * script-added recipient does show up there. POP3CLT.LUA's case is in {@code Pop3ClientScriptTest}.
 */
class ScriptAddedRecipientsRelayTest {
    private static final String OUTSIDER = "alice@client.example";
    private static final String USER = "user@example.local";
    private static final String SENDER = "sender@example.local";

    @RegisterExtension
    static JamesLuaServerExtension james = new JamesLuaServerExtension(
            builder -> builder.authorizedAddresses("192.0.2.0/24").user(SENDER, JamesLuaServer.DEFAULT_PASSWORD));

    private static MailFlow mail;
    private static LuaScripts scripts;
    private static MailRepositories repositories;

    @BeforeAll
    static void setUp(JamesLuaServer server) {
        mail = new MailFlow(server);
        scripts = new LuaScripts(server.scriptsFolder());
        repositories = new MailRepositories(server);
    }

    @AfterEach
    void putTheSamplesBack() throws IOException {
        scripts.putBack();
    }

    @Test
    void aRemoteRecipientProcessMessageAddsForAnOutsiderIsDeniedRelay() throws IOException {
        scripts.install("""
            function ProcessMessage(from, subject, recipients, actions, mime, size, attachments)
              actions.Recipients = {"pm-victim@remote.example"}
              return actions
            end
            """);

        mail.send(OUTSIDER, List.of(USER), "Subject: pm outsider\n\nhello\n");

        mail.awaitDeliveries("pm outsider", Map.of(USER, 1));
        repositories.awaitMailTo(RELAY_DENIED, "pm-victim@remote.example");
        repositories.assertNeverTo(OUTBOUND, "pm-victim@remote.example");
    }

    @Test
    void aRemoteRecipientProcessMessageAddsForAnAuthenticatedUserIsRelayed() throws IOException {
        scripts.install("""
            function ProcessMessage(from, subject, recipients, actions, mime, size, attachments)
              actions.Recipients = {"pm-friend@remote.example"}
              return actions
            end
            """);

        mail.sendAuthenticated(
                SENDER, JamesLuaServer.DEFAULT_PASSWORD, SENDER, List.of(USER), "Subject: pm authenticated\n\nhello\n");

        mail.awaitDeliveries("pm authenticated", Map.of(USER, 1));
        repositories.awaitMailTo(OUTBOUND, "pm-friend@remote.example");
    }

    @Test
    void remoteRecipientsALuaMailetSetsForAnOutsiderAreDeniedRelay() throws IOException {
        // the shipped mailetcontainer.xml runs ROUTING.LUA's TagBulk where IsBulk matches, in transport
        scripts.install("ROUTING.LUA", """
            function IsBulk(mail) return mail.Subject == "mailet outsider" end
            function TagBulk(mail) return {Recipients = {"mailet-victim@remote.example", "user@example.local"}} end
            function ListAttachments(mail) return nil end
            """);

        mail.send(OUTSIDER, List.of(USER), "Subject: mailet outsider\n\nhello\n");

        mail.awaitDeliveries("mailet outsider", Map.of(USER, 1));
        repositories.awaitMailTo(RELAY_DENIED, "mailet-victim@remote.example");
        repositories.assertNeverTo(OUTBOUND, "mailet-victim@remote.example");
    }
}
