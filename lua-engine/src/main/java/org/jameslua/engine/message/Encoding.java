package org.jameslua.engine.message;

/** How stored content is decoded to the file it stands for. */
public enum Encoding {
    NONE,
    BASE64,
    QUOTED_PRINTABLE,
    UUENCODE;

    /** The decoding for a Content-Transfer-Encoding token; unknown tokens leave the content as it is. */
    static Encoding of(String transferEncoding) {
        switch (transferEncoding) {
            case "base64":
                return BASE64;
            case "quoted-printable":
                return QUOTED_PRINTABLE;
            case "x-uuencode":
            case "x-uue":
            case "uuencode":
            case "uue":
                return UUENCODE;
            default:
                return NONE;
        }
    }
}
