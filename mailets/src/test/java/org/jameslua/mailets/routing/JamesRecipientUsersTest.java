package org.jameslua.mailets.routing;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.james.core.MailAddress;
import org.apache.james.core.Username;
import org.apache.james.user.memory.MemoryUsersRepository;
import org.junit.jupiter.api.Test;

class JamesRecipientUsersTest {

    @Test
    void aRecipientIsTheUserJamesNamesForIt() throws Exception {
        MemoryUsersRepository repository = MemoryUsersRepository.withoutVirtualHosting(null);
        repository.addUser(Username.of("bob"), "secret");
        JamesRecipientUsers users = new JamesRecipientUsers(repository);

        assertThat(users.userOf(new MailAddress("bob@example.local"))).contains("bob");
        assertThat(users.userOf(new MailAddress("zed@example.local"))).isEmpty();
    }
}
