package org.jameslua.smtp.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReadSlicesTest {
    @Test
    void aReadOfShortCommandsGoesOnInSlicesOfWholeLines() {
        String read = "NOOP\r\n".repeat(1_000);

        List<String> slices = slices(read);

        assertThat(String.join("", slices)).isEqualTo(read);
        assertThat(slices).hasSizeGreaterThan(5).allSatisfy(slice -> {
            assertThat(slice.length()).isLessThanOrEqualTo(1024);
            assertThat(slice).endsWith("\r\n");
        });
    }

    @Test
    void aStartTlsLineGoesOnWithEverythingBehindItInTheRead() {
        // STARTTLS would begin the second slice and end it, the line behind it too long to join it there
        String before = "NOOP " + "a".repeat(1008) + "\r\n";
        String behind = "NOOP " + "b".repeat(1010) + "\r\n" + "EHLO injected.example\r\n".repeat(100);

        List<String> slices = slices(before + "STARTTLS\r\n" + behind);

        assertThat(slices.get(slices.size() - 1)).endsWith("STARTTLS\r\n" + behind);
        assertThat(String.join("", slices)).isEqualTo(before + "STARTTLS\r\n" + behind);
    }

    @Test
    void aStartTlsLineInsideASliceTakesTheSliceToTheEndOfTheRead() {
        String before = "NOOP\r\n".repeat(300);
        String behind = "HELP\r\n".repeat(300);

        List<String> slices = slices(before + "  sTaRtTlS\r\n" + behind);

        assertThat(slices.get(slices.size() - 1)).endsWith("  sTaRtTlS\r\n" + behind);
        assertThat(String.join("", slices)).isEqualTo(before + "  sTaRtTlS\r\n" + behind);
    }

    @Test
    void aReadEndingInWhatMayBecomeStartTlsIsNotCutThere() {
        String before = "NOOP\r\n".repeat(300);

        List<String> slices = slices(before + "STAR");

        assertThat(slices.get(slices.size() - 1)).endsWith("NOOP\r\nSTAR");
    }

    @Test
    void aReadEndingBetweenALinesCrAndLfIsNotCutThere() {
        String before = "NOOP\r\n".repeat(300);

        List<String> slices = slices(before + "NOOP\r");

        assertThat(slices.get(slices.size() - 1)).endsWith("NOOP\r\nNOOP\r");
        assertThat(String.join("", slices)).isEqualTo(before + "NOOP\r");
    }

    @Test
    void aReadEndingInTheSpaceBeforeALineIsNotCutThere() {
        String before = "NOOP\r\n".repeat(300);

        List<String> slices = slices(before + "  ");

        assertThat(slices.get(slices.size() - 1)).endsWith("NOOP\r\n  ");
        assertThat(String.join("", slices)).isEqualTo(before + "  ");
    }

    @Test
    void aLineLongerThanASliceIsNotCut() {
        String read = "NOOP " + "a".repeat(3000) + "\r\n" + "NOOP\r\n";

        assertThat(slices(read)).containsExactly("NOOP " + "a".repeat(3000) + "\r\n", "NOOP\r\n");
    }

    @Test
    void onceTheFramerNoLongerLooksForInjectedCommandsAReadGoesOnWhole() {
        String read = "a line of a message\r\n".repeat(1_000);

        assertThat(slices(read, false)).containsExactly(read);
    }

    private static List<String> slices(String read) {
        return slices(read, true);
    }

    private static List<String> slices(String read, boolean framerLooksForInjection) {
        EmbeddedChannel channel = new EmbeddedChannel(new ReadSlices(() -> framerLooksForInjection));
        channel.writeInbound(Unpooled.copiedBuffer(read, StandardCharsets.US_ASCII));
        List<String> slices = new ArrayList<>();
        ByteBuf slice;
        while ((slice = channel.readInbound()) != null) {
            slices.add(slice.toString(StandardCharsets.US_ASCII));
            slice.release();
        }
        channel.finishAndReleaseAll();
        return slices;
    }
}
