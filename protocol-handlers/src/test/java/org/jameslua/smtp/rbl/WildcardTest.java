package org.jameslua.smtp.rbl;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WildcardTest {

    @Test
    void starAndQuestionMarkMatchAsInFileNames() {
        assertThat(Wildcard.matches("192.168.*", "192.168.1.20")).isTrue();
        assertThat(Wildcard.matches("10.0.0.?", "10.0.0.7")).isTrue();
        assertThat(Wildcard.matches("10.0.0.?", "10.0.0.17")).isFalse();
        assertThat(Wildcard.matches("*.1", "127.0.0.1")).isTrue();
        assertThat(Wildcard.matches("1*2*3", "1x2y2z3")).isTrue();
        assertThat(Wildcard.matches("1*2*3", "1x2y2z4")).isFalse();
        assertThat(Wildcard.matches("*", "")).isTrue();
        assertThat(Wildcard.matches("FE80::*", "fe80::1")).isTrue();
        assertThat(Wildcard.matches("127.0.0.1", "127.0.0.10")).isFalse();
    }
}
