package org.jameslua.distribution;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * FetchMail switched on as the comments of the deployed {@code fetchmail.xml} tell an operator, collecting an
 * account of James's own POP3 server (switched on on a free port), which stands in for the operator's ISP. The
 * account's domain is listed in {@code domainlist.xml}: FetchMail refuses a default domain James does not have as it
 * starts, and the memory server starts with {@code localhost} only.
 */
final class FetchingConf {
    /** The {@code <fetch>} task's name in the sample, which FetchMail writes into {@code X-fetched-from}. */
    static final String TASK = "isp";

    private final Path conf;

    private FetchingConf(Path conf) {
        this.conf = conf;
    }

    static void apply(Path james, String domain, String account, String password, String recipient) throws IOException {
        FetchingConf fetching = new FetchingConf(james.resolve("conf"));
        int pop3 = freePort();
        fetching.edit("pop3server.xml", "<pop3server enabled=\"false\">", "<pop3server enabled=\"true\">");
        fetching.edit(
                "pop3server.xml", "<bind>0.0.0.0:110</bind>", "<bind>" + LoopbackConf.HOST + ":" + pop3 + "</bind>");
        fetching.edit(
                "domainlist.xml",
                "<defaultDomain>localhost</defaultDomain>",
                "<defaultDomain>localhost</defaultDomain>\n    <domainnames><domainname>" + domain
                        + "</domainname></domainnames>");
        fetching.edit("fetchmail.xml", "<fetchmail enabled=\"false\">", "<fetchmail enabled=\"true\">");
        fetching.edit("fetchmail.xml", "<host>pop3.example.net</host>", "<host>" + LoopbackConf.HOST + "</host>");
        fetching.edit(
                "fetchmail.xml",
                "<property name=\"mail.pop3.port\" value=\"110\"/>",
                "<property name=\"mail.pop3.port\" value=\"" + pop3 + "\"/>");
        fetching.edit(
                "fetchmail.xml",
                "<account user=\"remote-user\" password=\"change-me\" recipient=\"user@example.local\"",
                "<account user=\"" + account + "\" password=\"" + password + "\" recipient=\"" + recipient + "\"");
        fetching.edit("fetchmail.xml", "<interval>600000</interval>", "<interval>1000</interval>");
        fetching.edit(
                "fetchmail.xml",
                "<defaultdomain>example.local</defaultdomain>",
                "<defaultdomain>" + domain + "</defaultdomain>");
    }

    private void edit(String file, String stock, String replacement) throws IOException {
        Path path = conf.resolve(file);
        String content = Files.readString(path);
        if (!content.contains(stock)) {
            throw new IllegalStateException(path + " is not the file this test expects: it lacks " + stock);
        }
        Files.writeString(path, content.replace(stock, replacement));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
