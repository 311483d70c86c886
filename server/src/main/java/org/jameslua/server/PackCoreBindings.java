package org.jameslua.server;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Scopes;
import javax.inject.Provider;
import javax.inject.Singleton;
import org.apache.james.mailbox.store.MailboxSessionMapperFactory;
import org.apache.james.mailbox.store.StoreMailboxAnnotationManager;
import org.apache.james.mailbox.store.StoreRightManager;
import org.apache.james.queue.api.MailQueue;
import org.apache.james.queue.api.MailQueueFactory;
import org.apache.james.queue.api.ManageableMailQueue;
import org.apache.james.user.api.UsersRepository;
import org.apache.james.user.memory.MemoryUsersRepository;
import org.apache.james.utils.ClassName;
import org.apache.james.utils.GuiceGenericLoader;
import org.jameslua.mailets.PasswordCheck;
import org.jameslua.mailets.PasswordCheckingUsersRepository;
import org.jameslua.server.queue.DiskMailQueueFactory;

/**
 * The core James bindings this server replaces, which no extension module can (they configure only James's
 * extension injector):
 * <ul>
 *   <li>the users repository checks every password James sets against {@code PASSWORDCHECK.LUA}, whatever the
 *       path (webadmin, CLI/JMX, data probe);</li>
 *   <li>a mailbox keeps up to {@value #ANNOTATIONS_PER_MAILBOX} annotations of up to {@value #ANNOTATION_SIZE}
 *       characters, where James keeps 10 of 1024: per-user settings are INBOX annotations, and
 *       {@code USER_REDIRECT.LUA} alone reads 13;</li>
 *   <li>the mail queues keep their mails on disk across restarts ({@link DiskMailQueueFactory}), where James's
 *       memory server's queues forget them: a development convenience, which no feature depends on.</li>
 * </ul>
 */
public final class PackCoreBindings extends AbstractModule {
    static final int ANNOTATIONS_PER_MAILBOX = 100;
    static final int ANNOTATION_SIZE = 16 * 1024;

    @Override
    protected void configure() {
        bind(DiskMailQueueFactory.class).in(Scopes.SINGLETON);
    }

    @Provides
    @Singleton
    MailQueueFactory<? extends ManageableMailQueue> manageableMailQueues(DiskMailQueueFactory queues) {
        return queues;
    }

    @Provides
    @Singleton
    MailQueueFactory<?> mailQueues(DiskMailQueueFactory queues) {
        return queues;
    }

    @Provides
    @Singleton
    MailQueueFactory<? extends MailQueue> genericMailQueues(DiskMailQueueFactory queues) {
        return queues;
    }

    @Provides
    @Singleton
    UsersRepository passwordCheckedUsers(MemoryUsersRepository users, Provider<GuiceGenericLoader> extensions) {
        return new PasswordCheckingUsersRepository(users, () -> passwordCheck(extensions.get()));
    }

    @Provides
    StoreMailboxAnnotationManager largerAnnotationLimits(
            MailboxSessionMapperFactory mappers, StoreRightManager rights) {
        return new StoreMailboxAnnotationManager(mappers, rights, ANNOTATIONS_PER_MAILBOX, ANNOTATION_SIZE);
    }

    /** Built by James's extension injector, where the pack's module binds the one LuaEngine. */
    private static PasswordCheck passwordCheck(GuiceGenericLoader extensions) {
        try {
            return extensions.instantiate(new ClassName(PasswordCheck.class.getName()));
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("The pack's classes are not on James's class path", e);
        }
    }
}
