package org.jameslua.mailets.mail;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import javax.mail.Header;
import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.lib.TwoArgFunction;

/**
 * A message's header fields in the two shapes the manual hands scripts: "header data" ({@code Headers1},
 * CheckFile's {@code <header data>}: name to value, the last of repeated fields winning) and "header lines"
 * ({@code Headers2}, CheckFile's {@code <header lines>}: every field in order).
 *
 * <p>Values are the raw field text with folding removed (encoded words are not decoded). The manual writes
 * both {@code Headers1["Subject"]} and {@code headerdata["subject"]}, so the data table answers to a name in
 * any case, while {@code pairs} gives each field once, under the name as written in the message.
 */
public final class HeaderTables {
    private static final Pattern FOLDING = Pattern.compile("\r?\n(?=[ \t])");
    private static final byte[] SEPARATOR = {':', ' '};

    private final List<Field> fields;

    private HeaderTables(List<Field> fields) {
        this.fields = fields;
    }

    public static HeaderTables of(MimeMessage message) throws MessagingException {
        List<Field> fields = new ArrayList<>();
        for (Header header : Collections.list(message.getAllHeaders())) {
            String value = header.getValue() == null ? "" : header.getValue();
            fields.add(new Field(header.getName(), unfolded(value)));
        }
        return new HeaderTables(List.copyOf(fields));
    }

    /** The value without its folding line breaks; most values have none, and are kept as they are. */
    private static String unfolded(String value) {
        return value.indexOf('\n') < 0 ? value : FOLDING.matcher(value).replaceAll("");
    }

    /** Name to value, any case of the name finding the field; a new table each time, for one script instance. */
    public LuaTable data() {
        Map<LuaString, Field> last = new LinkedHashMap<>();
        for (Field field : fields) {
            last.put(field.lowerName, field);
        }
        LuaTable table = new LuaTable(0, last.size());
        LuaTable byLowerName = new LuaTable(0, last.size());
        for (Map.Entry<LuaString, Field> entry : last.entrySet()) {
            table.rawset(entry.getValue().name, entry.getValue().value);
            byLowerName.rawset(entry.getKey(), entry.getValue().value);
        }
        LuaTable meta = new LuaTable();
        meta.rawset(LuaValue.INDEX, new AnyCaseIndex(byLowerName));
        table.setmetatable(meta);
        return table;
    }

    /** Every field as a whole {@code "Name: value"} line, in message order; a new table each time. */
    public LuaTable lines() {
        LuaTable table = new LuaTable(fields.size(), 0);
        for (int i = 0; i < fields.size(); i++) {
            table.rawset(i + 1, fields.get(i).line);
        }
        return table;
    }

    private static String lowerCase(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    /**
     * One field, as the Lua strings the tables hold: made once per message, as a routing script's tables are made for
     * each recipient (Lua strings cannot change, so the tables of several instances may share them).
     */
    private static final class Field {
        private final LuaString name;
        private final LuaString lowerName;
        private final LuaString value;
        private final LuaString line;

        private Field(String name, String value) {
            this.name = LuaString.valueOf(name);
            String lower = lowerCase(name);
            this.lowerName = lower.equals(name) ? this.name : LuaString.valueOf(lower);
            this.value = LuaString.valueOf(value);
            this.line = line(this.name, this.value);
        }

        /** {@code name: value}, its bytes joined, as the name and value are already UTF-8. */
        private static LuaString line(LuaString name, LuaString value) {
            byte[] bytes = new byte[name.rawlen() + SEPARATOR.length + value.rawlen()];
            name.copyInto(0, bytes, 0, name.rawlen());
            System.arraycopy(SEPARATOR, 0, bytes, name.rawlen(), SEPARATOR.length);
            value.copyInto(0, bytes, name.rawlen() + SEPARATOR.length, value.rawlen());
            return LuaString.valueUsing(bytes);
        }
    }

    private static final class AnyCaseIndex extends TwoArgFunction {
        private final LuaTable byLowerName;

        AnyCaseIndex(LuaTable byLowerName) {
            this.byLowerName = byLowerName;
        }

        @Override
        public LuaValue call(LuaValue table, LuaValue key) {
            return key.isstring() ? byLowerName.rawget(lowerCase(key.tojstring())) : LuaValue.NIL;
        }
    }
}
