package org.jameslua.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An administrator's script writing to a file in a loop filled the server's disk at the disk's speed until the call's
 * time ran out: gigabytes per call, the disk James keeps its mail and logs on. A call may write
 * {@code limit.write.bytes} to files; the write that would pass it is not made and the call fails.
 */
class FileWriteBoundTest {
    private static final long BOUND = 4L * 1024 * 1024;

    @RegisterExtension
    final ScriptFixture scripts = new ScriptFixture();

    @Test
    void aWriteLoopEndsAtTheCallsBoundWithTheFileNoBiggerThanIt() throws IOException {
        scripts.write(
                "S.LUA",
                "function Go() local f = io.open('BIG.TXT', 'w') local s = string.rep('x', 65536)"
                        + " while true do f:write(s) end end");
        LuaEngine engine = scripts.engine(Limits.defaults().withWriteBytes(BOUND));

        CallResult result = engine.newInstance("S.LUA").call("Go");

        ScriptError error = ((CallResult.Failed) result).error();
        assertThat(error.kind()).isEqualTo(ScriptError.Kind.MEMORY);
        assertThat(error.message()).isEqualTo("the call wrote more than 4194304 bytes to files");
        assertThat(Files.size(scripts.folder().resolve("BIG.TXT"))).isEqualTo(BOUND);
    }

    @Test
    void eachCallHasItsOwnBound() throws IOException {
        scripts.write(
                "S.LUA",
                "f = io.open('LOG.TXT', 'a') function Go() f:write(string.rep('y', 3 * 1024 * 1024)) return 'ok' end");
        ScriptInstance instance =
                scripts.engine(Limits.defaults().withWriteBytes(BOUND)).newInstance("S.LUA");

        assertThat(instance.call("Go")).isInstanceOf(CallResult.Returned.class);
        assertThat(instance.call("Go")).isInstanceOf(CallResult.Returned.class);
        instance.close();
        assertThat(Files.size(scripts.folder().resolve("LOG.TXT"))).isEqualTo(6L * 1024 * 1024);
    }
}
