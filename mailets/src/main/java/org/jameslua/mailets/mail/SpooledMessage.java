package org.jameslua.mailets.mail;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.mail.MessagingException;
import org.apache.mailet.Mail;
import org.jameslua.engine.message.MessageSource;

/**
 * A mail's message as the bytes the ProcessMessage helpers read. A large message is written to a temporary
 * file, deleted on {@link #close()}, so that the message helpers never hold it in memory whole; a small one is
 * kept in memory.
 */
public final class SpooledMessage implements MessageSource, Closeable {
    private static final long IN_MEMORY_LIMIT = 1024 * 1024;

    private final MessageSource source;
    private final Path file;

    private SpooledMessage(MessageSource source, Path file) {
        this.source = source;
        this.file = file;
    }

    public static SpooledMessage of(Mail mail) throws MessagingException, IOException {
        if (mail.getMessageSize() <= IN_MEMORY_LIMIT) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream((int) Math.max(mail.getMessageSize(), 1024));
            mail.getMessage().writeTo(bytes);
            return new SpooledMessage(MessageSource.of(bytes.toByteArray()), null);
        }
        Path file = Files.createTempFile("james-lua-", ".eml");
        try (OutputStream out = Files.newOutputStream(file)) {
            mail.getMessage().writeTo(out);
        } catch (IOException | MessagingException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        return new SpooledMessage(MessageSource.of(file), file);
    }

    @Override
    public long size() throws IOException {
        return source.size();
    }

    @Override
    public InputStream open() throws IOException {
        return source.open();
    }

    @Override
    public void close() throws IOException {
        if (file != null) {
            Files.deleteIfExists(file);
        }
    }
}
