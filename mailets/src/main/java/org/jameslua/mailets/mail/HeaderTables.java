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
import org.jameslua.engine.LuaSequences;
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
        Map<String, Field> last = new LinkedHashMap<>();
        for (Field field : fields) {
            last.put(lowerCase(field.name()), field);
        }
        LuaTable table = new LuaTable(0, last.size());
        LuaTable byLowerName = new LuaTable(0, last.size());
        for (Map.Entry<String, Field> entry : last.entrySet()) {
            table.rawset(
                    entry.getValue().name(), LuaValue.valueOf(entry.getValue().value()));
            byLowerName.rawset(entry.getKey(), LuaValue.valueOf(entry.getValue().value()));
        }
        LuaTable meta = new LuaTable();
        meta.rawset(LuaValue.INDEX, new AnyCaseIndex(byLowerName));
        table.setmetatable(meta);
        return table;
    }

    /** Every field as a whole {@code "Name: value"} line, in message order; a new table each time. */
    public LuaTable lines() {
        List<String> lines = new ArrayList<>(fields.size());
        for (Field field : fields) {
            lines.add(field.name() + ": " + field.value());
        }
        return LuaSequences.of(lines);
    }

    private static String lowerCase(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    private static final class Field {
        private final String name;
        private final String value;

        private Field(String name, String value) {
            this.name = name;
            this.value = value;
        }

        public String name() {
            return name;
        }

        public String value() {
            return value;
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
