package org.jameslua.smtp.session;

import io.netty.channel.Channel;
import java.lang.reflect.Field;
import org.apache.james.protocols.api.ProtocolSessionImpl;
import org.apache.james.protocols.netty.NettyProtocolTransport;
import org.apache.james.protocols.smtp.SMTPSession;

/**
 * The Netty channel of an SMTP session. James 3.8.1 gives handlers no way to answer a command later, and keeps
 * the channel in a private field of its transport; reading that field is the one way an extension can take a
 * session's work off the I/O threads. Checked when the handlers load, so a James without it refuses to start
 * instead of stalling later.
 */
final class NettyChannels {
    private static final String FIELD = "channel";

    private NettyChannels() {}

    /** @throws IllegalStateException naming what this James lacks */
    static Field channelField() {
        try {
            Field field = NettyProtocolTransport.class.getDeclaredField(FIELD);
            if (!Channel.class.isAssignableFrom(field.getType())) {
                throw new IllegalStateException(NettyProtocolTransport.class.getName() + "." + FIELD + " is a "
                        + field.getType().getName() + ", not a Netty Channel: the pack needs James 3.8.1");
            }
            field.setAccessible(true);
            return field;
        } catch (NoSuchFieldException | RuntimeException e) {
            throw new IllegalStateException(
                    "The pack cannot reach the SMTP sessions' Netty channels (" + NettyProtocolTransport.class.getName()
                            + "." + FIELD + "): it needs James 3.8.1",
                    e);
        }
    }

    static Channel of(Field channelField, SMTPSession session) {
        Object transport = ((ProtocolSessionImpl) session).getProtocolTransport();
        try {
            return (Channel) channelField.get(transport);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("The SMTP session's Netty channel cannot be read", e);
        }
    }
}
