package org.jameslua.engine.lib;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jameslua.engine.CallResult;
import org.jameslua.engine.ScriptFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

@DisabledOnOs(OS.WINDOWS)
class GetDirectoryTest {
    @TempDir
    Path elsewhere;

    @RegisterExtension
    final ScriptFixture scripts = new ScriptFixture();

    @Test
    void listsFilesAndDirectoriesByNameWithTheirAttributes() throws IOException {
        Path listing = Files.createDirectories(scripts.folder().resolve("listing"));
        Files.writeString(listing.resolve("a.txt"), "hello");
        Files.createDirectory(listing.resolve("sub"));
        Files.writeString(listing.resolve(".hidden"), "");
        Path readOnly = Files.writeString(listing.resolve("ro.txt"), "x");
        Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r--r--r--"));

        LuaTable entries = run("return os.getdirectory('listing')").checktable(1);

        assertThat(keys(entries)).containsExactlyInAnyOrder("a.txt", "sub", ".hidden", "ro.txt");
        assertThat(entries.get("a.txt").get("Attributes").tojstring()).isEqualTo("A");
        assertThat(entries.get("sub").get("Attributes").tojstring()).isEqualTo("D");
        assertThat(entries.get(".hidden").get("Attributes").tojstring()).isEqualTo("AH");
        assertThat(entries.get("ro.txt").get("Attributes").tojstring()).isEqualTo("AR");
        assertThat(entries.get("a.txt").get("Size").tolong()).isEqualTo(5);
        assertThat(entries.get("sub").get("Size").tolong()).isZero();
        assertThat(entries.get("a.txt").get("LastWrite").tolong())
                .isEqualTo(Files.getLastModifiedTime(listing.resolve("a.txt")).to(TimeUnit.SECONDS));
        assertThat(entries.get("a.txt").get("Creation").isnumber()).isTrue();
        assertThat(entries.get("a.txt").get("LastAccess").isnumber()).isTrue();
    }

    @Test
    void timesAreWhatOsDateTakes() throws IOException {
        Files.writeString(elsewhere.resolve("f"), "");
        Files.setLastModifiedTime(elsewhere.resolve("f"), FileTime.from(Instant.parse("2001-02-03T04:05:06Z")));

        Varargs values = run("local e = os.getdirectory([[" + elsewhere + "]]).f "
                + "return os.date('!%Y-%m-%d %H:%M:%S', e.LastWrite)");

        assertThat(values.arg1().tojstring()).isEqualTo("2001-02-03 04:05:06");
    }

    @Test
    void aMissingDirectoryGivesNilAndAMessage() {
        Varargs values = run("return os.getdirectory('nope')");

        assertThat(values.arg(1).isnil()).isTrue();
        assertThat(values.arg(2).tojstring()).isEqualTo("no such directory: nope");
    }

    private Varargs run(String body) {
        scripts.write("RUN.LUA", "function Run() " + body + " end");
        CallResult result = scripts.engine().newInstance("RUN.LUA").call("Run");
        assertThat(result).isInstanceOf(CallResult.Returned.class);
        return ((CallResult.Returned) result).values();
    }

    private static List<String> keys(LuaTable table) {
        List<String> keys = new ArrayList<>();
        LuaValue key = LuaValue.NIL;
        while (!(key = table.next(key).arg1()).isnil()) {
            keys.add(key.tojstring());
        }
        return keys;
    }
}
