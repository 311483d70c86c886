package org.jameslua.mailets;

import java.util.Iterator;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.james.core.MailAddress;
import org.apache.james.core.Username;
import org.apache.james.user.api.UsersRepository;
import org.apache.james.user.api.UsersRepositoryException;
import org.apache.james.user.api.model.User;
import org.reactivestreams.Publisher;

/**
 * James's users repository with {@code PASSWORDCHECK.LUA} in front of every password James sets: a new user's
 * ({@code addUser}) and a changed one ({@code setPassword} on the user {@code getUserByName} returns, which is how
 * webadmin, the CLI/JMX and the data probe change passwords). A refused password throws
 * {@link PasswordRefusedException} and nothing changes.
 *
 * <p>James 3.8.1 has no password hook and its extension modules cannot replace core bindings: this decorator
 * needs a server assembly of one's own that binds it as {@code UsersRepository}, as the pack's server does.
 */
public final class PasswordCheckingUsersRepository implements UsersRepository {
    private final UsersRepository delegate;
    private final Supplier<PasswordCheck> check;

    /**
     * @param check asked at each password change, so that it may come from James's extension injector, which
     *              exists only after this repository does
     */
    public PasswordCheckingUsersRepository(UsersRepository delegate, Supplier<PasswordCheck> check) {
        this.delegate = delegate;
        this.check = check;
    }

    private void admit(Username user, String password) {
        Optional<String> refusal = check.get().refusal(user.asString(), password);
        if (refusal.isPresent()) {
            throw new PasswordRefusedException(user.asString(), refusal.get());
        }
    }

    @Override
    public void addUser(Username username, String password) throws UsersRepositoryException {
        admit(username, password);
        delegate.addUser(username, password);
    }

    @Override
    public User getUserByName(Username name) throws UsersRepositoryException {
        User user = delegate.getUserByName(name);
        return user == null ? null : new CheckedUser(user, this::admit);
    }

    @Override
    public void updateUser(User user) throws UsersRepositoryException {
        delegate.updateUser(user instanceof CheckedUser ? ((CheckedUser) user).unwrap() : user);
    }

    @Override
    public void removeUser(Username name) throws UsersRepositoryException {
        delegate.removeUser(name);
    }

    @Override
    public boolean contains(Username name) throws UsersRepositoryException {
        return delegate.contains(name);
    }

    @Override
    public Publisher<Boolean> containsReactive(Username name) {
        return delegate.containsReactive(name);
    }

    @Override
    public boolean test(Username name, String password) throws UsersRepositoryException {
        return delegate.test(name, password);
    }

    @Override
    public int countUsers() throws UsersRepositoryException {
        return delegate.countUsers();
    }

    @Override
    public Iterator<Username> list() throws UsersRepositoryException {
        return delegate.list();
    }

    @Override
    public Publisher<Username> listReactive() {
        return delegate.listReactive();
    }

    @Override
    public boolean supportVirtualHosting() throws UsersRepositoryException {
        return delegate.supportVirtualHosting();
    }

    @Override
    public Username getUsername(MailAddress mailAddress) throws UsersRepositoryException {
        return delegate.getUsername(mailAddress);
    }

    @Override
    public MailAddress getMailAddressFor(Username username) throws UsersRepositoryException {
        return delegate.getMailAddressFor(username);
    }

    @Override
    public boolean isAdministrator(Username username) throws UsersRepositoryException {
        return delegate.isAdministrator(username);
    }

    @Override
    public boolean isReadOnly() {
        return delegate.isReadOnly();
    }

    @Override
    public void assertValid(Username username) throws UsersRepositoryException {
        delegate.assertValid(username);
    }
}
