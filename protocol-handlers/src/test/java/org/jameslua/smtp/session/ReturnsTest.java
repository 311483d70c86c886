package org.jameslua.smtp.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.OptionalLong;
import org.jameslua.james.script.BadReturn;
import org.junit.jupiter.api.Test;
import org.luaj.vm2.LuaValue;

class ReturnsTest {
    @Test
    void aSizeIsAWholeNumberFromZeroOrANumericStringAsLuaArithmeticReadsIt() {
        assertThat(Returns.wholeNumber(LuaValue.valueOf(5000), 1, "size")).isEqualTo(OptionalLong.of(5000));
        assertThat(Returns.wholeNumber(LuaValue.valueOf("0x10"), 1, "size")).isEqualTo(OptionalLong.of(16));
        assertThat(Returns.wholeNumber(LuaValue.NONE, 1, "size")).isEmpty();
        assertThatThrownBy(() -> Returns.wholeNumber(LuaValue.valueOf("huge"), 1, "size"))
                .isInstanceOf(BadReturn.class)
                .hasMessage("size must be a number, not string");
        assertThatThrownBy(() -> Returns.wholeNumber(LuaValue.valueOf(1.5), 1, "size"))
                .isInstanceOf(BadReturn.class)
                .hasMessage("size must be a whole number from 0, not 1.5");
        assertThatThrownBy(() -> Returns.wholeNumber(LuaValue.valueOf(-1), 1, "size"))
                .hasMessage("size must be a whole number from 0, not -1");
    }

    @Test
    void aFlagIsABooleanOnly() {
        assertThat(Returns.bool(LuaValue.TRUE, 1, "bRefuse")).contains(true);
        assertThat(Returns.bool(LuaValue.NIL, 1, "bRefuse")).isEmpty();
        assertThatThrownBy(() -> Returns.bool(LuaValue.valueOf("true"), 1, "bRefuse"))
                .isInstanceOf(BadReturn.class)
                .hasMessage("bRefuse must be a boolean, not string");
        assertThatThrownBy(() -> Returns.bool(LuaValue.ONE, 1, "bRefuse"))
                .hasMessage("bRefuse must be a boolean, not number");
    }
}
