package org.jameslua.engine.message;

import java.util.ArrayList;
import java.util.List;
import org.jameslua.engine.LuaSequences;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;

/**
 * The {@code <current actions>} table of ProcessMessage, as passed in and as the script returns it.
 *
 * @param sendToOriginalRecipients deliver to the envelope recipients
 * @param delete                   VPOP3's "delete after retrieving"; always true for SMTP
 * @param ignore                   do not process the message (with {@code delete}: reject it over SMTP)
 * @param reason                   why, for the log (and the rejection text)
 * @param recipients               new or additional recipients
 * @param headerModifiers          whole header lines to add, such as {@code "X-Scanned: yes"}
 */
public final class Actions {
    private final boolean sendToOriginalRecipients;
    private final boolean delete;
    private final boolean ignore;
    private final String reason;
    private final List<String> recipients;
    private final List<String> headerModifiers;

    public Actions(
            boolean sendToOriginalRecipients,
            boolean delete,
            boolean ignore,
            String reason,
            List<String> recipients,
            List<String> headerModifiers) {
        this.sendToOriginalRecipients = sendToOriginalRecipients;
        this.delete = delete;
        this.ignore = ignore;
        this.reason = reason;
        this.recipients = recipients;
        this.headerModifiers = headerModifiers;
    }

    /**
     * The most items Recipients and HeaderModifiers may hold (and every list of strings a mailet or matcher script
     * returns), and the longest item (a header line's limit, RFC 5322 2.1.1; an address is shorter): checked
     * before anything is read, so that a table of millions of references to one string, or of long strings, which
     * cost the script little, costs the host no more.
     */
    public static final int MAX_ITEMS = 1000;

    public static final int MAX_ITEM_LENGTH = 998;

    private static final LuaString SEND_TO_ORIGINAL_RECIPIENTS = LuaValue.valueOf("SendToOriginalRecipients");
    private static final LuaString DELETE = LuaValue.valueOf("Delete");
    private static final LuaString IGNORE = LuaValue.valueOf("Ignore");
    private static final LuaString REASON = LuaValue.valueOf("Reason");
    private static final LuaString RECIPIENTS = LuaValue.valueOf("Recipients");
    private static final LuaString HEADER_MODIFIERS = LuaValue.valueOf("HeaderModifiers");

    /** What VPOP3 passes in for a message received over SMTP. */
    public static Actions forSmtp() {
        return new Actions(true, true, false, "", List.of(), List.of());
    }

    /** What VPOP3 passes in for a message downloaded by the POP3 client: left on the server unless deleted. */
    public static Actions forDownload() {
        return new Actions(true, false, false, "", List.of(), List.of());
    }

    public LuaTable toLua() {
        LuaTable table = new LuaTable(0, 6);
        table.rawset(SEND_TO_ORIGINAL_RECIPIENTS, LuaValue.valueOf(sendToOriginalRecipients));
        table.rawset(DELETE, LuaValue.valueOf(delete));
        table.rawset(IGNORE, LuaValue.valueOf(ignore));
        table.rawset(REASON, LuaValue.valueOf(reason));
        table.rawset(RECIPIENTS, LuaSequences.of(recipients));
        table.rawset(HEADER_MODIFIERS, LuaSequences.of(headerModifiers));
        return table;
    }

    /**
     * Reads the table a script returned. Fields it left out keep their values from {@code current}; a field of
     * the wrong type is an error, so that a script bug is reported rather than acted on. Fields are read raw,
     * so that no metamethod of the script's runs in host code, outside the bounds of a call.
     */
    public static Actions fromLua(LuaValue value, Actions current) {
        if (!value.istable()) {
            throw new IllegalArgumentException("ProcessMessage must return the actions table, not " + value.typename());
        }
        return new Actions(
                bool(value, SEND_TO_ORIGINAL_RECIPIENTS, current.sendToOriginalRecipients()),
                bool(value, DELETE, current.delete()),
                bool(value, IGNORE, current.ignore()),
                string(value, REASON, current.reason()),
                strings(value, RECIPIENTS, current.recipients()),
                strings(value, HEADER_MODIFIERS, current.headerModifiers()));
    }

    private static boolean bool(LuaValue table, LuaString field, boolean fallback) {
        LuaValue value = table.rawget(field);
        if (value.isnil()) {
            return fallback;
        }
        if (!value.isboolean()) {
            throw new IllegalArgumentException("actions." + field + " must be a boolean, not " + value.typename());
        }
        return value.toboolean();
    }

    private static String string(LuaValue table, LuaString field, String fallback) {
        LuaValue value = table.rawget(field);
        if (value.isnil()) {
            return fallback;
        }
        if (!value.isstring()) {
            throw new IllegalArgumentException("actions." + field + " must be a string, not " + value.typename());
        }
        return value.tojstring();
    }

    private static List<String> strings(LuaValue table, LuaString field, List<String> fallback) {
        LuaValue value = table.rawget(field);
        if (value.isnil()) {
            return fallback;
        }
        if (!value.istable()) {
            throw new IllegalArgumentException("actions." + field + " must be a table, not " + value.typename());
        }
        int length = value.rawlen();
        if (length > MAX_ITEMS) {
            throw new IllegalArgumentException(
                    "actions." + field + " holds " + length + " items (at most " + MAX_ITEMS + ")");
        }
        List<String> result = new ArrayList<>(length);
        for (int i = 1; i <= length; i++) {
            LuaValue item = value.rawget(i);
            if (!item.isstring()) {
                throw new IllegalArgumentException(
                        "actions." + field + "[" + i + "] must be a string, not " + item.typename());
            }
            if (item.rawlen() > MAX_ITEM_LENGTH) {
                throw new IllegalArgumentException("actions." + field + "[" + i + "] is " + item.rawlen()
                        + " bytes long (at most " + MAX_ITEM_LENGTH + ")");
            }
            result.add(item.tojstring());
        }
        return List.copyOf(result);
    }

    public boolean sendToOriginalRecipients() {
        return sendToOriginalRecipients;
    }

    public boolean delete() {
        return delete;
    }

    public boolean ignore() {
        return ignore;
    }

    public String reason() {
        return reason;
    }

    public List<String> recipients() {
        return recipients;
    }

    public List<String> headerModifiers() {
        return headerModifiers;
    }
}
