package org.jameslua.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * loadfile of a folder: an administrator's script is told so, as Lua 5.2 tells it ("cannot read NAME: Is a
 * directory"); a user's script in safety mode is told of a link in its folder to a folder what it is told of a
 * missing file, so that it learns nothing of where its folder's links (to other users' folders) lead.
 */
class LoadedFoldersTest {
    @RegisterExtension
    final ScriptFixture scripts = new ScriptFixture();

    @Test
    void anAdministratorsScriptIsToldAFolderIsOne() throws Exception {
        Files.createDirectories(scripts.folder().resolve("lists"));
        scripts.write("ADMIN.LUA", "function Go() return select(2, loadfile('lists')) end");

        CallResult result = scripts.engine().newInstance("ADMIN.LUA").call("Go");

        assertThat(((CallResult.Returned) result).values().arg1().tojstring())
                .isEqualTo("cannot read lists: Is a directory");
    }

    @Test
    void aUsersScriptIsToldOfALinkedFolderWhatItIsToldOfAMissingFile() throws Exception {
        Files.createDirectories(scripts.folder().resolve("alice"));
        Files.createDirectories(scripts.folder().resolve("bob/dir.lua"));
        Files.createSymbolicLink(
                scripts.folder().resolve("alice/bobs.lua"), scripts.folder().resolve("bob/dir.lua"));
        scripts.write(
                "alice/USER.LUA",
                "function Go()\n"
                        + "  return select(2, loadfile('bobs.lua')) .. '|' .. select(2, loadfile('missing.lua'))\n"
                        + "end\n");

        CallResult result = scripts.engine()
                .newInstance("alice/USER.LUA", InstanceOptions.userScript("alice"))
                .call("Go");

        assertThat(((CallResult.Returned) result).values().arg1().tojstring())
                .isEqualTo("cannot open bobs.lua: No such file or directory"
                        + "|cannot open missing.lua: No such file or directory");
    }
}
