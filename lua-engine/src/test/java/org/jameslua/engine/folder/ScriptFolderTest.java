package org.jameslua.engine.folder;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScriptFolderTest {
    @TempDir
    Path folder;

    @Test
    void aFolderThatCannotBeMadeSaysWhy() throws IOException {
        Path file = Files.writeString(folder.resolve("lua"), "not a folder");

        assertThatThrownBy(() -> new ScriptFolder(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "Cannot use scripts folder " + file + ": java.nio.file.FileAlreadyExistsException: " + file);
    }
}
