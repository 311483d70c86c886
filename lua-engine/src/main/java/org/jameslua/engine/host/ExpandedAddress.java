package org.jameslua.engine.host;

import java.util.Objects;
import java.util.Optional;

/**
 * One entry of {@code VPOP3.ExpandAddress}'s result.
 *
 * @param name              mailbox name or email address
 * @param list              whether the name is a list
 * @param deferredExpansion only for lists: true when the list was not expanded into the result
 * @param remote            whether it is a remote address
 * @param forwarded         whether it is a LAN-forwarded address
 */
public final class ExpandedAddress {
    private final String name;
    private final boolean list;
    private final Optional<Boolean> deferredExpansion;
    private final boolean remote;
    private final boolean forwarded;

    public ExpandedAddress(
            String name, boolean list, Optional<Boolean> deferredExpansion, boolean remote, boolean forwarded) {
        this.name = name;
        this.list = list;
        this.deferredExpansion = deferredExpansion;
        this.remote = remote;
        this.forwarded = forwarded;
    }

    public static ExpandedAddress localUser(String name) {
        return new ExpandedAddress(name, false, Optional.empty(), false, false);
    }

    public static ExpandedAddress remote(String address) {
        return new ExpandedAddress(address, false, Optional.empty(), true, false);
    }

    public String name() {
        return name;
    }

    public boolean list() {
        return list;
    }

    public Optional<Boolean> deferredExpansion() {
        return deferredExpansion;
    }

    public boolean remote() {
        return remote;
    }

    public boolean forwarded() {
        return forwarded;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof ExpandedAddress)) {
            return false;
        }
        ExpandedAddress that = (ExpandedAddress) other;
        return Objects.equals(name, that.name)
                && list == that.list
                && Objects.equals(deferredExpansion, that.deferredExpansion)
                && remote == that.remote
                && forwarded == that.forwarded;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, list, deferredExpansion, remote, forwarded);
    }

    @Override
    public String toString() {
        return "ExpandedAddress[name=" + name + ", list=" + list + ", deferredExpansion=" + deferredExpansion
                + ", remote=" + remote + ", forwarded=" + forwarded + "]";
    }
}
