package org.jameslua.server.testing;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jameslua.server.JamesLuaServer;

/** A running server's mail queues as webadmin shows them ({@code GET /mailQueues/<name>}). */
public final class MailQueues {
    private static final Pattern SIZE = Pattern.compile("\"size\"\\s*:\\s*(\\d+)");

    private final WebAdminClient webAdmin;

    public MailQueues(JamesLuaServer server) {
        this.webAdmin = new WebAdminClient(server.webAdminPort());
    }

    /** How many mails wait in the queue (those being delivered not counted). */
    public long size(String queue) throws Exception {
        String body = webAdmin.get("/mailQueues/" + queue).body();
        Matcher size = SIZE.matcher(body);
        if (!size.find()) {
            throw new IllegalStateException("No size in " + body);
        }
        return Long.parseLong(size.group(1));
    }

    public void awaitSize(String queue, long expected) {
        await().atMost(Duration.ofSeconds(15)).until(() -> size(queue) == expected);
    }
}
