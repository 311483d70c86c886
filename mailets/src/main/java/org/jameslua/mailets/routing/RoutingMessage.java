package org.jameslua.mailets.routing;

import java.util.Map;
import java.util.OptionalDouble;
import javax.mail.MessagingException;
import org.apache.mailet.Mail;
import org.jameslua.engine.ScriptInstance;
import org.jameslua.james.message.MessageSize;
import org.jameslua.mailets.mail.HeaderTables;
import org.jameslua.mailets.mail.MailFacts;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;

/**
 * What USER_REDIRECT.LUA is told about the message, the same for every user it is routed to: the globals
 * {@code MessageSize}, {@code SpamScore}, {@code SpamScoreValid}, {@code Sender}, {@code Subject},
 * {@code Headers1} and {@code Headers2}, next to the per-user {@code User} and {@code UserSettings}.
 */
public final class RoutingMessage {
    private final long size;
    private final OptionalDouble spamScore;
    private final String sender;
    private final String subject;
    private final HeaderTables headers;

    private RoutingMessage(long size, OptionalDouble spamScore, String sender, String subject, HeaderTables headers) {
        this.size = size;
        this.spamScore = spamScore;
        this.sender = sender;
        this.subject = subject;
        this.headers = headers;
    }

    public static RoutingMessage of(Mail mail, SpamScore spamScore) throws MessagingException {
        return new RoutingMessage(
                MessageSize.of(mail),
                spamScore.of(mail),
                MailFacts.sender(mail),
                MailFacts.subject(mail.getMessage()),
                HeaderTables.of(mail.getMessage()));
    }

    public long size() {
        return size;
    }

    public String sender() {
        return sender;
    }

    public boolean isSpam(double threshold) {
        return spamScore.isPresent() && spamScore.getAsDouble() >= threshold;
    }

    /** Sets the message's globals and the user's into an instance; tables are new, the script's to change. */
    void setInto(ScriptInstance instance, String user, Map<String, String> userSettings) {
        instance.set("MessageSize", LuaValue.valueOf(size));
        instance.set("SpamScore", LuaValue.valueOf(spamScore.orElse(0)));
        instance.set("SpamScoreValid", LuaValue.valueOf(spamScore.isPresent()));
        instance.set("Sender", LuaValue.valueOf(sender));
        instance.set("User", LuaValue.valueOf(user));
        instance.set("Subject", LuaValue.valueOf(subject));
        LuaTable settings = new LuaTable();
        userSettings.forEach((name, value) -> settings.set(name, value));
        instance.set("UserSettings", settings);
        instance.set("Headers1", headers.data());
        instance.set("Headers2", headers.lines());
    }
}
