package org.jameslua.mailets.generic;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;
import org.apache.james.core.MailAddress;
import org.apache.mailet.Attribute;
import org.apache.mailet.Mail;
import org.jameslua.engine.LuaSequences;
import org.jameslua.james.message.MessageSize;
import org.jameslua.mailets.LuaMailet;
import org.jameslua.mailets.mail.HeaderTables;
import org.jameslua.mailets.mail.MailFacts;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;

/**
 * The table {@link LuaMailet} and the Lua matcher pass to a script's function: one mail as James holds it.
 *
 * <p>Fields: {@code Name}, {@code State} (the processor), {@code Sender} ({@code ""} for {@code <>}),
 * {@code Recipients} (a sequence), {@code Subject} (decoded), {@code MessageSize}, {@code RemoteAddr},
 * {@code RemoteHost}, {@code AuthUser} ({@code ""} if none), {@code ErrorMessage} ({@code ""} if none),
 * {@code Headers} (name to value, any case of the name), {@code HeaderLines} (every field in order) and
 * {@code Attributes} (the mail attributes whose values are strings, numbers or booleans).
 */
public final class MailTable {
    private MailTable() {}

    public static LuaTable of(Mail mail) throws MessagingException {
        MimeMessage message = mail.getMessage();
        HeaderTables headers = HeaderTables.of(message);
        LuaTable table = new LuaTable();
        table.set("Name", text(mail.getName()));
        table.set("State", text(mail.getState()));
        table.set("Sender", MailFacts.sender(mail));
        List<String> recipients =
                mail.getRecipients().stream().map(MailAddress::asString).collect(Collectors.toUnmodifiableList());
        table.set("Recipients", LuaSequences.of(recipients));
        table.set("Subject", MailFacts.subject(message));
        table.set("MessageSize", LuaValue.valueOf(MessageSize.of(mail)));
        table.set("RemoteAddr", text(mail.getRemoteAddr()));
        table.set("RemoteHost", text(mail.getRemoteHost()));
        table.set("AuthUser", MailFacts.authUser(mail));
        table.set("ErrorMessage", text(mail.getErrorMessage()));
        table.set("Headers", headers.data());
        table.set("HeaderLines", headers.lines());
        table.set("Attributes", attributes(mail));
        return table;
    }

    private static LuaTable attributes(Mail mail) {
        LuaTable table = new LuaTable();
        mail.attributes()
                .forEach(attribute -> simpleValue(attribute)
                        .ifPresent(value -> table.set(attribute.getName().asString(), value)));
        return table;
    }

    private static Optional<LuaValue> simpleValue(Attribute attribute) {
        Object value = attribute.getValue().value();
        if (value instanceof String) {
            String text = (String) value;
            return Optional.of(LuaValue.valueOf(text));
        }
        if (value instanceof Boolean) {
            Boolean flag = (Boolean) value;
            return Optional.of(LuaValue.valueOf(flag));
        }
        if (value instanceof Number) {
            Number number = (Number) value;
            return Optional.of(LuaValue.valueOf(number.doubleValue()));
        }
        return Optional.empty();
    }

    private static LuaValue text(String value) {
        return LuaValue.valueOf(value == null ? "" : value);
    }
}
