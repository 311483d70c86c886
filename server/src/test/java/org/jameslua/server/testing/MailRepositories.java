package org.jameslua.server.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jameslua.server.JamesLuaServer;

/**
 * The mail James keeps in its mail repositories, read over webadmin: {@code var/mail/relay-denied} (mail the
 * {@code transport} processor would not relay) and {@code var/mail/outbound} (what the development server's
 * RemoteDelivery would have sent, when it has no outbound gateway) and {@code var/mail/error} (the {@code error}
 * processor's mail).
 */
public final class MailRepositories {
    public static final String RELAY_DENIED = "var/mail/relay-denied";
    public static final String OUTBOUND = "var/mail/outbound";
    public static final String ERROR = "var/mail/error";

    private static final Duration DELIVERY = Duration.ofSeconds(15);
    // as long as MailFlow waits for a duplicate in an INBOX
    private static final Duration SETTLED = Duration.ofMillis(1500);
    private static final Pattern KEY = Pattern.compile("\"([^\"]+)\"");
    private static final Pattern RECIPIENTS = Pattern.compile("\"recipients\":\\[([^\\]]*)\\]");

    private final WebAdminClient webAdmin;

    public MailRepositories(JamesLuaServer server) {
        this.webAdmin = new WebAdminClient(server.webAdminPort());
    }

    /** Waits until a mail of this repository has exactly these recipients (in any order). */
    public void awaitMailTo(String repository, String... recipients) {
        await().atMost(DELIVERY)
                .untilAsserted(() -> assertThat(recipientLists(repository))
                        .anySatisfy(list -> assertThat(list).containsExactlyInAnyOrder(recipients)));
    }

    /**
     * Asserts, reading again and again for a moment, that no mail of this repository is addressed to {@code
     * recipient}. Call it once the mail checked has shown up where it should (an INBOX, another repository): James
     * processes a mail's copies together, and one it sends back through the spool comes within a moment, so a late
     * copy fails the test as an early one would.
     */
    public void assertNeverTo(String repository, String recipient) {
        await().atMost(SETTLED.multipliedBy(4))
                .during(SETTLED)
                .untilAsserted(() -> assertThat(recipientLists(repository))
                        .noneSatisfy(list -> assertThat(list).contains(recipient)));
    }

    /** The recipients of each mail in the repository; none while James has not created the repository yet. */
    public List<List<String>> recipientLists(String repository) throws IOException, InterruptedException {
        String path = "/mailRepositories/" + URLEncoder.encode(repository, StandardCharsets.UTF_8) + "/mails";
        HttpResponse<String> keys = webAdmin.get(path);
        List<List<String>> mails = new ArrayList<>();
        if (keys.statusCode() == 404) {
            return mails;
        }
        assertThat(keys.statusCode()).as(keys.body()).isEqualTo(200);
        Matcher key = KEY.matcher(keys.body());
        while (key.find()) {
            String details = webAdmin.get(path + "/" + URLEncoder.encode(key.group(1), StandardCharsets.UTF_8))
                    .body();
            Matcher recipients = RECIPIENTS.matcher(details);
            assertThat(recipients.find()).as(details).isTrue();
            List<String> list = new ArrayList<>();
            Matcher address = KEY.matcher(recipients.group(1));
            while (address.find()) {
                list.add(address.group(1));
            }
            mails.add(list);
        }
        return mails;
    }
}
