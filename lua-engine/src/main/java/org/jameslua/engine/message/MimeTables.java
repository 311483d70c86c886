package org.jameslua.engine.message;

import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;

/**
 * The Lua tables ProcessMessage receives (SMTP server and POP3 client alike), with the manual's field names.
 * Names are given to Lua as UTF-8.
 */
public final class MimeTables {
    private MimeTables() {
    }

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
            entry.set("Path", part.path());
            entry.set("ContentType", part.contentType());
            entry.set("ContentSubtype", part.contentSubtype());
            entry.set("ContentTypeFilename", part.contentTypeFilename());
            entry.set("ContentDisposition", part.contentDisposition());
            entry.set("ContentDispositionFilename", part.contentDispositionFilename());
            entry.set("Start", LuaValue.valueOf(part.start()));
            entry.set("BodyStart", LuaValue.valueOf(part.bodyStart()));
            entry.set("End", LuaValue.valueOf(part.end()));
            table.set(++index, entry);
        }
        return table;
    }

    /** The {@code <attachments>} argument: a sequence of tables with MIMESection, Name, MIMEType, Size and Type. */
    public static LuaTable attachments(MimeScan scan) {
        LuaTable table = new LuaTable(scan.attachments().size(), 0);
        int index = 0;
        for (Attachment attachment : scan.attachments()) {
            LuaTable entry = new LuaTable(0, 5);
            entry.set("MIMESection", attachment.mimeSection());
            entry.set("Name", attachment.name());
            entry.set("MIMEType", attachment.mimeType());
            entry.set("Size", LuaValue.valueOf(attachment.size()));
            entry.set("Type", attachment.type());
            table.set(++index, entry);
        }
        return table;
    }
}
