package org.jameslua.mailets.mail;

import java.util.Objects;
import org.jameslua.james.script.BadReturn;

/**
 * A whole header line a script asks to add, as the manual's {@code HeaderModifiers} hold them:
 * {@code "X-Scanned: yes"}.
 */
public final class HeaderLine {
    private final String name;
    private final String value;

    public HeaderLine(String name, String value) {
        this.name = name;
        this.value = value;
    }

    /**
     * Reads one line. A name with characters a field name cannot have, or a line break in the value (which
     * would let a script forge further header fields or end the header), is a {@link BadReturn}.
     */
    public static HeaderLine parse(String line, String what) {
        int colon = line.indexOf(':');
        if (colon <= 0) {
            throw new BadReturn(what + " must be a whole header line such as \"X-Scanned: yes\", not \"" + line + "\"");
        }
        String name = line.substring(0, colon);
        if (!name.chars().allMatch(c -> c > 32 && c < 127)) {
            throw new BadReturn(what + " has an invalid header name \"" + name + "\"");
        }
        String value = line.substring(colon + 1).stripLeading();
        if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
            throw new BadReturn(what + " must be a single line: \"" + name + "\" holds a line break");
        }
        return new HeaderLine(name, value);
    }

    public String name() {
        return name;
    }

    public String value() {
        return value;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof HeaderLine)) {
            return false;
        }
        HeaderLine that = (HeaderLine) other;
        return Objects.equals(name, that.name) && Objects.equals(value, that.value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, value);
    }

    @Override
    public String toString() {
        return "HeaderLine[name=" + name + ", value=" + value + "]";
    }
}
