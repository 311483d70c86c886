package org.jameslua.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.luaj.vm2.LuaValue;

class GlobalNamesTest {

    @Test
    void aNameIsEncodedOnceAndItsKeyReused() {
        GlobalNames names = new GlobalNames();

        assertThat(names.key("Reject")).isSameAs(names.key("Reject"));
        assertThat(names.key("Reject")).isEqualTo(LuaValue.valueOf("Reject"));
        assertThat(names.key("Grüße").tojstring()).isEqualTo("Grüße");
    }

    @Test
    void pastTheBoundAKeyIsStillRight() {
        GlobalNames names = new GlobalNames();
        for (int i = 0; i < GlobalNames.MAX_NAMES; i++) {
            names.key("name" + i);
        }

        assertThat(names.key("one more")).isEqualTo(LuaValue.valueOf("one more"));
        assertThat(names.key("name0")).isSameAs(names.key("name0"));
    }
}
