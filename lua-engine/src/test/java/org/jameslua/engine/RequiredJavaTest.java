package org.jameslua.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import org.junit.jupiter.api.Test;

/**
 * The shipped modules' tests run on the Java release the build asks for ({@code -Djames.java.required=11}, as .ci/run
 * does, James 3.8.x's own): a surefire fork that ran on the build's Java 17 instead would otherwise pass unnoticed.
 * The other shipped modules run this same check as a subclass in their own fork.
 */
public class RequiredJavaTest {
    @Test
    public void theTestsRunOnTheRequiredJavaRelease() {
        String required = System.getProperty("james.java.required", "");
        assumeFalse(required.isBlank(), "no Java release required: -Djames.java.required is not set");

        assertThat(Runtime.version().feature())
                .as("the Java release of this test JVM (%s)", System.getProperty("java.home"))
                .isEqualTo(Integer.parseInt(required.strip()));
    }
}
