package org.jameslua.smtp.session;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.AbstractChannel;
import io.netty.channel.ChannelConfig;
import io.netty.channel.ChannelMetadata;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelPromise;
import io.netty.channel.DefaultChannelConfig;
import io.netty.channel.EventLoop;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A client's connection as James's SMTP session sees it through Netty, driven by the test on the {@link IoThread}:
 * what the client sends reaches the pipeline as one read, and only while Netty reads (auto-read on); what the
 * pipeline writes reaches the client only while the client takes its replies, and waits in Netty's outbound buffer
 * otherwise, as with a socket whose client does not read. The buffer's high water mark is so small that one reply
 * waiting there makes the channel unwritable.
 */
final class ClientChannel extends AbstractChannel {
    private static final InetSocketAddress CLIENT = new InetSocketAddress("192.0.2.7", 50025);
    private static final InetSocketAddress SERVER = new InetSocketAddress("192.0.2.1", 25);

    private final ChannelConfig config = new DefaultChannelConfig(this);
    private final StringBuilder received = new StringBuilder();
    private boolean open = true;
    private boolean takesReplies = true;

    ClientChannel() {
        super(null);
        config.setWriteBufferWaterMark(new WriteBufferWaterMark(1, 100));
    }

    /** One read of what the client sent, which Netty reads only while auto-read is on; the buffer read into. */
    ByteBuf sends(String text) {
        if (!config.isAutoRead()) {
            throw new IllegalStateException("Netty reads nothing from the client now: " + text.trim());
        }
        ByteBuf read = Unpooled.copiedBuffer(text, StandardCharsets.US_ASCII);
        pipeline().fireChannelRead(read);
        pipeline().fireChannelReadComplete();
        return read;
    }

    /** The client closes its side, as most do after QUIT's reply; half-closure is allowed (see SessionWork). */
    void shutsItsOutput() {
        pipeline().fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE);
    }

    /** The client resets the connection. */
    void resets() {
        pipeline().fireExceptionCaught(new IOException("Connection reset by peer"));
    }

    void stopsTakingReplies() {
        takesReplies = false;
    }

    /** The client reads what waits for it, and goes on reading. */
    void takesReplies() {
        takesReplies = true;
        flush();
    }

    /** The lines the client has received so far. */
    List<String> replies() {
        return received.length() == 0
                ? List.of()
                : new ArrayList<>(Arrays.asList(received.toString().split("\r\n")));
    }

    /** Whether Netty reads from the client. */
    boolean reads() {
        return config.isAutoRead();
    }

    @Override
    protected void doWrite(ChannelOutboundBuffer in) {
        while (takesReplies && in.current() != null) {
            received.append(((ByteBuf) in.current()).toString(StandardCharsets.US_ASCII));
            in.remove();
        }
    }

    @Override
    protected AbstractUnsafe newUnsafe() {
        return new AbstractUnsafe() {
            @Override
            public void connect(SocketAddress remote, SocketAddress local, ChannelPromise promise) {
                promise.setFailure(new UnsupportedOperationException("the client connected already"));
            }
        };
    }

    @Override
    protected boolean isCompatible(EventLoop loop) {
        return loop instanceof IoThread;
    }

    @Override
    protected SocketAddress localAddress0() {
        return SERVER;
    }

    @Override
    protected SocketAddress remoteAddress0() {
        return CLIENT;
    }

    @Override
    protected void doBind(SocketAddress local) {
        throw new UnsupportedOperationException("a client's connection");
    }

    @Override
    protected void doDisconnect() {
        doClose();
    }

    @Override
    protected void doClose() {
        open = false;
    }

    @Override
    protected void doBeginRead() {
        // the test's client sends when the test says, see sends
    }

    @Override
    public ChannelConfig config() {
        return config;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public boolean isActive() {
        return open;
    }

    @Override
    public ChannelMetadata metadata() {
        return new ChannelMetadata(false);
    }
}
