package org.jameslua.mailets.generic;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.mail.MessagingException;
import org.apache.james.core.MailAddress;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.jameslua.engine.message.Actions;
import org.jameslua.james.message.HeaderLines;
import org.jameslua.james.script.Addresses;
import org.jameslua.james.script.BadReturn;
import org.jameslua.james.script.LuaValues;
import org.jameslua.mailets.LuaMailet;
import org.jameslua.mailets.mail.MessageEdits;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * What a {@link LuaMailet} function returned: {@code nil} (or {@code false}) for "no change", or a table of
 * changes, every field optional:
 * <ul>
 *   <li>{@code State}: the processor the mail goes to next ({@code "ghost"} drops it);</li>
 *   <li>{@code Recipients}: the new recipients, replacing the old (an empty table drops the mail);</li>
 *   <li>{@code HeaderModifiers}: whole header lines to add, {@code "X-Scanned: yes"}, checked as
 *       {@link HeaderLines} says (printable US-ASCII, at most 998 characters, no line breaks);</li>
 *   <li>{@code RemoveHeaders}: names of header fields to remove (before the additions);</li>
 *   <li>{@code Attributes}: mail attributes to set, name to string, number or boolean (at most 1,000, their names
 *       and text at most 1 MiB together);</li>
 *   <li>{@code RemoveAttributes}: names of mail attributes to remove.</li>
 * </ul>
 * The whole table is checked before anything is applied, so a table with one bad field changes nothing.
 */
public final class MailChanges {
    /**
     * What the names and string values of {@code Attributes} may hold together, checked before any is copied: a
     * table of a thousand references to one long string costs the script one string, and each attribute becomes a
     * copy of its own in the mail James stores.
     */
    static final int MAX_ATTRIBUTE_BYTES = 1024 * 1024;

    private final Optional<String> state;
    private final Optional<List<MailAddress>> recipients;
    private final List<String> headerModifiers;
    private final List<String> removeHeaders;
    private final Map<String, AttributeValue<?>> attributes;
    private final List<String> removeAttributes;

    public MailChanges(
            Optional<String> state,
            Optional<List<MailAddress>> recipients,
            List<String> headerModifiers,
            List<String> removeHeaders,
            Map<String, AttributeValue<?>> attributes,
            List<String> removeAttributes) {
        this.state = state;
        this.recipients = recipients;
        this.headerModifiers = headerModifiers;
        this.removeHeaders = removeHeaders;
        this.attributes = attributes;
        this.removeAttributes = removeAttributes;
    }

    public static MailChanges none() {
        return new MailChanges(Optional.empty(), Optional.empty(), List.of(), List.of(), Map.of(), List.of());
    }

    public static MailChanges fromLua(LuaValue value) {
        if (value.isnil() || (value.isboolean() && !value.toboolean())) {
            return none();
        }
        if (!value.istable()) {
            throw BadReturn.wrongType("the result", "a table of changes or nil", value);
        }
        String state = LuaValues.string(value.rawget("State"), "State", null);
        if (state != null && state.isBlank()) {
            throw new BadReturn("State must name a processor, not an empty string");
        }
        Optional<List<MailAddress>> recipients = Optional.ofNullable(
                        LuaValues.strings(value.rawget("Recipients"), "Recipients", null))
                .map(list -> list.stream()
                        .map(text -> Addresses.fullOnly().parse(text, "Recipients entry"))
                        .collect(Collectors.toUnmodifiableList()));
        List<String> headers =
                HeaderLines.entries(LuaValues.strings(value.rawget("HeaderModifiers"), "HeaderModifiers", List.of()));
        return new MailChanges(
                Optional.ofNullable(state),
                recipients,
                headers,
                LuaValues.strings(value.rawget("RemoveHeaders"), "RemoveHeaders", List.of()),
                attributes(value.rawget("Attributes")),
                LuaValues.strings(value.rawget("RemoveAttributes"), "RemoveAttributes", List.of()));
    }

    public void applyTo(Mail mail) throws MessagingException {
        if (!removeHeaders.isEmpty() || !headerModifiers.isEmpty()) {
            MessageEdits.editHeaders(mail, removeHeaders, headerModifiers);
        }
        removeAttributes.forEach(name -> mail.removeAttribute(AttributeName.of(name)));
        attributes.forEach((name, value) -> mail.setAttribute(new Attribute(AttributeName.of(name), value)));
        recipients.ifPresent(list -> {
            mail.setRecipients(new ArrayList<>(list));
            if (list.isEmpty()) {
                mail.setState(Mail.GHOST);
            }
        });
        state.ifPresent(mail::setState);
    }

    private static Map<String, AttributeValue<?>> attributes(LuaValue table) {
        if (table.isnil()) {
            return Map.of();
        }
        if (!table.istable()) {
            throw BadReturn.wrongType("Attributes", "a table", table);
        }
        Map<String, AttributeValue<?>> result = new LinkedHashMap<>();
        long bytes = 0;
        LuaValue key = LuaValue.NIL;
        while (true) {
            Varargs next = ((LuaTable) table).next(key);
            key = next.arg1();
            if (key.isnil()) {
                return result;
            }
            if (key.type() != LuaValue.TSTRING) {
                throw BadReturn.wrongType("an Attributes name", "a string", key);
            }
            if (result.size() == Actions.MAX_ITEMS) {
                throw new BadReturn("Attributes holds more than " + Actions.MAX_ITEMS + " attributes");
            }
            LuaValue value = next.arg(2);
            bytes += key.rawlen() + (value.type() == LuaValue.TSTRING ? value.rawlen() : 0);
            if (bytes > MAX_ATTRIBUTE_BYTES) {
                throw new BadReturn("Attributes holds more than " + MAX_ATTRIBUTE_BYTES + " bytes of names and text");
            }
            result.put(key.tojstring(), attributeValue(value, "Attributes." + key.tojstring()));
        }
    }

    private static AttributeValue<?> attributeValue(LuaValue value, String what) {
        if (value.isboolean()) {
            return AttributeValue.of(value.toboolean());
        }
        if (value.type() == LuaValue.TNUMBER) {
            double number = value.todouble();
            if (number == Math.rint(number) && Math.abs(number) <= Integer.MAX_VALUE) {
                return AttributeValue.of((int) number);
            }
            if (number == Math.rint(number) && Math.abs(number) < 0x1p53) {
                return AttributeValue.of((long) number);
            }
            return AttributeValue.of(number);
        }
        if (value.isstring()) {
            return AttributeValue.of(value.tojstring());
        }
        throw BadReturn.wrongType(what, "a string, number or boolean", value);
    }

    public Optional<String> state() {
        return state;
    }

    public Optional<List<MailAddress>> recipients() {
        return recipients;
    }

    public List<String> headerModifiers() {
        return headerModifiers;
    }

    public List<String> removeHeaders() {
        return removeHeaders;
    }

    public Map<String, AttributeValue<?>> attributes() {
        return attributes;
    }

    public List<String> removeAttributes() {
        return removeAttributes;
    }
}
