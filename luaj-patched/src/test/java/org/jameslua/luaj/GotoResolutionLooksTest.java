package org.jameslua.luaj;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.compiler.LuaC;

/**
 * Resolving the gotos pending at a label shifts every goto pending after each: a label reached by many (a loop's end
 * by its breaks) takes the compiler time quadratic in them once it has read the label, where looking at the time as
 * it reads sees nothing (32767 gotos, Lua 5.2's most, took 2.7 s in a call bounded to 1 s, which then returned). The
 * compiler looks at the running call's time as it resolves each.
 */
class GotoResolutionLooksTest {
    /** The bounds of a call whose time is up from the moment the compiler has read the whole text. */
    private static final class SpentOnceRead implements RunningInstance.Bounds {
        boolean read;

        @Override
        public void checkTime() {
            if (read) {
                throw new IllegalStateException("the call's time is up");
            }
        }

        @Override
        public void checkStringLength(long length) {}

        @Override
        public void checkLargeAllocation(long bytes) {}
    }

    @Test
    void gotosResolvedAfterTheLastByteLookAtTheCallsTime() {
        SpentOnceRead bounds = new SpentOnceRead();
        byte[] text = ("goto e ".repeat(1000) + "::e::").getBytes(StandardCharsets.US_ASCII);
        ByteArrayInputStream input = new ByteArrayInputStream(text) {
            @Override
            public synchronized int read() {
                int c = super.read();
                bounds.read |= c < 0;
                return c;
            }
        };
        RunningInstance outer = new RunningInstance(bounds, null).enter();
        try {
            IllegalStateException spent =
                    assertThrows(IllegalStateException.class, () -> LuaC.instance.compile(input, "=gotos"));
            assertThat(spent).hasMessage("the call's time is up");
        } finally {
            RunningInstance.leave(outer);
        }
    }

    /** As Lua 5.2's compiler refuses them (luaM_growvector's limit), without a position. */
    @Test
    void atMost32767GotosOrBreaksArePendingAtOnce() {
        assertThat(compileError("goto e ".repeat(32768) + "::e::")).isEqualTo("too many labels/gotos (limit is 32767)");
        assertThat(compileError("while x do " + "if x then break end ".repeat(32768) + "end"))
                .isEqualTo("too many labels/gotos (limit is 32767)");
    }

    private static String compileError(String text) {
        ByteArrayInputStream input = new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII));
        return assertThrows(LuaError.class, () -> LuaC.instance.compile(input, "=s"))
                .getMessage();
    }
}
