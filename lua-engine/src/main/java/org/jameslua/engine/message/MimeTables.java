package org.jameslua.engine.message;

import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;

/**
 * The Lua tables ProcessMessage receives (SMTP server and POP3 client alike), with the manual's field names.
 * Names are given to Lua as UTF-8.
 */
public final class MimeTables {
    private static final LuaString PATH = LuaValue.valueOf("Path");
    private static final LuaString CONTENT_TYPE = LuaValue.valueOf("ContentType");
    private static final LuaString CONTENT_SUBTYPE = LuaValue.valueOf("ContentSubtype");
    private static final LuaString CONTENT_TYPE_FILENAME = LuaValue.valueOf("ContentTypeFilename");
    private static final LuaString CONTENT_DISPOSITION = LuaValue.valueOf("ContentDisposition");
    private static final LuaString CONTENT_DISPOSITION_FILENAME = LuaValue.valueOf("ContentDispositionFilename");
    private static final LuaString START = LuaValue.valueOf("Start");
    private static final LuaString BODY_START = LuaValue.valueOf("BodyStart");
    private static final LuaString END = LuaValue.valueOf("End");
    private static final LuaString MIME_SECTION = LuaValue.valueOf("MIMESection");
    private static final LuaString NAME = LuaValue.valueOf("Name");
    private static final LuaString MIME_TYPE = LuaValue.valueOf("MIMEType");
    private static final LuaString SIZE = LuaValue.valueOf("Size");
    private static final LuaString TYPE = LuaValue.valueOf("Type");

    private MimeTables() {}

    /**
     * The {@code <message MIME structure>} argument: a sequence of tables with Path, ContentType,
     * ContentSubtype, ContentTypeFilename, ContentDisposition, ContentDispositionFilename, Start and End, and
     * BodyStart (an addition to the manual: the offset of the body, past the part's headers).
     */
    public static LuaTable structure(MimeScan scan) {
        LuaTable table = new LuaTable(scan.parts().size(), 0);
        int index = 0;
        for (MimePart part : scan.parts()) {
            LuaTable entry = new LuaTable(0, 9);
            entry.rawset(PATH, LuaValue.valueOf(part.path()));
            entry.rawset(CONTENT_TYPE, LuaValue.valueOf(part.contentType()));
            entry.rawset(CONTENT_SUBTYPE, LuaValue.valueOf(part.contentSubtype()));
            entry.rawset(CONTENT_TYPE_FILENAME, LuaValue.valueOf(part.contentTypeFilename()));
            entry.rawset(CONTENT_DISPOSITION, LuaValue.valueOf(part.contentDisposition()));
            entry.rawset(CONTENT_DISPOSITION_FILENAME, LuaValue.valueOf(part.contentDispositionFilename()));
            entry.rawset(START, LuaValue.valueOf(part.start()));
            entry.rawset(BODY_START, LuaValue.valueOf(part.bodyStart()));
            entry.rawset(END, LuaValue.valueOf(part.end()));
            table.rawset(++index, entry);
        }
        return table;
    }

    /** The {@code <attachments>} argument: a sequence of tables with MIMESection, Name, MIMEType, Size and Type. */
    public static LuaTable attachments(MimeScan scan) {
        LuaTable table = new LuaTable(scan.attachments().size(), 0);
        int index = 0;
        for (Attachment attachment : scan.attachments()) {
            LuaTable entry = new LuaTable(0, 5);
            entry.rawset(MIME_SECTION, LuaValue.valueOf(attachment.mimeSection()));
            entry.rawset(NAME, LuaValue.valueOf(attachment.name()));
            entry.rawset(MIME_TYPE, LuaValue.valueOf(attachment.mimeType()));
            entry.rawset(SIZE, LuaValue.valueOf(attachment.size()));
            entry.rawset(TYPE, LuaValue.valueOf(attachment.type()));
            table.rawset(++index, entry);
        }
        return table;
    }
}
