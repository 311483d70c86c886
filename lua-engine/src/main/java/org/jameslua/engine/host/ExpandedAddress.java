package org.jameslua.engine.host;

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
public record ExpandedAddress(String name, boolean list, Optional<Boolean> deferredExpansion, boolean remote,
                              boolean forwarded) {

    public static ExpandedAddress localUser(String name) {
        return new ExpandedAddress(name, false, Optional.empty(), false, false);
    }

    public static ExpandedAddress remote(String address) {
        return new ExpandedAddress(address, false, Optional.empty(), true, false);
    }
}
