package org.jameslua.server.testing;

import java.util.List;

/** One SMTP reply as it came over the wire: every line verbatim, including the "250-" / "250 " prefixes. */
public record SmtpReply(List<String> lines) {

    public SmtpReply {
        lines = List.copyOf(lines);
    }

    public int code() {
        return Integer.parseInt(lines.get(0).substring(0, 3));
    }

    @Override
    public String toString() {
        return String.join("\n", lines);
    }
}
