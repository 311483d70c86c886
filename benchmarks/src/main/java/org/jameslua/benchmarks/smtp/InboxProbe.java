package org.jameslua.benchmarks.smtp;

import java.util.List;
import javax.inject.Inject;
import org.apache.james.core.Username;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.exception.MailboxNotFoundException;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.utils.GuiceProbe;

/** How many messages users' INBOXes hold: the benchmark waits for delivery to catch up with SMTP. */
public class InboxProbe implements GuiceProbe {
    private final MailboxManager mailboxes;

    @Inject
    public InboxProbe(MailboxManager mailboxes) {
        this.mailboxes = mailboxes;
    }

    public long messageCount(List<String> users) throws MailboxException {
        long count = 0;
        for (String user : users) {
            count += messageCount(user);
        }
        return count;
    }

    private long messageCount(String user) throws MailboxException {
        MailboxSession session = mailboxes.createSystemSession(Username.of(user));
        try {
            return mailboxes.getMailbox(MailboxPath.inbox(session), session).getMessageCount(session);
        } catch (MailboxNotFoundException beforeFirstDelivery) {
            return 0;
        } finally {
            mailboxes.endProcessingRequest(session);
        }
    }
}
