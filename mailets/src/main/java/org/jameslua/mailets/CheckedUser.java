package org.jameslua.mailets;

import org.apache.james.core.Username;
import org.apache.james.user.api.model.User;

/** A James user whose {@code setPassword} asks the password check first. */
final class CheckedUser implements User {
    private final User user;
    private final PasswordGate gate;

    CheckedUser(User user, PasswordGate gate) {
        this.user = user;
        this.gate = gate;
    }

    User unwrap() {
        return user;
    }

    @Override
    public Username getUserName() {
        return user.getUserName();
    }

    @Override
    public boolean verifyPassword(String pass) {
        return user.verifyPassword(pass);
    }

    /** @throws PasswordRefusedException leaving the old password in place */
    @Override
    public boolean setPassword(String newPass) {
        gate.admit(user.getUserName(), newPass);
        return user.setPassword(newPass);
    }

    @FunctionalInterface
    interface PasswordGate {
        void admit(Username user, String password);
    }
}
