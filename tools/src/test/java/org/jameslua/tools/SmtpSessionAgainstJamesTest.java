package org.jameslua.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jameslua.server.JamesLuaServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code james-lua-run --smtp} answers a dialogue as a real James with the pack answers it: the same dialogue
 * goes through the tool and, over a plain socket from the same client address, through the server module's
 * James (the end-to-end tests' setup) with the same scripts folder, and the replies must be the same, line by
 * line. Both James authorize 127.0.0.1 only, so the client at 127.0.0.2 is a stranger to both.
 */
class SmtpSessionAgainstJamesTest {
    private static final String SCRIPT = String.join(
            "\n",
            "function DoHELO(host, refuse, ehlo)",
            "  if host == 'bad.example' then return true, '550 5.7.1 No HELO from ' .. host end",
            "  return refuse, ''",
            "end",
            "function DoMAILFROM(data, from, params)",
            "  if from == 'spam@bad.example' then return '553 5.7.1 Not you, ' .. from end",
            "  if from == 'closing@bad.example' then return '421 4.7.0 Closing on you' end",
            "  broken = from == 'broken@client.example'",
            "  return ''",
            "end",
            "function DoRCPTTO(data, rcpt, params, soFar)",
            "  if broken then error('no rule for ' .. rcpt) end",
            "  return ''",
            "end",
            "function ProcessMessage(from, subject, rcpts, actions, mime, size, attachments)",
            "  if subject == 'tag me' then",
            "    table.insert(actions.HeaderModifiers, 'X-Tagged: yes')",
            "    table.insert(actions.HeaderModifiers, 'X-Parts: ' .. #mime)",
            "  end",
            "  return actions",
            "end",
            "");

    /** A refused HELO, a refused sender with the script's reply, a plain mail, a mail ProcessMessage tags. */
    private static final List<String> MAILS = List.of(
            "EHLO bad.example",
            "EHLO client.example",
            "MAIL FROM:<spam@bad.example>",
            "MAIL FROM:<someone@client.example>",
            "RCPT TO:<user@example.local>",
            "DATA",
            "Subject: plain",
            "",
            "Hello.",
            ".",
            "MAIL FROM:<someone@client.example>",
            "RCPT TO:<user@example.local>",
            "DATA",
            "Subject: tag me",
            "",
            "Hello again.",
            ".",
            "QUIT");

    /** DoMAILFROM's 421: the server answers and closes; the rest of the dialogue is never sent. */
    private static final List<String> DISCONNECT =
            List.of("HELO client.example", "MAIL FROM:<closing@bad.example>", "RCPT TO:<user@example.local>", "QUIT");

    /** DoRCPTTO fails: James's own reply stands, the transcript shows the failure, the exit status is 1. */
    private static final List<String> FAILING =
            List.of("HELO client.example", "MAIL FROM:<broken@client.example>", "RCPT TO:<user@example.local>", "QUIT");

    @TempDir
    static Path folder;

    private static JamesLuaServer james;

    @BeforeAll
    static void startJames() throws Exception {
        Files.writeString(folder.resolve("SMTPSVR.LUA"), SCRIPT);
        james = JamesLuaServer.builder()
                .packSetting("scripts.folder", folder.toString())
                .authorizedAddresses(OfflineSmtpSession.AUTHORIZED_CLIENT)
                .start();
    }

    @AfterAll
    static void stopJames() {
        if (james != null) {
            james.close();
        }
    }

    @Test
    void refusalsAndMailsGetJamesReplies() throws Exception {
        List<String> transcript = tool(MAILS, 0);

        assertThat(serverLines(transcript)).containsExactlyElementsOf(realJames(MAILS));
        assertThat(serverLines(transcript))
                .contains("S: 550 5.7.1 No HELO from bad.example", "S: 553 5.7.1 Not you, spam@bad.example");
        assertThat(transcript)
                .anySatisfy(line -> assertThat(line)
                        .startsWith(
                                "  ProcessMessage(\"someone@client.example\", \"tag me\", {\"user@example.local\"}, ")
                        .contains("HeaderModifiers = {\"X-Tagged: yes\", \"X-Parts: 1\"}"));
        assertThat(transcript)
                .contains("  DoHELO(\"bad.example\", false, true) -> true, \"550 5.7.1 No HELO from bad.example\"");
    }

    @Test
    void aTempfailThatClosesTheConnectionEndsTheSessionAsInJames() throws Exception {
        List<String> transcript = tool(DISCONNECT, 0);

        assertThat(serverLines(transcript)).containsExactlyElementsOf(realJames(DISCONNECT));
        assertThat(transcript).containsSubsequence("S: 421 4.7.0 Closing on you", "(the server closed the connection)");
        assertThat(transcript).doesNotContain("C: RCPT TO:<user@example.local>");
    }

    @Test
    void aFailingCallbackLeavesJamesReplyAndFailsTheRun() throws Exception {
        List<String> transcript = tool(FAILING, 1);

        assertThat(serverLines(transcript)).containsExactlyElementsOf(realJames(FAILING));
        assertThat(transcript)
                .anySatisfy(line -> assertThat(line)
                        .startsWith("  DoRCPTTO(\"<user@example.local>\", \"user@example.local\", {}, ")
                        .contains(" failed: ", "no rule for user@example.local"));
        // the callback's own line tells its error: it is not shown again as a LUAERRORS.LOG line
        assertThat(transcript).noneMatch(line -> line.startsWith("  LUAERRORS.LOG: "));
    }

    /**
     * A script that does not compile, or whose main chunk fails, leaves no callback to trace: James answers as
     * without it. The transcript shows what LUAERRORS.LOG got, where it happened, and the run fails, as the other
     * tools' runs do; it showed nothing and succeeded.
     */
    @Test
    void aScriptThatDoesNotLoadIsShownAndFailsTheRun(@TempDir Path broken) throws Exception {
        List<String> dialogue = List.of("EHLO client.example", "QUIT");
        Files.writeString(broken.resolve("SMTPSVR.LUA"), "function DoHELO(\n");

        assertThat(tool(broken, dialogue, 1))
                .containsSubsequence(
                        "  LUAERRORS.LOG: SMTPSVR.LUA (compile) line 2 [COMPILE]: SMTPSVR.LUA:2: <name> or '...'"
                                + " expected near <eof>",
                        "S: 220 james-lua ESMTP ready",
                        "C: EHLO client.example");

        Files.writeString(
                broken.resolve("SMTPSVR.LUA"),
                "Limit = tonumber(nil) + 1\nfunction DoHELO(h, r) return true, '550 never' end\n");

        List<String> transcript = tool(broken, dialogue, 1);
        assertThat(transcript)
                .containsSubsequence(
                        "  LUAERRORS.LOG: SMTPSVR.LUA (main chunk) line 1 [RUNTIME]: SMTPSVR.LUA:1: attempt to perform"
                                + " arithmetic on a nil value",
                        "S: 220 james-lua ESMTP ready");
        assertThat(transcript).noneMatch(line -> line.contains("550 never"));
    }

    private static List<String> tool(List<String> dialogue, int expectedStatus) throws Exception {
        return tool(folder, dialogue, expectedStatus);
    }

    /** The tool as james-lua-run runs it: a JVM of its own (two James cannot share one JVM's JMX names). */
    private static List<String> tool(Path folder, List<String> dialogue, int expectedStatus) throws Exception {
        Process process = new ProcessBuilder(
                        ProcessHandle.current().info().command().orElseThrow(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        ToolsMain.class.getName(),
                        "--folder",
                        folder.toString(),
                        "--smtp",
                        "SMTPSVR.LUA")
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try (OutputStream in = process.getOutputStream()) {
            in.write(String.join("\r\n", dialogue).concat("\r\n").getBytes(StandardCharsets.ISO_8859_1));
        }
        List<String> transcript = new String(process.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1)
                .lines()
                .toList();
        assertThat(process.waitFor()).as(String.join("\n", transcript)).isEqualTo(expectedStatus);
        return transcript;
    }

    private static List<String> serverLines(List<String> transcript) {
        return transcript.stream()
                .filter(line -> line.startsWith("S: ") || line.equals("(the server closed the connection)"))
                .toList();
    }

    /** The dialogue over a socket to the real James: one reply per command, none for message lines. */
    private static List<String> realJames(List<String> dialogue) throws IOException {
        List<String> replies = new ArrayList<>();
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(OfflineSmtpSession.DEFAULT_CLIENT), 0));
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), james.smtpPort()));
            socket.setSoTimeout(30_000);
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
            OutputStream out = socket.getOutputStream();
            boolean open = readReply(in, replies);
            boolean inData = false;
            for (int i = 0; i < dialogue.size() && open; i++) {
                String line = dialogue.get(i);
                out.write((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                if (inData && !line.equals(".")) {
                    continue;
                }
                inData = line.equals("DATA");
                open = readReply(in, replies);
            }
            if (open) {
                // after QUIT's 221 the server closes the connection
                readReply(in, replies);
            }
        }
        return replies;
    }

    private static boolean readReply(BufferedReader in, List<String> replies) throws IOException {
        String line;
        do {
            line = in.readLine();
            if (line == null) {
                replies.add("(the server closed the connection)");
                return false;
            }
            replies.add("S: " + line);
        } while (line.length() > 3 && line.charAt(3) == '-');
        return true;
    }
}
