package org.jameslua.mailets.signature;

import java.util.Optional;

/**
 * The configured signatures, used when the script answers {@code ""} or there is no script: the mailet's
 * {@code signature} parameter (plain text) and {@code htmlSignature} (HTML markup; when absent, the plain
 * signature escaped into HTML). An empty signature means none.
 */
public final class SignatureDefaults {
    private final String plainText;
    private final Optional<String> htmlMarkup;

    public SignatureDefaults(String plainText, Optional<String> htmlMarkup) {
        this.plainText = plainText;
        this.htmlMarkup = htmlMarkup;
    }

    Optional<String> plain() {
        return Optional.of(plainText).filter(text -> !text.isBlank());
    }

    Optional<String> html() {
        return htmlMarkup.filter(markup -> !markup.isBlank()).or(() -> plain().map(SignatureText::plainToHtml));
    }

    public String plainText() {
        return plainText;
    }

    public Optional<String> htmlMarkup() {
        return htmlMarkup;
    }
}
