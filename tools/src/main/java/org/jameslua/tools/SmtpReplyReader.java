package org.jameslua.tools;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads one SMTP reply, all its lines ({@code 250-...} up to {@code 250 ...}), from the server's side. */
final class SmtpReplyReader {
    private final BufferedReader in;

    SmtpReplyReader(BufferedReader in) {
        this.in = in;
    }

    /** The reply's lines, or empty when the server closed the connection before a whole reply came. */
    Optional<List<String>> next() throws IOException {
        List<String> lines = new ArrayList<>();
        while (true) {
            String line = in.readLine();
            if (line == null) {
                return Optional.empty();
            }
            lines.add(line);
            if (line.length() < 4 || line.charAt(3) != '-') {
                return Optional.of(lines);
            }
        }
    }
}
