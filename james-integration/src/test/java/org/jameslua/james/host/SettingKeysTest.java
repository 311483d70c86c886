package org.jameslua.james.host;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import java.util.Optional;
import org.apache.james.mailbox.model.MailboxAnnotationKey;
import org.junit.jupiter.api.Test;

class SettingKeysTest {

    @Test
    void lettersAndDigitsAreKeptInLowerCase() {
        assertThat(key("AcceptMail")).contains("/private/vendor/jameslua/acceptmail");
        assertThat(key("Rule42")).contains("/private/vendor/jameslua/rule42");
    }

    @Test
    void otherCharactersAndTheEscapeLetterItselfAreEscaped() {
        assertThat(key("BigRedirect.Target")).contains("/private/vendor/jameslua/bigredirectq2etarget");
        assertThat(key("Quota")).contains("/private/vendor/jameslua/q71uota");
        assertThat(key("my setting-1")).contains("/private/vendor/jameslua/myq20settingq2d1");
        assertThat(key("Größe")).contains("/private/vendor/jameslua/grqc3qb6qc3q9fe");
    }

    @Test
    void namesDifferingOtherwiseThanInCaseGetDifferentEntries() {
        assertThat(key("a.b")).isNotEqualTo(key("aq2eb"));
        assertThat(key("acceptmail")).isEqualTo(key("ACCEPTMAIL"));
    }

    @Test
    void emptyAndOverlongNamesHaveNoEntry() {
        assertThat(SettingKeys.of("")).isEmpty();
        assertThat(SettingKeys.of("x".repeat(SettingKeys.MAX_COMPONENT_LENGTH))).isPresent();
        assertThat(SettingKeys.of("x".repeat(SettingKeys.MAX_COMPONENT_LENGTH + 1)))
                .isEmpty();
        assertThat(SettingKeys.of(".".repeat(SettingKeys.MAX_COMPONENT_LENGTH / 3 + 1)))
                .isEmpty();
    }

    private static Optional<String> key(String name) {
        return SettingKeys.of(name).map(MailboxAnnotationKey::asString);
    }

    /**
     * A script's setting name can be the longest string it may build (tens of megabytes, a few lines of Lua): it
     * was lower-cased, encoded to bytes and escaped whole, three times its size, before its length was looked at,
     * in host code no bound of the call meters, while one call after another did the same.
     */
    @Test
    void aNameTooLongForAnyEntryIsRefusedWithoutEncodingIt() {
        String name = "!".repeat(20 * 1024 * 1024);
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getThreadAllocatedBytes(Thread.currentThread().getId());

        Optional<MailboxAnnotationKey> entry = SettingKeys.of(name);

        long allocated = threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
        assertThat(entry).isEmpty();
        assertThat(allocated).isLessThan(64 * 1024);
        assertThat(key("x".repeat(SettingKeys.MAX_COMPONENT_LENGTH))).isPresent();
        assertThat(key("x".repeat(SettingKeys.MAX_COMPONENT_LENGTH + 1))).isEmpty();
        assertThat(key("!".repeat(SettingKeys.MAX_COMPONENT_LENGTH / 3 + 1))).isEmpty();
    }
}
