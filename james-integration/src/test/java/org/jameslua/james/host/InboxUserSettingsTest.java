package org.jameslua.james.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.james.core.Username;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.model.MailboxAnnotation;
import org.apache.james.mailbox.model.MailboxAnnotationKey;
import org.apache.james.mailbox.model.MailboxPath;
import org.jameslua.engine.host.UserSettings;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class InboxUserSettingsTest {
    private static final String BOB = "bob@example.local";
    private static final Username BOB_USER = Username.of(BOB);

    private InMemoryJames james;
    private InboxUserSettings settings;

    @BeforeEach
    void setUp() throws Exception {
        james = InMemoryJames.start().user(BOB).user("carol@example.local");
        settings = new InboxUserSettings(james.users, james.mailboxManager);
    }

    @Test
    void aSettingIsAnAnnotationOfTheUsersInboxCreatedWhenMissing() throws Exception {
        assertThat(settings.get(BOB, "AcceptMail")).isEmpty();

        assertThat(settings.set(BOB, "AcceptMail", "no")).isTrue();

        assertThat(settings.get(BOB, "AcceptMail")).contains("no");
        assertThat(settings.get(BOB, "acceptmail")).contains("no");
        assertThat(inboxAnnotations(BOB_USER))
                .containsExactly(MailboxAnnotation.newInstance(
                        new MailboxAnnotationKey("/private/vendor/jameslua/acceptmail"), "no"));
        assertThat(settings.get("carol@example.local", "AcceptMail")).isEmpty();
    }

    @Test
    void aValueTheUserSetOverImapIsReadAndOverwritten() throws Exception {
        MailboxSession session = james.mailboxManager.createSystemSession(BOB_USER);
        james.mailboxManager.createMailbox(MailboxPath.inbox(BOB_USER), session);
        james.mailboxManager.updateAnnotations(
                MailboxPath.inbox(BOB_USER),
                session,
                List.of(MailboxAnnotation.newInstance(
                        new MailboxAnnotationKey("/private/vendor/jameslua/bigredirectq2etarget"),
                        "archive@example.com")));

        assertThat(settings.get(BOB, "BigRedirect.Target")).contains("archive@example.com");
        assertThat(settings.snapshot(BOB).get("bigredirect.TARGET")).contains("archive@example.com");
        assertThat(settings.set(BOB, "BigRedirect.Target", "")).isTrue();
        assertThat(settings.get(BOB, "BigRedirect.Target")).contains("");
    }

    @Test
    void aSnapshotAnswersAsGetDoesFromOneRead() throws Exception {
        assertThat(settings.snapshot(BOB).get("Forwards")).isEmpty();
        settings.set(BOB, "Forwards", "bob@home.test");
        settings.set(BOB, "BigRedirect.Threshold", "1000");

        UserSettings.Snapshot snapshot = settings.snapshot(BOB);

        assertThat(snapshot.get("forwards")).contains("bob@home.test");
        assertThat(snapshot.get("BigRedirect.Threshold")).contains("1000");
        assertThat(snapshot.get("AcceptMail")).isEmpty();
        assertThat(snapshot.get("")).isEmpty();
        assertThat(settings.snapshot("nobody@example.local").get("Forwards")).isEmpty();
    }

    @Test
    void unknownUsersAndUnusableNamesHaveNoSettings() {
        assertThat(settings.set("nobody@example.local", "AcceptMail", "no")).isFalse();
        assertThat(settings.get("nobody@example.local", "AcceptMail")).isEmpty();
        assertThat(settings.set("bob", "AcceptMail", "no")).isFalse();
        assertThat(settings.set("not an address@@", "AcceptMail", "no")).isFalse();
        assertThat(settings.set(BOB, "", "no")).isFalse();
        assertThat(settings.get(BOB, "")).isEmpty();
    }

    @Test
    void aSettingJamesWillNotKeepIsNotStored() throws Exception {
        InMemoryJames limited = InMemoryJames.withAnnotationLimits(2, 5).user(BOB);
        InboxUserSettings small = new InboxUserSettings(limited.users, limited.mailboxManager);

        assertThat(small.set(BOB, "One", "1")).isTrue();
        assertThat(small.set(BOB, "Two", "too long")).isFalse();
        assertThat(small.set(BOB, "Two", "2")).isTrue();
        assertThat(small.set(BOB, "Three", "3")).isFalse();
        assertThat(small.set(BOB, "One", "again")).isTrue();

        assertThat(small.get(BOB, "Two")).contains("2");
        assertThat(small.get(BOB, "Three")).isEmpty();
        assertThat(small.get(BOB, "One")).contains("again");
    }

    private List<MailboxAnnotation> inboxAnnotations(Username user) throws Exception {
        MailboxSession session = james.mailboxManager.createSystemSession(user);
        return james.mailboxManager.getAllAnnotations(MailboxPath.inbox(user), session);
    }
}
