package org.jameslua.luaj;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import org.junit.jupiter.api.Test;

/**
 * LuaJ's tests run on the Java release the build asks for ({@code -Djames.java.required=11}, as .ci/run does, James
 * 3.8.x's own). The same check as lua-engine's RequiredJavaTest, which this module, built before lua-engine, cannot
 * reach.
 */
class RequiredJavaTest {
    @Test
    void theTestsRunOnTheRequiredJavaRelease() {
        String required = System.getProperty("james.java.required", "");
        assumeFalse(required.isBlank(), "no Java release required: -Djames.java.required is not set");

        assertThat(Runtime.version().feature())
                .as("the Java release of this test JVM (%s)", System.getProperty("java.home"))
                .isEqualTo(Integer.parseInt(required.strip()));
    }
}
