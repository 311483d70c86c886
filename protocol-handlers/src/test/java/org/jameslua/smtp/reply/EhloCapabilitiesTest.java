package org.jameslua.smtp.reply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.jameslua.james.script.BadReturn;
import org.junit.jupiter.api.Test;

class EhloCapabilitiesTest {

    @Test
    void oneCapabilityPerLineWithOrWithoutReplyCodes() throws BadReturn {
        assertThat(EhloCapabilities.parse("PIPELINING\r\n250-SIZE 100\n250 8BITMIME\r\n"))
                .containsExactly("PIPELINING", "SIZE 100", "8BITMIME");
        assertThat(EhloCapabilities.format(List.of("A", "B C"))).isEqualTo("A\r\nB C");
    }

    @Test
    void anEmptyStringAdvertisesNothing() throws BadReturn {
        assertThat(EhloCapabilities.parse("")).isEmpty();
    }

    @Test
    void refusesWhatIsNoCapability() {
        assertThatThrownBy(() -> EhloCapabilities.parse(" LEADING")).hasMessageContaining("not an EHLO capability");
        assertThatThrownBy(() -> EhloCapabilities.parse("X\u0007BELL")).hasMessageContaining("not an EHLO capability");
        assertThatThrownBy(() -> EhloCapabilities.parse("A\rB")).hasMessageContaining("lone CR");
        assertThatThrownBy(() -> EhloCapabilities.parse("X".repeat(EhloCapabilities.MAX_LENGTH + 1)))
                .hasMessageContaining("characters");
    }
}
