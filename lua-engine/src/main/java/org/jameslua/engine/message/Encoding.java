package org.jameslua.engine.message;

/** How stored content is decoded to the file it stands for. */
public enum Encoding {
    NONE,
    BASE64,
    QUOTED_PRINTABLE,
    UUENCODE;

    /** The decoding for a Content-Transfer-Encoding token; unknown tokens leave the content as it is. */
    static Encoding of(String transferEncoding) {
        return switch (transferEncoding) {
            case "base64" -> BASE64;
            case "quoted-printable" -> QUOTED_PRINTABLE;
            case "x-uuencode", "x-uue", "uuencode", "uue" -> UUENCODE;
            default -> NONE;
        };
    }
}
