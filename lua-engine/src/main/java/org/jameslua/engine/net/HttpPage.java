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
public final class HttpPage {
    private final String host;
    private final String file;
    private final List<String> headers;
    private final byte[] body;
    private final String errorInfo;
    private final int status;
    private final long statedLength;

    public HttpPage(
            String host,
            String file,
            List<String> headers,
            byte[] body,
            String errorInfo,
            int status,
            long statedLength) {
        this.host = host;
        this.file = file;
        this.headers = headers;
        this.body = body;
        this.errorInfo = errorInfo;
        this.status = status;
        this.statedLength = statedLength;
    }

    public int actualLength() {
        return body.length;
    }

    public String host() {
        return host;
    }

    public String file() {
        return file;
    }

    public List<String> headers() {
        return headers;
    }

    public byte[] body() {
        return body;
    }

    public String errorInfo() {
        return errorInfo;
    }

    public int status() {
        return status;
    }

    public long statedLength() {
        return statedLength;
    }
}
