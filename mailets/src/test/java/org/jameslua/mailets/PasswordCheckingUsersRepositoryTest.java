package org.jameslua.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import org.apache.james.core.Username;
import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.apache.james.user.api.UsersRepository;
import org.apache.james.user.api.model.User;
import org.apache.james.user.lib.model.DefaultUser;
import org.apache.james.user.memory.MemoryUsersRepository;
import org.jameslua.engine.ScriptFixture;
import org.jameslua.james.ScriptCallCounts;
import org.jameslua.james.ScriptMetrics;
import org.jameslua.james.script.ScriptCallers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PasswordCheckingUsersRepositoryTest {
    private final ScriptCallers callers =
            new ScriptCallers(new ScriptMetrics(new RecordingMetricFactory(), new ScriptCallCounts()));
    private static final Username BOB = Username.of("bob");

    @RegisterExtension
    final ScriptFixture scripts = new ScriptFixture();

    private MemoryUsersRepository memory;
    private PasswordCheckingUsersRepository users;
    private PasswordCheck check;

    @BeforeEach
    void setUp() throws Exception {
        scripts.write(
                "PASSWORDCHECK.LUA",
                "function Check(user, password, minLength)\n"
                        + "  return string.find(password, \"%d\") ~= nil\n"
                        + "end\n");
        check = new PasswordCheck(scripts.engine(), callers);
        memory = MemoryUsersRepository.withoutVirtualHosting(null);
        users = new PasswordCheckingUsersRepository(memory, () -> check);
    }

    @Test
    void aNewUserNeedsAPasswordTheScriptAccepts() throws Exception {
        assertThatThrownBy(() -> users.addUser(BOB, "nodigits"))
                .isInstanceOf(PasswordRefusedException.class)
                .hasMessage("The new password of bob was refused by PASSWORDCHECK.LUA; the password is unchanged");
        assertThat(memory.contains(BOB)).isFalse();

        users.addUser(BOB, "digits 42");

        assertThat(memory.test(BOB, "digits 42")).isTrue();
    }

    @Test
    void aRefusedChangeLeavesTheOldPasswordAndAnAcceptedOneIsStored() throws Exception {
        memory.addUser(BOB, "old 1");

        User user = users.getUserByName(BOB);
        assertThatThrownBy(() -> user.setPassword("weak")).isInstanceOf(PasswordRefusedException.class);
        users.updateUser(user);
        assertThat(users.test(BOB, "old 1")).isTrue();

        User again = users.getUserByName(BOB);
        assertThat(again.setPassword("new 2")).isTrue();
        users.updateUser(again);
        assertThat(users.test(BOB, "new 2")).isTrue();
        assertThat(users.test(BOB, "old 1")).isFalse();
    }

    @Test
    void everythingElseIsJamesRepository() throws Exception {
        memory.addUser(BOB, "old 1");

        assertThat(users.contains(BOB)).isTrue();
        assertThat(users.contains(Username.of("nobody"))).isFalse();
        assertThat(users.countUsers()).isEqualTo(1);
        assertThat(users.list()).toIterable().containsExactly(BOB);
        assertThat(users.getUserByName(Username.of("nobody"))).isNull();
        users.removeUser(BOB);
        assertThat(memory.contains(BOB)).isFalse();
    }

    /**
     * James's JPA, Cassandra and LDAP repositories hand out copies of their users and store only users of their own
     * type (JPA casts to its JPAUser): an accepted change reaches them only through updateUser, unwrapped. The memory
     * repository hands out the user it stores, so a change reached it without updateUser.
     */
    @Test
    void anAcceptedChangeIsStoredByARepositoryThatHandsOutCopies() throws Exception {
        memory.addUser(BOB, "old 1");
        users = new PasswordCheckingUsersRepository(handingOutCopies(memory), () -> check);

        User user = users.getUserByName(BOB);
        assertThat(user.setPassword("new 2")).isTrue();
        users.updateUser(user);

        assertThat(memory.test(BOB, "new 2")).isTrue();
        assertThat(memory.test(BOB, "old 1")).isFalse();
    }

    private static UsersRepository handingOutCopies(MemoryUsersRepository stored) {
        InvocationHandler handler = (proxy, method, args) -> {
            switch (method.getName()) {
                case "getUserByName":
                    DefaultUser user = (DefaultUser) stored.getUserByName((Username) args[0]);
                    return user == null
                            ? null
                            : new DefaultUser(
                                    user.getUserName(),
                                    user.getHashedPassword(),
                                    user.getHashAlgorithm(),
                                    user.getHashAlgorithm());
                case "updateUser":
                    stored.updateUser((DefaultUser) args[0]);
                    return null;
                default:
                    try {
                        return method.invoke(stored, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
            }
        };
        return (UsersRepository) Proxy.newProxyInstance(
                UsersRepository.class.getClassLoader(), new Class<?>[] {UsersRepository.class}, handler);
    }
}
