package org.jameslua.mailets;

import java.util.Optional;

/**
 * The configured signatures, used when the script answers {@code ""} or there is no script: the mailet's
 * {@code signature} parameter (plain text) and {@code htmlSignature} (HTML markup; when absent, the plain
 * signature escaped into HTML). An empty signature means none.
 */
record SignatureDefaults(String plainText, Optional<String> htmlMarkup) {

    Optional<String> plain() {
        return Optional.of(plainText).filter(text -> !text.isBlank());
    }

    Optional<String> html() {
        return htmlMarkup.filter(markup -> !markup.isBlank()).or(() -> plain().map(SignatureText::plainToHtml));
    }
}
