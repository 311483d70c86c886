package org.jameslua.engine.host;

import java.util.List;

/** The server's users and address expansion, for {@code VPOP3.GetUserList} and {@code VPOP3.ExpandAddress}. */
public interface UserDirectory {
    List<String> users();

    /**
     * What a message to this address would be delivered to, after aliases, mappings and lists.
     *
     * @param inMailIndex VPOP3's "In Mail" item index, {@code -1} for incoming or local SMTP
     */
    List<ExpandedAddress> expand(String address, int inMailIndex);
}
