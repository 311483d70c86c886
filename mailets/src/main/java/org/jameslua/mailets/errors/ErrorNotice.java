package org.jameslua.mailets.errors;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.james.core.MailAddress;
import org.jameslua.engine.LuaSequences;
import org.jameslua.james.script.Addresses;
import org.jameslua.james.script.BadReturn;
import org.jameslua.james.script.LuaValues;
import org.jameslua.mailets.ErrorsMailet;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * The notice about an error, as ProcessError's five return values decide it: subject, format text, target,
 * sender and "force". A blank format text or a target of {@code ""} or {@code "<blank>"} means no notice; a
 * forced notice is sent even where the server would otherwise keep quiet (see {@link ErrorsMailet}).
 *
 * @param target one or more addresses, separated by commas, semicolons or spaces
 * @param sender the address the notice is from; blank for the configured one
 */
public final class ErrorNotice {
    private final String subject;
    private final String format;
    private final String target;
    private final String sender;
    private final boolean force;

    public ErrorNotice(String subject, String format, String target, String sender, boolean force) {
        this.subject = subject;
        this.format = format;
        this.target = target;
        this.sender = sender;
        this.force = force;
    }

    private static final String NONE = "<blank>";
    /** The longest notice text: a notice is a few lines, and a mebibyte leaves room for long parameters. */
    static final int MAX_TEXT_LENGTH = 1024 * 1024;

    private static final Pattern PLACEHOLDER = Pattern.compile("%(%|\\d{1,3})");

    /**
     * Reads the returns; one left out ({@code nil}) keeps the value the script was given. Addresses that do not
     * parse are a {@link BadReturn}, like values of the wrong type.
     */
    public static ErrorNotice read(Varargs values, ErrorNotice given, List<String> params) {
        ErrorNotice notice = new ErrorNotice(
                LuaValues.string(values.arg(1), "the subject (1st return)", given.subject()),
                LuaValues.string(values.arg(2), "the format text (2nd return)", given.format()),
                LuaValues.addressList(values.arg(3), "the target (3rd return)", given.target()),
                LuaValues.string(values.arg(4), "the sender (4th return)", given.sender()),
                LuaValues.bool(values.arg(5), "force (5th return)", given.force()));
        if (!notice.isSuppressed()) {
            List<String> invalid = new ArrayList<>();
            Addresses.fullOnly().parseList(notice.target(), invalid::add);
            if (!invalid.isEmpty()) {
                throw new BadReturn(
                        "the target (3rd return) is not a list of email addresses: \"" + notice.target() + "\"");
            }
            if (!notice.sender().isBlank()) {
                Addresses.fullOnly().parse(notice.sender(), "the sender (4th return)");
            }
            long length = notice.textLength(params);
            if (length > MAX_TEXT_LENGTH) {
                throw new BadReturn(
                        "the notice text would be " + length + " characters (at most " + MAX_TEXT_LENGTH + ")");
            }
        }
        return notice;
    }

    public boolean isSuppressed() {
        return format.isBlank() || target.isBlank() || target.strip().equalsIgnoreCase(NONE);
    }

    public List<MailAddress> targets() {
        return Addresses.fullOnly().parseList(target, invalid -> {});
    }

    public LuaValue[] arguments(ErrorReport report) {
        return new LuaValue[] {
            LuaValue.valueOf(report.itemId()),
            LuaValue.valueOf(report.errorText()),
            LuaValue.valueOf(report.connectionError()),
            LuaValue.valueOf(report.kind().subjectResourceId()),
            LuaValue.valueOf(subject),
            LuaValue.valueOf(report.kind().formatResourceId()),
            LuaValue.valueOf(format),
            LuaSequences.of(report.params()),
            LuaValue.valueOf(target),
            LuaValue.valueOf(sender)
        };
    }

    /**
     * The notice text: the format with %1, %2 ... replaced by the parameters and %% by %. A number with no
     * parameter (%9 of six) is left as it is written.
     */
    public String text(List<String> params) {
        Matcher placeholder = PLACEHOLDER.matcher(format);
        StringBuilder text = new StringBuilder(format.length());
        while (placeholder.find()) {
            placeholder.appendReplacement(text, Matcher.quoteReplacement(replacement(placeholder, params)));
        }
        placeholder.appendTail(text);
        return text.toString();
    }

    /**
     * The length {@link #text} would have, found without building it: each placeholder may stand for a parameter
     * the script did not pay for (the failed mail's subject is its sender's), so a short format can ask for
     * gigabytes.
     */
    long textLength(List<String> params) {
        Matcher placeholder = PLACEHOLDER.matcher(format);
        long length = format.length();
        while (placeholder.find()) {
            length += replacement(placeholder, params).length()
                    - placeholder.group().length();
        }
        return length;
    }

    private static String replacement(Matcher placeholder, List<String> params) {
        String token = placeholder.group(1);
        if (token.equals("%")) {
            return "%";
        }
        int index = Integer.parseInt(token);
        return index >= 1 && index <= params.size() ? params.get(index - 1) : placeholder.group();
    }

    public String subject() {
        return subject;
    }

    public String format() {
        return format;
    }

    public String target() {
        return target;
    }

    public String sender() {
        return sender;
    }

    public boolean force() {
        return force;
    }
}
