package org.jameslua.james.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.apache.james.core.Domain;
import org.apache.james.rrt.lib.Mapping;
import org.apache.james.rrt.lib.MappingSource;
import org.jameslua.engine.host.ExpandedAddress;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JamesUserDirectoryTest {
    private static final String BOB = "bob@example.local";
    private static final String CAROL = "carol@example.local";
    private static final String DAVE = "dave@other.local";

    private InMemoryJames james;
    private JamesUserDirectory directory;

    @BeforeEach
    void setUp() throws Exception {
        james = InMemoryJames.start().user(BOB).user(CAROL).user(DAVE);
        directory = new JamesUserDirectory(james.users, james.rewriteTable, james.domains);
    }

    @Test
    void theUserListHasJamesUserNames() {
        assertThat(directory.users()).containsExactlyInAnyOrder(BOB, CAROL, DAVE);
    }

    @Test
    void anAddressWithoutMappingIsItself() {
        assertThat(directory.expand(BOB, -1)).containsExactly(user(BOB, false));
        assertThat(directory.expand("<Bob@Example.Local>", -1)).containsExactly(user(BOB, false));
        assertThat(directory.expand("bob", 0)).containsExactly(user(BOB, false));
        assertThat(directory.expand("someone@remote.example", -1))
                .containsExactly(remote("someone@remote.example", false));
        assertThat(directory.expand("nobody@example.local", -1))
                .containsExactly(new ExpandedAddress("nobody@example.local", false, Optional.empty(), false, false));
    }

    @Test
    void aliasesAndDomainAliasesLeadToTheUser() throws Exception {
        james.rewriteTable.addAliasMapping(MappingSource.fromUser("robert", InMemoryJames.DOMAIN), BOB);
        james.domains.addDomain(Domain.of("alias.local"));
        james.rewriteTable.addDomainAliasMapping(
                MappingSource.fromDomain(Domain.of("alias.local")), InMemoryJames.DOMAIN);

        assertThat(directory.expand("robert@example.local", -1)).containsExactly(user(BOB, false));
        assertThat(directory.expand("carol@alias.local", -1)).containsExactly(user(CAROL, false));
    }

    @Test
    void aGroupIsAnExpandedListFollowedByItsMembers() throws Exception {
        MappingSource team = MappingSource.fromUser("team", InMemoryJames.DOMAIN);
        james.rewriteTable.addGroupMapping(team, BOB);
        james.rewriteTable.addGroupMapping(team, DAVE);
        james.rewriteTable.addGroupMapping(team, "partner@remote.example");

        assertThat(directory.expand("team@example.local", -1))
                .containsExactly(
                        new ExpandedAddress("team@example.local", true, Optional.of(false), false, false),
                        user(BOB, false),
                        user(DAVE, false),
                        remote("partner@remote.example", false));
    }

    @Test
    void forwardedRecipientsAreMarkedAndAForwardToItselfKeepsACopy() throws Exception {
        MappingSource carol = MappingSource.fromUser("carol", InMemoryJames.DOMAIN);
        james.rewriteTable.addForwardMapping(carol, CAROL);
        james.rewriteTable.addForwardMapping(carol, "carol@remote.example");
        james.rewriteTable.addForwardMapping(MappingSource.fromUser("bob", InMemoryJames.DOMAIN), DAVE);

        assertThat(directory.expand(BOB, -1)).containsExactly(user(DAVE, true));
        assertThat(directory.expand(CAROL, -1))
                .containsExactly(
                        new ExpandedAddress(CAROL, true, Optional.of(false), false, false),
                        user(CAROL, false),
                        remote("carol@remote.example", true));
    }

    @Test
    void nestedListsAreExpandedAndEachEntryListedOnce() throws Exception {
        MappingSource all = MappingSource.fromUser("all", InMemoryJames.DOMAIN);
        MappingSource team = MappingSource.fromUser("team", InMemoryJames.DOMAIN);
        james.rewriteTable.addGroupMapping(team, BOB);
        james.rewriteTable.addGroupMapping(all, "team@example.local");
        james.rewriteTable.addGroupMapping(all, BOB);
        james.rewriteTable.addGroupMapping(all, CAROL);

        assertThat(directory.expand("all@example.local", -1))
                .containsExactlyInAnyOrder(
                        new ExpandedAddress("all@example.local", true, Optional.of(false), false, false),
                        new ExpandedAddress("team@example.local", true, Optional.of(false), false, false),
                        user(BOB, false),
                        user(CAROL, false));
    }

    @Test
    void addressesJamesRefusesExpandToNothing() throws Exception {
        james.rewriteTable.addErrorMapping(MappingSource.fromUser("gone", InMemoryJames.DOMAIN), "550 gone");
        james.rewriteTable.addMapping(
                MappingSource.fromUser("ping", InMemoryJames.DOMAIN), Mapping.address("pong@example.local"));
        james.rewriteTable.addMapping(
                MappingSource.fromUser("pong", InMemoryJames.DOMAIN), Mapping.address("ping@example.local"));

        assertThat(directory.expand("gone@example.local", -1)).isEmpty();
        assertThat(directory.expand("ping@example.local", -1)).isEmpty();
        assertThat(directory.expand("not an address", -1)).isEmpty();
        assertThat(directory.expand("", -1)).isEmpty();
    }

    private static ExpandedAddress user(String name, boolean forwarded) {
        return new ExpandedAddress(name, false, Optional.empty(), false, forwarded);
    }

    private static ExpandedAddress remote(String address, boolean forwarded) {
        return new ExpandedAddress(address, false, Optional.empty(), true, forwarded);
    }
}
