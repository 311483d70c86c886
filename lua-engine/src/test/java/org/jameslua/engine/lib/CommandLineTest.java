package org.jameslua.engine.lib;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CommandLineTest {

    @Test
    void whitespaceSeparatesArguments() {
        assertThat(CommandLine.split("  prog  one\ttwo ")).containsExactly("prog", "one", "two");
    }

    @Test
    void doubleQuotesGroupAndJoinTheTextAroundThem() {
        assertThat(CommandLine.split("\"my prog\" \"a b\" x\"y z\"w \"\""))
                .containsExactly("my prog", "a b", "xy zw", "");
    }

    @Test
    void backslashesAreLiteralExceptBeforeAQuote() {
        assertThat(CommandLine.split("C:\\dir\\file.exe \\\"quoted\\\" \"ends in\\\\\" odd\\\\\\\"x"))
                .containsExactly("C:\\dir\\file.exe", "\"quoted\"", "ends in\\", "odd\\\"x");
    }

    @Test
    void anOpenQuoteOrNoProgramIsAnError() {
        assertThatThrownBy(() -> CommandLine.split("prog \"open")).hasMessageContaining("unbalanced double quote");
        assertThatThrownBy(() -> CommandLine.split("   ")).hasMessage("no program given");
        assertThatThrownBy(() -> CommandLine.split("\"\" arg")).hasMessage("no program given");
    }
}
