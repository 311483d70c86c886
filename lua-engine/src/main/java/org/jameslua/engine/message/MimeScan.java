package org.jameslua.engine.message;

import java.util.List;
import java.util.Optional;

/**
 * What one pass over a message found.
 *
 * @param size        bytes in the message
 * @param headerEnd   offset of the first byte of the message body, past the top-level headers
 * @param mime        whether the top-level headers have MIME-Version or Content-Type
 * @param parts       the MIME structure, in the order the parts appear
 * @param attachments the attachments, in the order they appear
 */
public record MimeScan(long size, long headerEnd, boolean mime, List<MimePart> parts, List<Attachment> attachments) {

    public MimeScan {
        parts = List.copyOf(parts);
        attachments = List.copyOf(attachments);
    }

    public Optional<MimePart> part(String path) {
        return parts.stream().filter(part -> part.path().equals(path)).findFirst();
    }
}
