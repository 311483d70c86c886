package org.jameslua.james.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SharedGlobalSettingsTest {
    private static final Map<String, String> DECLARED = Map.of("MaxHops", "30", "BigRedirect.Target", "");

    private InMemoryJames james;

    @BeforeEach
    void setUp() throws Exception {
        james = InMemoryJames.start();
    }

    @Test
    void onlyDeclaredSettingsExistAndStartWithTheirDeclaredValue() {
        SharedGlobalSettings settings = new SharedGlobalSettings(james.mailboxManager, DECLARED);

        assertThat(settings.get("MaxHops")).contains("30");
        assertThat(settings.get("maxhops")).contains("30");
        assertThat(settings.get("BigRedirect.Target")).contains("");
        assertThat(settings.get("Undeclared")).isEmpty();
        assertThat(settings.get("")).isEmpty();

        assertThat(settings.set("Undeclared", "1")).isFalse();
        assertThat(settings.get("Undeclared")).isEmpty();
    }

    @Test
    void aValueSetIsSeenByEveryNodeAndAfterARestartWhateverTheFileSays() {
        SharedGlobalSettings node1 = new SharedGlobalSettings(james.mailboxManager, DECLARED);
        SharedGlobalSettings node2 = new SharedGlobalSettings(james.mailboxManager, DECLARED);

        assertThat(node1.set("MAXHOPS", "12")).isTrue();

        assertThat(node2.get("MaxHops")).contains("12");
        SharedGlobalSettings restarted =
                new SharedGlobalSettings(james.mailboxManager, Map.of("MaxHops", "99", "BigRedirect.Target", ""));
        assertThat(restarted.get("MaxHops")).contains("12");
        assertThat(restarted.get("BigRedirect.Target")).contains("");
    }

    @Test
    void manyMoreSettingsThanJamesKeepsOnOneMailbox() {
        Map<String, String> many = new LinkedHashMap<>();
        for (int i = 0; i < 25; i++) {
            many.put("Setting" + i, "initial");
        }
        SharedGlobalSettings settings = new SharedGlobalSettings(james.mailboxManager, many);

        for (int i = 0; i < 25; i++) {
            assertThat(settings.set("Setting" + i, "value " + i)).isTrue();
        }

        assertThat(settings.get("Setting0")).contains("value 0");
        assertThat(settings.get("Setting24")).contains("value 24");
    }

    @Test
    void declarationsThatCannotBeStoredStopJames() {
        assertThatThrownBy(() -> new SharedGlobalSettings(james.mailboxManager, Map.of("", "1")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must not be empty");
        Map<String, String> clash = new LinkedHashMap<>();
        clash.put("MaxHops", "1");
        clash.put("maxHOPS", "2");
        assertThatThrownBy(() -> new SharedGlobalSettings(james.mailboxManager, clash))
                .hasMessage(
                        "setting.maxHOPS and setting.MaxHops name the same setting: setting names are case-insensitive");
    }
}
