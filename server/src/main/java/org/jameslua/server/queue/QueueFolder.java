package org.jameslua.server.queue;

import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.internet.MimeMessage;
import org.apache.james.server.core.MailImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One queue's mails on disk, so that they outlive a restart: per mail, {@code <sequence>.eml} (the message) and
 * {@code <sequence>.mail} (the envelope, state and serializable attributes, as James's {@link MailImpl} writes
 * itself, then the time it is due). The {@code .mail} file is written last and removed first, so a mail is
 * either whole on disk or not there; a sequence number zero-padded keeps the enqueue order across restarts.
 */
final class QueueFolder {
    private static final Logger LOGGER = LoggerFactory.getLogger(QueueFolder.class);
    private static final String MAIL = ".mail";
    private static final String MESSAGE = ".eml";

    private final Path folder;

    QueueFolder(Path folder) {
        this.folder = folder;
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the mail queue folder " + folder, e);
        }
    }

    void write(QueuedMail queued) throws IOException, MessagingException {
        String key = key(queued.sequence());
        Path message = folder.resolve(key + MESSAGE);
        Path partial = folder.resolve(key + MAIL + ".part");
        try {
            try (OutputStream out = Files.newOutputStream(message)) {
                queued.mail().getMessage().writeTo(out);
            }
            try (ObjectOutputStream out = new ObjectOutputStream(Files.newOutputStream(partial))) {
                out.writeObject(queued.mail());
                out.writeLong(queued.due());
            }
            Files.move(partial, folder.resolve(key + MAIL), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | MessagingException | RuntimeException e) {
            // the sender is told the mail was not queued: leave nothing that looks like it was
            Files.deleteIfExists(partial);
            Files.deleteIfExists(message);
            throw e;
        }
    }

    void delete(long sequence) {
        String key = key(sequence);
        try {
            Files.deleteIfExists(folder.resolve(key + MAIL));
            Files.deleteIfExists(folder.resolve(key + MESSAGE));
        } catch (IOException e) {
            // the mail was handed on: at worst it is sent again after a restart, which beats losing it
            LOGGER.error("Cannot delete the queued mail {} in {}", key, folder, e);
        }
    }

    /** The mails a previous run left, in enqueue order; a file that cannot be read is logged and left in place. */
    List<QueuedMail> load() throws IOException {
        List<QueuedMail> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(path -> path.getFileName().toString().endsWith(MAIL))
                    .sorted()
                    .toList()) {
                String name = file.getFileName().toString();
                long sequence = Long.parseLong(name.substring(0, name.length() - MAIL.length()));
                try {
                    found.add(read(file, sequence));
                } catch (IOException | ClassNotFoundException | MessagingException | RuntimeException e) {
                    LOGGER.error("Cannot read the queued mail {}; it stays in {}", file, folder, e);
                }
            }
        }
        return found;
    }

    private QueuedMail read(Path file, long sequence) throws IOException, ClassNotFoundException, MessagingException {
        MailImpl mail;
        long due;
        try (ObjectInputStream in = new ObjectInputStream(Files.newInputStream(file))) {
            mail = (MailImpl) in.readObject();
            due = in.readLong();
        }
        try (InputStream message = Files.newInputStream(folder.resolve(key(sequence) + MESSAGE))) {
            mail.setMessage(new MimeMessage(Session.getInstance(new Properties()), message));
        }
        return new QueuedMail(sequence, mail, due);
    }

    private static String key(long sequence) {
        return String.format("%019d", sequence);
    }
}
