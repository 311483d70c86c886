package org.jameslua.engine.net;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * One HTTP or HTTPS GET over a plain socket, so the header lines come back exactly as the server sent
 * them. Redirects are not followed (a 301 is the answer). The whole exchange has one deadline; the body is
 * read up to a size bound and the rest dropped.
 */
public final class HttpGet {
    private static final Pattern STATUS_LINE = Pattern.compile("HTTP/\\d+(?:\\.\\d+)? +(\\d{3})(?: .*)?");

    private static final int MAX_CHUNK_LINE = 1024;
    /**
     * Web servers send a few dozen. Each line is a Java and a Lua string: four million one-byte lines, within the
     * answer's 4 MiB, took 410 MB of heap in one call before any bound could see it.
     */
    static final int MAX_HEADER_LINES = 1000;

    private final Duration timeout;
    private final int maxResponseBytes;

    public HttpGet(Duration timeout, int maxResponseBytes) {
        this.timeout = timeout;
        this.maxResponseBytes = maxResponseBytes;
    }

    /**
     * @param url an {@code http://} or {@code https://} URL; one without a scheme is taken as {@code http://}
     * @throws IllegalArgumentException when the URL is not one this can fetch
     * @throws IOException when no status line and headers arrived within the time and size bounds
     */
    public HttpPage fetch(String url) throws IOException {
        Target target = Target.of(url);
        Deadline deadline = Deadline.in(timeout);
        try (Socket plain = TcpConnection.open(target.server(), deadline)) {
            Socket socket = target.secure() ? tls(plain, target) : plain;
            OutputStream out = socket.getOutputStream();
            out.write(target.request().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return read(target, new BufferedInputStream(socket.getInputStream()), deadline);
        } catch (IOException e) {
            throw TcpConnection.explain(e, deadline);
        }
    }

    private static Socket tls(Socket plain, Target target) throws IOException {
        SSLSocket socket = (SSLSocket) ((SSLSocketFactory) SSLSocketFactory.getDefault())
                .createSocket(plain, target.server().host(), target.server().port(), true);
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        socket.setSSLParameters(parameters);
        socket.startHandshake();
        return socket;
    }

    private HttpPage read(Target target, InputStream in, Deadline deadline) throws IOException {
        Head head;
        do {
            head = readHead(in);
        } while (head.status() / 100 == 1);
        Body body = new Body(maxResponseBytes);
        String errorInfo;
        try {
            errorInfo = readBody(in, head, body);
        } catch (IOException e) {
            errorInfo = "the body ended early: "
                    + TcpConnection.explain(e, deadline).getMessage();
        }
        if (body.overflowed()) {
            errorInfo = "the body is longer than " + maxResponseBytes + " bytes: the rest was dropped";
        }
        return new HttpPage(
                target.host(),
                target.file(),
                head.lines(),
                body.bytes(),
                errorInfo,
                head.status(),
                head.contentLength());
    }

    private Head readHead(InputStream in) throws IOException {
        String statusLine = line(in, maxResponseBytes);
        Matcher status = statusLine == null ? null : STATUS_LINE.matcher(statusLine);
        if (status == null || !status.matches()) {
            throw new IOException(
                    statusLine == null
                            ? "the server closed the connection without answering"
                            : "the answer does not start with an HTTP status line");
        }
        List<String> headers = new ArrayList<>();
        int room = maxResponseBytes - statusLine.length();
        String line;
        while ((line = line(in, room)) != null && !line.isEmpty()) {
            if (headers.size() == MAX_HEADER_LINES) {
                throw new IOException("the answer has more than " + MAX_HEADER_LINES + " header lines");
            }
            headers.add(line);
            room -= line.length();
        }
        if (line == null) {
            throw new IOException("the connection closed inside the headers");
        }
        return new Head(Integer.parseInt(status.group(1)), headers);
    }

    /** @return why the body is incomplete, or "" */
    private String readBody(InputStream in, Head head, Body body) throws IOException {
        if (head.status() == 204 || head.status() == 304) {
            return "";
        }
        if (head.chunked()) {
            return readChunks(in, body);
        }
        long stated = head.contentLength();
        long wanted = stated >= 0 ? stated : Long.MAX_VALUE;
        byte[] buffer = new byte[8192];
        long got = 0;
        while (got < wanted && !body.overflowed()) {
            int read = in.read(buffer, 0, (int) Math.min(buffer.length, wanted - got));
            if (read < 0) {
                return stated >= 0 ? "the connection closed after " + got + " of the " + stated + " bytes stated" : "";
            }
            got += read;
            body.add(buffer, read);
        }
        return "";
    }

    private String readChunks(InputStream in, Body body) throws IOException {
        byte[] buffer = new byte[8192];
        while (!body.overflowed()) {
            String sizeLine = line(in, MAX_CHUNK_LINE);
            long size = sizeLine == null ? -1 : chunkSize(sizeLine);
            if (size < 0) {
                return "the chunked body is malformed or ended early";
            }
            if (size == 0) {
                return "";
            }
            for (long left = size; left > 0 && !body.overflowed(); ) {
                int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (read < 0) {
                    return "the connection closed inside a chunk";
                }
                left -= read;
                body.add(buffer, read);
            }
            line(in, MAX_CHUNK_LINE);
        }
        return "";
    }

    private static long chunkSize(String line) {
        int extension = line.indexOf(';');
        String hex = (extension < 0 ? line : line.substring(0, extension)).trim();
        try {
            return hex.isEmpty() || hex.length() > 15 ? -1 : Long.parseLong(hex, 16);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Where a URL points and the request for it. */
    private static final class Target {
        private final boolean secure;
        private final String host;
        private final HostPort server;
        private final String file;
        private final String hostHeader;

        private Target(boolean secure, String host, HostPort server, String file, String hostHeader) {
            this.secure = secure;
            this.host = host;
            this.server = server;
            this.file = file;
            this.hostHeader = hostHeader;
        }

        static Target of(String url) {
            String full = url.contains("://") ? url.trim() : "http://" + url.trim();
            URI uri;
            try {
                uri = new URI(full);
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("not a URL: " + e.getMessage());
            }
            String scheme = String.valueOf(uri.getScheme()).toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                throw new IllegalArgumentException("only http:// and https:// URLs can be fetched, not " + url);
            }
            String host = uri.getHost();
            if (host == null) {
                throw new IllegalArgumentException("the URL names no host: " + url);
            }
            boolean secure = scheme.equals("https");
            int port = uri.getPort() >= 0 ? uri.getPort() : secure ? 443 : 80;
            String bareHost = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
            String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            String file = uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
            String hostHeader = uri.getPort() >= 0 ? host + ":" + port : host;
            return new Target(secure, host, new HostPort(bareHost, port), file, hostHeader);
        }

        String request() {
            return "GET " + file + " HTTP/1.1\r\n"
                    + "Host: " + hostHeader + "\r\n"
                    + "User-Agent: james-lua VPOP3Net\r\n"
                    + "Accept: */*\r\n"
                    + "Accept-Encoding: identity\r\n"
                    + "Connection: close\r\n"
                    + "\r\n";
        }

        public boolean secure() {
            return secure;
        }

        public String host() {
            return host;
        }

        public HostPort server() {
            return server;
        }

        public String file() {
            return file;
        }

        public String hostHeader() {
            return hostHeader;
        }
    }

    private static final class Head {
        private final int status;
        private final List<String> lines;

        private Head(int status, List<String> lines) {
            this.status = status;
            this.lines = lines;
        }

        boolean chunked() {
            return lines.stream()
                    .anyMatch(line -> name(line).equals("transfer-encoding")
                            && value(line).toLowerCase(Locale.ROOT).contains("chunked"));
        }

        /** The last valid Content-Length, or -1. */
        long contentLength() {
            long length = -1;
            for (String line : lines) {
                if (name(line).equals("content-length")) {
                    try {
                        length = Long.parseLong(value(line));
                    } catch (NumberFormatException e) {
                        // a garbled length states nothing
                    }
                }
            }
            return length < 0 ? -1 : length;
        }

        private static String name(String line) {
            int colon = line.indexOf(':');
            return colon < 0 ? "" : line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
        }

        private static String value(String line) {
            return line.substring(line.indexOf(':') + 1).trim();
        }

        public int status() {
            return status;
        }

        public List<String> lines() {
            return lines;
        }
    }

    /** The body bytes kept, up to the bound; one byte over it marks the body as cut. */
    private static final class Body {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final int max;
        private boolean overflowed;

        Body(int max) {
            this.max = max;
        }

        void add(byte[] buffer, int length) {
            int room = max - bytes.size();
            bytes.write(buffer, 0, Math.min(room, length));
            overflowed |= length > room;
        }

        boolean overflowed() {
            return overflowed;
        }

        byte[] bytes() {
            return bytes.toByteArray();
        }
    }

    /**
     * The next CRLF- or LF-ended line, without its ending, read a byte at a time from a buffered stream;
     * null at the end of the stream.
     */
    private static String line(InputStream in, int maxLength) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
            }
            if (line.size() >= maxLength) {
                throw new IOException("a line of the response is longer than " + maxLength + " bytes");
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }
}
