package org.jameslua.engine.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jameslua.engine.message.TestMessages.crlf;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;

class MimeTablesTest {

    @Test
    void theStructureTableHasTheManualsFieldsAndBodyStart() {
        MimeScan scan = TestMessages.scan(crlf(MimeScannerTest.ALTERNATIVE));

        LuaTable structure = MimeTables.structure(scan);

        assertThat(structure.length()).isEqualTo(2);
        LuaValue html = structure.get(2);
        MimePart part = scan.parts().get(1);
        assertThat(html.get("Path").tojstring()).isEqualTo("2");
        assertThat(html.get("ContentType").tojstring()).isEqualTo("text");
        assertThat(html.get("ContentSubtype").tojstring()).isEqualTo("html");
        assertThat(html.get("ContentTypeFilename").tojstring()).isEmpty();
        assertThat(html.get("ContentDisposition").tojstring()).isEmpty();
        assertThat(html.get("ContentDispositionFilename").tojstring()).isEmpty();
        assertThat(html.get("Start").tolong()).isEqualTo(part.start());
        assertThat(html.get("BodyStart").tolong()).isEqualTo(part.bodyStart());
        assertThat(html.get("End").tolong()).isEqualTo(part.end());
        assertThat(html.get("Start").isinttype()).isTrue();
    }

    @Test
    void theAttachmentsTableHasTheManualsFieldsWithNamesInUtf8() {
        MimeScan scan = TestMessages.scan(crlf("MIME-Version: 1.0\n"
                + "Content-Type: multipart/mixed; boundary=b\n"
                + "\n"
                + "--b\n"
                + "Content-Type: text/plain\n"
                + "\n"
                + "hi\n"
                + "--b\n"
                + "Content-Type: application/pdf\n"
                + "Content-Disposition: attachment; filename*=UTF-8''%C3%A9t%C3%A9.pdf\n"
                + "\n"
                + "%PDF\n"
                + "--b--\n"));

        LuaTable attachments = MimeTables.attachments(scan);

        assertThat(attachments.length()).isEqualTo(1);
        LuaValue pdf = attachments.get(1);
        assertThat(pdf.get("MIMESection").toint()).isEqualTo(2);
        assertThat(pdf.get("Name").checkstring().rawlen())
                .isEqualTo("\u00e9t\u00e9.pdf".getBytes(StandardCharsets.UTF_8).length);
        assertThat(pdf.get("Name").tojstring()).isEqualTo("\u00e9t\u00e9.pdf");
        assertThat(pdf.get("MIMEType").tojstring()).isEqualTo("application/pdf");
        assertThat(pdf.get("Size").toint()).isEqualTo(4);
        assertThat(pdf.get("Type").tojstring()).isEqualTo("MIME");
    }
}
