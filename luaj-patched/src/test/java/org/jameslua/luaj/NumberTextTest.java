package org.jameslua.luaj;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link NumberText#format}'s fast way (Java's decimal form) gives the digits of its exact way (BigDecimal). */
class NumberTextTest {
    @Test
    void theFastWayRoundsAsTheExactValueDoes() {
        Random random = new Random(20261205);
        for (int i = 0; i < 50_000; i++) {
            double value = i % 2 == 0
                    ? Double.longBitsToDouble(random.nextLong())
                    : (random.nextInt(2_000_000) - 1_000_000) / Math.pow(10, random.nextInt(20));
            if (Double.isNaN(value) || Double.isInfinite(value)) {
                continue;
            }
            String exact = (value < 0 ? "-" : "") + NumberText.general(Math.abs(value), 14, false);
            if (value == 0) {
                exact = NumberText.isNegative(value) ? "-0" : "0";
            }
            assertThat(NumberText.format(value))
                    .as("%s", Double.toString(value))
                    .isEqualTo(exact);
        }
    }

    @Test
    void halfwayCasesAreRoundedFromTheExactBinaryValue() {
        assertThat(NumberText.format(0.123456789012345)).isEqualTo("0.12345678901234");
        assertThat(NumberText.format(1.000000000000005)).isEqualTo("1");
        assertThat(NumberText.format(99999999999999.5)).isEqualTo("1e+14");
        assertThat(NumberText.format(999999999999999.0)).isEqualTo("1e+15");
        assertThat(NumberText.format(5e-324)).isEqualTo("4.9406564584125e-324");
    }
}
