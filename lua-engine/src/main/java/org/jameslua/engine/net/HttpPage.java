package org.jameslua.engine.net;

import java.util.List;

/**
 * A page {@link HttpGet} retrieved, whatever its status: a 404 is still an answer.
 *
 * @param host         the server's host as the URL names it
 * @param file         the path and query asked for, {@code /} at least
 * @param headers      the header lines as received, in order, without the status line and the blank line
 *                     ending them (each char is one byte: ISO-8859-1)
 * @param body         the body as received (de-chunked), at most the configured number of bytes
 * @param errorInfo    why the body may be incomplete, or empty when it is not
 * @param status       the status code, 200 for instance
 * @param statedLength the {@code Content-Length} header's value, or -1 without one
 */
public record HttpPage(String host, String file, List<String> headers, byte[] body, String errorInfo, int status,
                       long statedLength) {

    public int actualLength() {
        return body.length;
    }
}
