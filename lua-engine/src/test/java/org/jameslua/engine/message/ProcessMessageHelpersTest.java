package org.jameslua.engine.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jameslua.engine.message.TestMessages.crlf;

import java.io.IOException;
import java.util.Base64;
import org.jameslua.engine.CallResult;
import org.jameslua.engine.InstanceOptions;
import org.jameslua.engine.Limits;
import org.jameslua.engine.ScriptFixture;
import org.jameslua.engine.ScriptInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/** The five ProcessMessage helpers as a script sees them. */
class ProcessMessageHelpersTest {
    static final byte[] GIF = {'G', 'I', 'F', '8', '9', 'a', 1, 0, 1, 0, 0, 0, 0, 59};
    static final byte[] MESSAGE = crlf("From: a@example.com\n"
            + "Subject: report\n"
            + "MIME-Version: 1.0\n"
            + "Content-Type: multipart/mixed; boundary=\"b\"\n"
            + "\n"
            + "--b\n"
            + "Content-Type: text/plain\n"
            + "\n"
            + "First line.\n"
            + "Second line.\n"
            + "--b\n"
            + "Content-Type: image/gif\n"
            + "Content-Transfer-Encoding: base64\n"
            + "Content-Disposition: attachment; filename=\"pixel.gif\"\n"
            + "\n"
            + Base64.getEncoder().encodeToString(GIF) + "\n"
            + "--b--\n");

    @RegisterExtension
    final ScriptFixture scripts = new ScriptFixture();

    @Test
    void aScriptReadsPartsAndLinesAndSavesAnAttachment() throws IOException {
        scripts.write(
                "SMTPSVR.LUA",
                "function ProcessMessage(from, subject, recipients, actions, mime, size, attachments)\n"
                        + "  local body = VPOP3.GetMessagePart(mime[1].Path)\n"
                        + "  VPOP3.MessageReset()\n"
                        + "  local n, head = VPOP3.GetMessageLine(2)\n"
                        + "  VPOP3.MessageSeek(mime[1].BodyStart)\n"
                        + "  local m, lines = VPOP3.GetMessageLine(5)\n"
                        + "  local saved = VPOP3.SaveAttachment(1, attachments[1].Name)\n"
                        + "  local missing = VPOP3.SaveAttachment(2, \"nothing.bin\")\n"
                        + "  return body, n, head, m, lines, saved, missing, #mime, mime[2].ContentType,\n"
                        + "    mime[2].ContentDispositionFilename, attachments[1].Size, attachments[1].MIMESection,\n"
                        + "    attachments[1].Type, size, mime[2].End - mime[2].BodyStart\n"
                        + "end\n");
        ScriptInstance instance = scripts.engine().newInstance("SMTPSVR.LUA");

        Varargs values = process(instance, MESSAGE);

        assertThat(values.arg(1).tojstring()).isEqualTo("First line.\r\nSecond line.");
        assertThat(values.arg(2).toint()).isEqualTo(2);
        assertThat(values.arg(3).tojstring()).isEqualTo("From: a@example.com\r\nSubject: report\r\n");
        assertThat(values.arg(4).toint()).isEqualTo(5);
        assertThat(values.arg(5).tojstring())
                .isEqualTo("First line.\r\nSecond line.\r\n--b\r\n"
                        + "Content-Type: image/gif\r\nContent-Transfer-Encoding: base64\r\n");
        assertThat(values.arg(6).toboolean()).isTrue();
        assertThat(values.arg(7).toboolean()).isFalse();
        assertThat(values.arg(8).toint()).isEqualTo(2);
        assertThat(values.arg(9).tojstring()).isEqualTo("image");
        assertThat(values.arg(10).tojstring()).isEqualTo("pixel.gif");
        assertThat(values.arg(11).toint()).isEqualTo(GIF.length);
        assertThat(values.arg(12).toint()).isEqualTo(2);
        assertThat(values.arg(13).tojstring()).isEqualTo("MIME");
        assertThat(values.arg(14).toint()).isEqualTo(MESSAGE.length);
        assertThat(values.arg(15).toint())
                .isEqualTo(Base64.getEncoder().encodeToString(GIF).length());
        assertThat(scripts.folder().resolve("pixel.gif")).hasBinaryContent(GIF);
        assertThat(scripts.errors()).isEmpty();
    }

    @Test
    void readingTheWholeMessageLineByLineGivesBackItsBytes() throws IOException {
        scripts.write(
                "SMTPSVR.LUA",
                "function ProcessMessage(from, subject, recipients, actions, mime, size, attachments)\n"
                        + "  local parts = {}\n"
                        + "  while true do\n"
                        + "    local n, text = VPOP3.GetMessageLine(3)\n"
                        + "    if n == 0 then break end\n"
                        + "    parts[#parts + 1] = text\n"
                        + "  end\n"
                        + "  return table.concat(parts) == VPOP3.GetMessagePart(\"\"), #parts\n"
                        + "end\n");

        Varargs values = process(scripts.engine().newInstance("SMTPSVR.LUA"), MESSAGE);

        assertThat(values.arg(1).toboolean()).isTrue();
        assertThat(values.arg(2).toint()).isGreaterThan(3);
    }

    @Test
    void aPartOverTheStringLimitIsALuaErrorAScriptCanCatch() throws IOException {
        scripts.write(
                "SMTPSVR.LUA",
                "function ProcessMessage(from, subject, recipients, actions, mime, size, attachments)\n"
                        + "  local ok, err = pcall(VPOP3.GetMessagePart, \"\")\n"
                        + "  local n, line = VPOP3.GetMessageLine(1000)\n"
                        + "  return ok, err, n, #line\n"
                        + "end\n"
                        + "function Uncaught() return VPOP3.GetMessagePart(\"\") end\n");
        ScriptInstance instance =
                scripts.engine(Limits.defaults().withStringLength(100)).newInstance("SMTPSVR.LUA");

        Varargs values = process(instance, MESSAGE);

        assertThat(values.arg(1).toboolean()).isFalse();
        assertThat(values.arg(2).tojstring())
                .contains("VPOP3.GetMessagePart: part \"\" is " + MESSAGE.length
                        + " bytes, over the string limit of 100");
        assertThat(values.arg(3).toint()).isBetween(1, 10);
        assertThat(values.arg(4).toint()).isLessThanOrEqualTo(100);

        try (ScannedMessage message = ScannedMessage.of(MessageSource.of(MESSAGE))) {
            assertThat(instance.callWithMessage(message, "Uncaught", LuaValue.NONE))
                    .isInstanceOf(CallResult.Failed.class);
        }
        assertThat(scripts.errors()).singleElement().asString().contains("over the string limit of 100");
    }

    /** Java refuses such a path ("vm error: java.nio.file.InvalidPathException"); it names no file, nothing is saved. */
    @Test
    void anAttachmentSavedUnderANameWithAZeroByteIsNotSaved() throws IOException {
        scripts.write(
                "SMTPSVR.LUA",
                "function ProcessMessage(from, subject, recipients, actions, mime, size, attachments)\n"
                        + "  return VPOP3.SaveAttachment(1, \"pixel\\0.gif\")\n"
                        + "end\n");
        ScriptInstance instance = scripts.engine().newInstance("SMTPSVR.LUA");

        Varargs values = process(instance, MESSAGE);

        assertThat(values.arg(1)).isEqualTo(LuaValue.FALSE);
        assertThat(scripts.folder().resolve("pixel")).doesNotExist();
    }

    /**
     * The name is a C file name, as VPOP3's {@code fopen} read it: a name ending in {@code /} asks for a folder (Java's
     * path dropped the slash, and the attachment was saved as {@code pixel.gif}), an empty one names no file (Java's
     * was the scripts folder itself).
     */
    @Test
    void anAttachmentSavedUnderAFolderNameOrNoNameIsNotSaved() throws IOException {
        scripts.write(
                "SMTPSVR.LUA",
                "function ProcessMessage(from, subject, recipients, actions, mime, size, attachments)\n"
                        + "  return VPOP3.SaveAttachment(1, \"pixel.gif/\"), VPOP3.SaveAttachment(1, \"\")\n"
                        + "end\n");
        ScriptInstance instance = scripts.engine().newInstance("SMTPSVR.LUA");

        Varargs values = process(instance, MESSAGE);

        assertThat(values.arg(1)).isEqualTo(LuaValue.FALSE);
        assertThat(values.arg(2)).isEqualTo(LuaValue.FALSE);
        assertThat(scripts.folder().resolve("pixel.gif")).doesNotExist();
        assertThat(scripts.errors()).isEmpty();
    }

    @Test
    void saveAttachmentIsRefusedInSafetyMode() throws IOException {
        scripts.write(
                "SMTPSVR.LUA",
                "function ProcessMessage(from, subject, recipients, actions, mime, size, attachments)\n"
                        + "  return pcall(VPOP3.SaveAttachment, 1, \"pixel.gif\")\n"
                        + "end\n");
        ScriptInstance instance = scripts.engine().newInstance("SMTPSVR.LUA", InstanceOptions.userScript("bob"));

        Varargs values = process(instance, MESSAGE);

        assertThat(values.arg(1).toboolean()).isFalse();
        assertThat(values.arg(2).tojstring()).contains("VPOP3.SaveAttachment is disabled in safety mode");
        assertThat(scripts.folder().resolve("pixel.gif")).doesNotExist();
    }

    @Test
    void theHelpersFailOutsideProcessMessage() {
        scripts.write("SMTPSVR.LUA", "function Start() return pcall(VPOP3.MessageReset) end");

        CallResult result = scripts.engine().newInstance("SMTPSVR.LUA").call("Start");

        Varargs values = ((CallResult.Returned) result).values();
        assertThat(values.arg(1).toboolean()).isFalse();
        assertThat(values.arg(2).tojstring()).contains("only inside ProcessMessage");
    }

    /** A later call of the same instance (End, after the message) finds the helpers unbound, as before it. */
    @Test
    void theHelpersFailAgainAfterProcessMessage() throws IOException {
        scripts.write(
                "SMTPSVR.LUA",
                "function ProcessMessage() return VPOP3.GetMessageLine(1) end\n"
                        + "function End() return pcall(VPOP3.MessageReset) end\n");
        ScriptInstance instance = scripts.engine().newInstance("SMTPSVR.LUA");
        process(instance, MESSAGE);

        Varargs values = ((CallResult.Returned) instance.call("End")).values();

        assertThat(values.arg(1).toboolean()).isFalse();
        assertThat(values.arg(2).tojstring()).contains("only inside ProcessMessage");
    }

    /** Calls ProcessMessage as the SMTP server will: scan once, pass the tables, bind the helpers. */
    private static Varargs process(ScriptInstance instance, byte[] bytes) throws IOException {
        try (ScannedMessage message = ScannedMessage.of(MessageSource.of(bytes))) {
            LuaTable recipients = LuaValue.listOf(new LuaValue[] {LuaValue.valueOf("b@example.com")});
            CallResult result = instance.callWithMessage(message, "ProcessMessage", LuaValue.varargsOf(new LuaValue[] {
                LuaValue.valueOf("a@example.com"),
                LuaValue.valueOf("report"),
                recipients,
                new LuaTable(),
                message.structure(),
                LuaValue.valueOf(message.size()),
                message.attachments()
            }));
            assertThat(result).isInstanceOf(CallResult.Returned.class);
            return ((CallResult.Returned) result).values();
        }
    }
}
