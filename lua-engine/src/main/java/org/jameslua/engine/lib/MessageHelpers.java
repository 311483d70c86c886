package org.jameslua.engine.lib;

import java.io.IOException;
import org.jameslua.engine.message.MessageAccess;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;

/**
 * The helpers available inside ProcessMessage, in the {@code VPOP3} table. No helper returns a string over
 * the instance's string limit: GetMessagePart fails for a bigger part, GetMessageLine returns fewer lines.
 */
public final class MessageHelpers implements LuaLibrary {
    private static final LuaString GET_MESSAGE_PART = LuaValue.valueOf("GetMessagePart");
    private static final LuaString MESSAGE_RESET = LuaValue.valueOf("MessageReset");
    private static final LuaString MESSAGE_SEEK = LuaValue.valueOf("MessageSeek");
    private static final LuaString GET_MESSAGE_LINE = LuaValue.valueOf("GetMessageLine");
    private static final LuaString SAVE_ATTACHMENT = LuaValue.valueOf("SaveAttachment");

    @Override
    public void install(Globals globals, InstanceContext context) {
        LuaTable vpop3 = Vpop3Library.table(globals);
        vpop3.rawset(GET_MESSAGE_PART, Functions.of("GetMessagePart", context, (c, args) -> {
            String path = ScriptText.name(args, 1, "");
            try {
                LuaString part = c.message().part(path, stringLimit(c));
                c.budget().checkTime();
                return part;
            } catch (IOException e) {
                throw new LuaError("VPOP3.GetMessagePart: " + e.getMessage());
            }
        }));
        vpop3.rawset(MESSAGE_RESET, Functions.of("MessageReset", context, (c, args) -> {
            c.message().reset();
            return LuaValue.NONE;
        }));
        vpop3.rawset(MESSAGE_SEEK, Functions.of("MessageSeek", context, (c, args) -> {
            c.message().seek(Math.max(0, args.checklong(1)));
            return LuaValue.NONE;
        }));
        vpop3.rawset(GET_MESSAGE_LINE, Functions.of("GetMessageLine", context, (c, args) -> {
            int count = args.isnoneornil(1) ? 1 : Math.max(0, args.checkint(1));
            try {
                MessageAccess.Lines lines = c.message().lines(count, stringLimit(c));
                c.budget().checkTime();
                return LuaValue.varargsOf(LuaValue.valueOf(lines.count()), lines.text());
            } catch (IOException e) {
                throw new LuaError("VPOP3.GetMessageLine: " + e.getMessage());
            }
        }));
        vpop3.rawset(SAVE_ATTACHMENT, Functions.of("SaveAttachment", context, (c, args) -> {
            java.nio.file.Path file;
            try {
                // a C file name, as VPOP3's fopen read it
                file = OsLibrary.cFile(c, ScriptText.name(args, 2));
            } catch (java.io.IOException e) {
                // a name no file can have here: nothing saved
                return LuaValue.FALSE;
            }
            boolean saved = c.message().saveAttachment(args.checkint(1), file);
            c.budget().checkTime();
            return LuaValue.valueOf(saved);
        }));
    }

    private static int stringLimit(InstanceContext context) {
        return context.budget().limits().stringLength();
    }
}
