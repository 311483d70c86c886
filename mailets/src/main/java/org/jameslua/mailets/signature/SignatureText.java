package org.jameslua.mailets.signature;

import java.nio.charset.CharsetEncoder;
import java.util.Locale;

/** How a signature is put into the text of a body part. */
final class SignatureText {
    private SignatureText() {}

    /**
     * Plain text: the signature on lines of its own after the text. A message's text ends with a line end; a body
     * part's does not, as its last line end belongs to the boundary after it (a signature ending in one would leave
     * an empty line before the boundary).
     */
    static String appendPlain(String text, String signature, boolean bodyPart) {
        String lines = crlf(signature);
        String before = text.isEmpty() || text.endsWith("\n") ? "" : "\r\n";
        String signed = text + before + lines;
        if (bodyPart) {
            return signed.endsWith("\r\n") ? signed.substring(0, signed.length() - 2) : signed;
        }
        return signed.endsWith("\n") ? signed : signed + "\r\n";
    }

    /** HTML: the signature markup just before {@code </body>}, else before {@code </html>}, else at the end. */
    static String insertHtml(String html, String signature) {
        String lower = html.toLowerCase(Locale.ROOT);
        int at = lower.lastIndexOf("</body");
        if (at < 0) {
            at = lower.lastIndexOf("</html");
        }
        if (at < 0) {
            at = html.length();
        }
        return html.substring(0, at) + crlf(signature) + html.substring(at);
    }

    /** A plain-text signature as HTML: escaped, one line per line. */
    static String plainToHtml(String signature) {
        StringBuilder html = new StringBuilder("<div>");
        for (int i = 0; i < signature.length(); i++) {
            char c = signature.charAt(i);
            switch (c) {
                case '&':
                    html.append("&amp;");
                    break;
                case '<':
                    html.append("&lt;");
                    break;
                case '>':
                    html.append("&gt;");
                    break;
                case '"':
                    html.append("&quot;");
                    break;
                case '\r':
                    break;
                case '\n':
                    html.append("<br>\r\n");
                    break;
                default:
                    html.append(c);
                    break;
            }
        }
        return html.append("</div>").toString();
    }

    /**
     * HTML markup with every character the part's charset cannot hold written as a character reference, so
     * that the part keeps its charset.
     */
    static String encodableHtml(String html, CharsetEncoder encoder) {
        StringBuilder result = new StringBuilder(html.length());
        html.codePoints().forEach(codePoint -> {
            String character = Character.toString(codePoint);
            if (encoder.canEncode(character)) {
                result.append(character);
            } else {
                result.append("&#").append(codePoint).append(';');
            }
        });
        return result.toString();
    }

    /** The text with every line ending in CRLF, as MIME text is written. */
    static String crlf(String text) {
        return text.replace("\r\n", "\n").replace('\r', '\n').replace("\n", "\r\n");
    }
}
