package org.jameslua.mailets.mail;

import java.io.IOException;
import java.util.List;
import javax.mail.MessagingException;
import org.apache.mailet.Mail;
import org.jameslua.james.message.HeaderInsertion;

/** Changes a script asked for, written into a message. */
public final class MessageEdits {
    private MessageEdits() {}

    /**
     * Adds the lines, checked by {@link org.jameslua.james.message.HeaderLines}, at the end of the mail's header as
     * bytes ({@link HeaderInsertion}): every other byte stays as
     * it came, where javax.mail's saveChanges would add a MIME-Version the sender never sent.
     */
    public static void addHeaders(Mail mail, List<String> lines) throws MessagingException {
        editHeaders(mail, List.of(), lines);
    }

    /**
     * Removes the fields named in {@code removed} and adds {@code lines} as {@link #addHeaders} does, in one pass over
     * the header's bytes: the body is copied as it is, never parsed or re-encoded, and a message with none of those
     * fields and no lines to add is left as it is.
     */
    public static void editHeaders(Mail mail, List<String> removed, List<String> lines) throws MessagingException {
        try {
            HeaderInsertion.editIn(mail, removed, lines);
        } catch (IOException e) {
            throw new MessagingException("the header of mail " + mail.getName() + " could not be changed", e);
        }
    }
}
