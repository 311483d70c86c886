package org.jameslua.james.script;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jameslua.engine.message.Actions;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaValue;

/**
 * Conversions between Java values and the Lua values scripts receive and return. Readers treat {@code nil} as
 * "left unchanged" and anything of the wrong type as a {@link BadReturn}, so a script bug is reported rather
 * than acted on. Tables are read raw ({@code rawget}, {@code rawlen}): a metamethod would run script code here,
 * in the host, outside the bounds of any call.
 */
public final class LuaValues {
    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    private LuaValues() {}

    /**
     * A string (numbers are read as Lua's {@code tostring} gives them), or the fallback for nil. Lua strings
     * are bytes: they are read as UTF-8, or as Windows-1252 when they are not valid UTF-8, since scripts written
     * for VPOP3 on Windows were saved in that code page.
     */
    public static String string(LuaValue value, String what, String fallback) {
        if (value.isnil()) {
            return fallback;
        }
        if (!value.isstring()) {
            throw BadReturn.wrongType(what, "a string", value);
        }
        if (value.type() != LuaValue.TSTRING) {
            return value.tojstring();
        }
        LuaString bytes = value.checkstring();
        if (isAscii(bytes)) {
            // the usual return ("", a reply, an address): the same text whichever way it is read, without a decoder
            return new String(bytes.m_bytes, bytes.m_offset, bytes.m_length, StandardCharsets.US_ASCII);
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes.m_bytes, bytes.m_offset, bytes.m_length);
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(buffer)
                    .toString();
        } catch (CharacterCodingException e) {
            return new String(bytes.m_bytes, bytes.m_offset, bytes.m_length, WINDOWS_1252);
        }
    }

    private static boolean isAscii(LuaString text) {
        for (int i = text.m_offset; i < text.m_offset + text.m_length; i++) {
            if (text.m_bytes[i] < 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * A string holding a list of addresses, as {@link Addresses#parseList} reads it (Assistants, Forwards, a
     * notice's target), of at most as many entries as a list of strings ({@link #strings}); the fallback for nil.
     */
    public static String addressList(LuaValue value, String what, String fallback) {
        String text = string(value, what, fallback);
        if (Addresses.hasMoreEntriesThan(text, Actions.MAX_ITEMS)) {
            throw new BadReturn(what + " holds more than " + Actions.MAX_ITEMS + " addresses");
        }
        return text;
    }

    public static boolean bool(LuaValue value, String what, boolean fallback) {
        if (value.isnil()) {
            return fallback;
        }
        if (!value.isboolean()) {
            throw BadReturn.wrongType(what, "a boolean", value);
        }
        return value.toboolean();
    }

    /** A number, or a string holding one (as Lua's arithmetic accepts), or the fallback for nil. */
    public static double number(LuaValue value, String what, double fallback) {
        if (value.isnil()) {
            return fallback;
        }
        if (!value.isnumber()) {
            throw BadReturn.wrongType(what, "a number", value);
        }
        return value.todouble();
    }

    /** A sequence of strings; nil gives the fallback. */
    public static List<String> strings(LuaValue value, String what, List<String> fallback) {
        if (value.isnil()) {
            return fallback;
        }
        if (!value.istable()) {
            throw BadReturn.wrongType(what, "a table", value);
        }
        // the limits of ProcessMessage's Recipients and HeaderModifiers, checked before anything is read: a table
        // of millions of references to one string costs the script little, and must cost the host no more
        int length = value.rawlen();
        if (length > Actions.MAX_ITEMS) {
            throw new BadReturn(what + " holds " + length + " items (at most " + Actions.MAX_ITEMS + ")");
        }
        List<String> result = new ArrayList<>(length);
        for (int i = 1; i <= length; i++) {
            LuaValue item = value.rawget(i);
            if (!item.isstring()) {
                throw BadReturn.wrongType(what + "[" + i + "]", "a string", item);
            }
            if (item.rawlen() > Actions.MAX_ITEM_LENGTH) {
                throw new BadReturn(what + "[" + i + "] is " + item.rawlen() + " bytes long (at most "
                        + Actions.MAX_ITEM_LENGTH + ")");
            }
            result.add(string(item, what, ""));
        }
        return List.copyOf(result);
    }

    /**
     * The lines of a multi-line string a script returns (replies, header lines, capabilities): separated by CRLF or
     * LF, one final line break dropped. A CR anywhere else is refused, since a client could take it for a line end.
     */
    public static List<String> lines(String text) {
        String[] lines = withoutFinalLineBreak(text).split("\r?\n", -1);
        for (String line : lines) {
            if (line.indexOf('\r') >= 0) {
                throw new BadReturn("a lone CR in " + quote(line));
            }
        }
        return List.of(lines);
    }

    /** The text without one final CRLF or LF, as a script may end a reply or a header line with one. */
    public static String withoutFinalLineBreak(String text) {
        return text.endsWith("\r\n")
                ? text.substring(0, text.length() - 2)
                : text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    }

    /**
     * As {@link #lines(String)}, for {@code what} (e.g. "a reply"), refused at once when longer than {@code longest}
     * characters: a string repeated costs a script little, and must not cost the host millions of lines.
     */
    public static List<String> lines(String text, String what, int longest) {
        if (text.length() > longest) {
            throw new BadReturn(what + " of " + text.length() + " characters (at most " + longest + ")");
        }
        return lines(text);
    }

    /** A script's string as an error message shows it: quoted, line breaks visible, cut after 80 characters. */
    public static String quote(String text) {
        String shown = text.length() > 80 ? text.substring(0, 80) + "..." : text;
        return "\"" + shown.replace("\r", "\\r").replace("\n", "\\n") + "\"";
    }
}
