package org.jameslua.james.host;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.exception.MailboxExistsException;
import org.apache.james.mailbox.exception.MailboxNotFoundException;
import org.apache.james.mailbox.model.MailboxAnnotation;
import org.apache.james.mailbox.model.MailboxAnnotationKey;
import org.apache.james.mailbox.model.MailboxPath;

/**
 * One annotation of one mailbox, read and written as the mailbox's owner through a system session, so it works
 * wherever James keeps its mailboxes (memory, JPA, Cassandra) and every node of a cluster sees the same value.
 */
final class MailboxAnnotations {
    private final MailboxManager mailboxManager;

    MailboxAnnotations(MailboxManager mailboxManager) {
        this.mailboxManager = mailboxManager;
    }

    /** The value; empty when it is unset or the mailbox does not exist. */
    Optional<String> read(MailboxPath mailbox, MailboxAnnotationKey key) throws MailboxException {
        MailboxSession session = mailboxManager.createSystemSession(mailbox.getUser());
        try {
            return mailboxManager.getAnnotationsByKeys(mailbox, session, Set.of(key)).stream()
                    .filter(annotation -> annotation.getKey().equals(key))
                    .findFirst()
                    .flatMap(MailboxAnnotation::getValue);
        } catch (MailboxNotFoundException e) {
            return Optional.empty();
        } finally {
            mailboxManager.endProcessingRequest(session);
        }
    }

    /** Every annotation of the mailbox that has a value; none when the mailbox does not exist. */
    Map<MailboxAnnotationKey, String> readAll(MailboxPath mailbox) throws MailboxException {
        MailboxSession session = mailboxManager.createSystemSession(mailbox.getUser());
        try {
            Map<MailboxAnnotationKey, String> values = new HashMap<>();
            for (MailboxAnnotation annotation : mailboxManager.getAllAnnotations(mailbox, session)) {
                annotation.getValue().ifPresent(value -> values.put(annotation.getKey(), value));
            }
            return values;
        } catch (MailboxNotFoundException e) {
            return Map.of();
        } finally {
            mailboxManager.endProcessingRequest(session);
        }
    }

    /** Stores the value, creating the mailbox first when it does not exist yet. */
    void write(MailboxPath mailbox, MailboxAnnotationKey key, String value) throws MailboxException {
        MailboxSession session = mailboxManager.createSystemSession(mailbox.getUser());
        try {
            List<MailboxAnnotation> update = List.of(MailboxAnnotation.newInstance(key, value));
            try {
                mailboxManager.updateAnnotations(mailbox, session, update);
            } catch (MailboxNotFoundException e) {
                create(mailbox, session);
                mailboxManager.updateAnnotations(mailbox, session, update);
            }
        } finally {
            mailboxManager.endProcessingRequest(session);
        }
    }

    /** Removes the annotation; a mailbox that does not exist has none to remove. */
    void remove(MailboxPath mailbox, MailboxAnnotationKey key) throws MailboxException {
        MailboxSession session = mailboxManager.createSystemSession(mailbox.getUser());
        try {
            mailboxManager.updateAnnotations(mailbox, session, List.of(MailboxAnnotation.nil(key)));
        } catch (MailboxNotFoundException e) {
            // nothing stored
        } finally {
            mailboxManager.endProcessingRequest(session);
        }
    }

    private void create(MailboxPath mailbox, MailboxSession session) throws MailboxException {
        try {
            mailboxManager.createMailbox(mailbox, session);
        } catch (MailboxExistsException e) {
            // another node, or another script, created it meanwhile
        }
    }
}
