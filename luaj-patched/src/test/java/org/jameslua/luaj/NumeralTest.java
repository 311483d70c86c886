package org.jameslua.luaj;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link Numeral} reads what Debian's lua5.2 reads, to the same double (values recorded with lua5.2's %.17g). */
class NumeralTest {
    private static double read(String text) {
        byte[] bytes = ("<" + text + ">").getBytes(StandardCharsets.ISO_8859_1);
        // an offset and a length inside a larger array, as a LuaString's substring has them
        return Numeral.value(bytes, 1, bytes.length - 2);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "0x1p4|16",
                "0xA.8|10.5",
                "0x.8|0.5",
                "0x8.|8",
                "-0x10|-16",
                "+0x10|16",
                "0x1P-2|0.25",
                "0X1F|31",
                "1e+5|100000",
                "' 10 '|10",
                "+.5|0.5",
                "5.|5",
                "00012|12",
                "0x1e|30",
                "0x1.8p1|3",
                "0x.0|0",
                "0xffffffffffffffff|1.8446744073709552e+19",
                "0x1FFFFFFFFFFFFF1|1.4411518807585586e+17",
                "0x123456789abcdef0123|5.3730036427316852e+21",
                "0x200000000000018|1.441151880758559e+17",
                "0x20000000000001.8|9007199254740994",
                "0x20000000000001|9007199254740992",
                "0x1p-1074|4.9406564584124654e-324",
                "0x1.8p-1074|9.8813129168249309e-324",
                "0x3p-1076|4.9406564584124654e-324",
                "0x.1p1025|2.2471164185778949e+307",
                "0x1.00000000000008p0|1",
                "9007199254740993|9007199254740992",
                "1e0010|10000000000",
                "123456789012345678901234567890|1.2345678901234568e+29",
                "'  -1e-2  '|-0.01"
            })
    void numeralsReadAsLua52ReadsThem(String text, double expected) {
        assertThat(read(text)).isEqualTo(expected);
    }

    @Test
    void overflowAndUnderflowAsStrtod() {
        assertThat(read("0x1p99999")).isInfinite();
        assertThat(read("0x1p2147483648")).isInfinite();
        assertThat(read("0x1.fffffffffffff8p1023")).isInfinite();
        assertThat(read("1e400")).isInfinite();
        assertThat(read("0x1p-1075")).isZero();
        assertThat(read("0x1p-99999")).isZero();
        assertThat(read("1e-400")).isZero();
        assertThat(Double.doubleToRawLongBits(read("-0"))).isEqualTo(Double.doubleToRawLongBits(-0.0));
        assertThat(Double.doubleToRawLongBits(read("-0x0"))).isEqualTo(Double.doubleToRawLongBits(-0.0));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "0x",
                "1e",
                "0x.p1",
                "' 0x '",
                "1e+",
                "inf",
                "nan",
                "-inf",
                "infinity",
                "'- 1'",
                "0x-1",
                "0x+1",
                "'+ 1'",
                ".",
                "-.",
                "0x1p",
                "0x1p+",
                "1.5d",
                "1f",
                "1_0",
                "1..2",
                "1.2.3",
                "0xg",
                "2^3",
                "''",
                "'  '",
                "'1 2'",
                "0b101",
                "'1 e5'",
                "'0x1 p4'",
                "0x.",
                "-",
                "+",
                "e5",
                "x1"
            })
    void anythingElseIsNoNumeral(String text) {
        assertThat(read(text)).isNaN();
    }

    @Test
    void whiteSpaceIsCsAndAZeroByteEndsNothing() {
        assertThat(read("\t10\n")).isEqualTo(10);
        assertThat(read("\u000b10\f\r")).isEqualTo(10);
        assertThat(read("10\0")).isNaN();
        assertThat(read("\u00a010")).isNaN();
        assertThat(Numeral.value("\uff11")).isNaN();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "10|16|16",
                "ff|16|255",
                "FF|16|255",
                "' ff '|16|255",
                "-ff|16|-255",
                "+ff|16|255",
                "z|36|35",
                "Z|36|35",
                "'\t7\n'|8|7",
                "zzzzzzzzzzzzzzzz|36|7.9586611099464009e+24",
                "1e1|16|481"
            })
    void digitsOfABase(String text, int base, double expected) {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        assertThat(Numeral.valueInBase(bytes, 0, bytes.length, base)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {"8|8", "''|10", "' '|10", "-|10", "1.5|10", "0x10|16", "'1 0'|10", "1e1|10", "10|1", "10|37"})
    void noNumberInABase(String text, int base) {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        assertThat(Numeral.valueInBase(bytes, 0, bytes.length, base)).isNaN();
    }
}
