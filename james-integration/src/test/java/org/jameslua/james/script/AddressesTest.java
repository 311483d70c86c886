package org.jameslua.james.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.apache.james.core.MailAddress;
import org.junit.jupiter.api.Test;

class AddressesTest {

    @Test
    void anAddressMayBeBracketedAndSurroundedByBlanks() throws Exception {
        assertThat(Addresses.fullOnly().parse(" <bob@example.local>\t", "Recipients entry"))
                .isEqualTo(new MailAddress("bob@example.local"));
        assertThat(Addresses.withDefaultDomain("example.local").parse("bob@other.test", "Recipients entry"))
                .isEqualTo(new MailAddress("bob@other.test"));
    }

    @Test
    void aBareNameIsRefusedUnlessTheCallerGivesADefaultDomain() throws Exception {
        assertThatThrownBy(() -> Addresses.fullOnly().parse("bob", "Recipients entry"))
                .isInstanceOf(BadReturn.class)
                .hasMessage("Recipients entry is not an email address: \"bob\"");
        assertThat(Addresses.withDefaultDomain("example.local").parse("<bob>", "RBLRedirect"))
                .isEqualTo(new MailAddress("bob@example.local"));
    }

    @Test
    void nothingAndWhatIsNotAnAddressAreRefusedWithOneWording() {
        for (Addresses addresses : List.of(Addresses.fullOnly(), Addresses.withDefaultDomain("example.local"))) {
            assertThatThrownBy(() -> addresses.parse("<>", "RBLRedirect"))
                    .hasMessage("RBLRedirect is not an email address: \"<>\"");
            assertThatThrownBy(() -> addresses.parse("", "RBLRedirect"))
                    .hasMessage("RBLRedirect is not an email address: \"\"");
            assertThatThrownBy(() -> addresses.parse("a@b\r\nRCPT TO:<c@d>", "an answered recipient"))
                    .hasMessage("an answered recipient is not an email address: \"a@b\\r\\nRCPT TO:<c@d>\"");
        }
    }

    @Test
    void aListIsSplitAtCommasSemicolonsAndBlanksAndItsBadEntriesHandedBack() throws Exception {
        List<String> invalid = new ArrayList<>();

        assertThat(Addresses.fullOnly().parseList("a@x.test, <b@x.test>;c@x.test  nobody ;", invalid::add))
                .containsExactly(new MailAddress("a@x.test"), new MailAddress("b@x.test"), new MailAddress("c@x.test"));
        assertThat(invalid).containsExactly("nobody");
    }

    @Test
    void entriesAreCountedAsTheListIsSplit() {
        String list = " ,a@b;c@d\t\u000be\r\n\f f@g,,; ";
        List<String> invalid = new ArrayList<>();
        int entries = Addresses.fullOnly().parseList(list, invalid::add).size() + invalid.size();

        assertThat(entries).isEqualTo(4);
        assertThat(Addresses.hasMoreEntriesThan(list, 4)).isFalse();
        assertThat(Addresses.hasMoreEntriesThan(list, 3)).isTrue();
        assertThat(Addresses.hasMoreEntriesThan("", 0)).isFalse();
        assertThat(Addresses.hasMoreEntriesThan("x ".repeat(1001), 1000)).isTrue();
        // a tab and a CR alone separate two entries, the first and last of the blanks counted as separators
        for (String separator : List.of("\t", "\r")) {
            String two = "a@b" + separator + "c@d";
            assertThat(Addresses.fullOnly().parseList(two, invalid::add)).hasSize(2);
            assertThat(Addresses.hasMoreEntriesThan(two, 1)).as(separator).isTrue();
        }
    }
}
