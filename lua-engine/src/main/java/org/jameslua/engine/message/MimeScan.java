package org.jameslua.engine.message;

import java.util.List;
import java.util.Optional;

/**
 * What one pass over a message found.
 *
 * @param size        bytes in the message
 * @param headerEnd   offset of the first byte of the message body, past the top-level headers
 * @param mime        whether the top-level headers have MIME-Version or Content-Type
 * @param subject     the top-level Subject, decoded (RFC 2047), or ""
 * @param parts       the MIME structure, in the order the parts appear
 * @param attachments the attachments, in the order they appear
 */
public final class MimeScan {
    private final long size;
    private final long headerEnd;
    private final boolean mime;
    private final String subject;
    private final List<MimePart> parts;
    private final List<Attachment> attachments;

    public MimeScan(
            long size,
            long headerEnd,
            boolean mime,
            String subject,
            List<MimePart> parts,
            List<Attachment> attachments) {
        parts = List.copyOf(parts);
        attachments = List.copyOf(attachments);
        this.size = size;
        this.headerEnd = headerEnd;
        this.mime = mime;
        this.subject = subject;
        this.parts = parts;
        this.attachments = attachments;
    }

    public Optional<MimePart> part(String path) {
        return parts.stream().filter(part -> part.path().equals(path)).findFirst();
    }

    public long size() {
        return size;
    }

    public long headerEnd() {
        return headerEnd;
    }

    public boolean mime() {
        return mime;
    }

    public String subject() {
        return subject;
    }

    public List<MimePart> parts() {
        return parts;
    }

    public List<Attachment> attachments() {
        return attachments;
    }
}
