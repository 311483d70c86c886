package org.jameslua.smtp.session;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.james.protocols.api.ProtocolSessionImpl;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.netty.LineHandlerAware;
import org.apache.james.protocols.smtp.SMTPResponse;
import org.apache.james.protocols.smtp.SMTPSession;

/**
 * A stand-in for James's core SMTP handler ({@code BasicChannelInboundHandler}) under {@code CORE_HANDLER}: it
 * records each line, the end of the connection, each error and other event it is given, with the thread each ran on,
 * and answers through James's transport as James does: {@code 250 <line>}, {@code 221} ending the session for QUIT,
 * {@code 220} for STARTTLS (without starting TLS), {@code 354} for DATA (a message is then under way, as the pack's
 * ScriptReplies records) and {@code 250} for the line ending the message, {@code 451 <error>} for an error. A line {@code BREAK} throws an exception, a line {@code CRASH} an
 * {@link Error}; a line can be made to wait on a worker until the test lets it go on ({@link #stallAt}).
 */
final class JamesCore extends ChannelInboundHandlerAdapter implements LineHandlerAware {
    static final String END = "(end)";

    /**
     * What the handler was given: a line (without its CRLF), {@link #END}, {@code (error <message>)} or {@code (event
     * <event>)}.
     */
    static final class Handled {
        final String what;
        final Thread thread;

        Handled(String what) {
            this.what = what;
            this.thread = Thread.currentThread();
        }

        boolean onWorker() {
            return thread.getName().startsWith("luapack-smtp-");
        }

        @Override
        public String toString() {
            return what + (onWorker() ? " on a worker" : " on " + thread.getName());
        }
    }

    /**
     * A line's work waits on its worker until opened. Reached on the I/O thread, it does not wait (the test would wait
     * for itself): the test's {@link #awaitReached} fails at once instead.
     */
    static final class Stall {
        private final CountDownLatch reached = new CountDownLatch(1);
        private final CountDownLatch opened = new CountDownLatch(1);
        private volatile Handled reachedAs;

        void awaitReached() throws InterruptedException {
            if (!reached.await(10, TimeUnit.SECONDS)) {
                throw new AssertionError("the line never reached James's handler");
            }
            if (!reachedAs.onWorker()) {
                throw new AssertionError(reachedAs + ", not on a worker");
            }
        }

        void open() {
            opened.countDown();
        }

        private void here(Handled line) {
            reachedAs = line;
            reached.countDown();
            if (!line.onWorker()) {
                return;
            }
            try {
                if (!opened.await(10, TimeUnit.SECONDS)) {
                    throw new AssertionError("the test never let the line go on");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Thrown by a line CRASH: not an exception, so James's handler's caller sees it. */
    static final class Crash extends Error {
        private static final long serialVersionUID = 1L;

        Crash() {
            super("crash");
        }
    }

    private final List<Handled> handled = new CopyOnWriteArrayList<>();
    private final Map<String, Stall> stalls = new ConcurrentHashMap<>();
    private volatile SMTPSession session;
    private volatile boolean messageUnderWay;

    void session(SMTPSession value) {
        session = value;
    }

    Stall stallAt(String line) {
        Stall stall = new Stall();
        stalls.put(line, stall);
        return stall;
    }

    List<Handled> handled() {
        return List.copyOf(handled);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf buffer = (ByteBuf) msg;
        String line = buffer.toString(StandardCharsets.US_ASCII).replace("\r\n", "");
        buffer.release();
        Handled handling = new Handled(line);
        handled.add(handling);
        Stall stall = stalls.remove(line);
        if (stall != null) {
            stall.here(handling);
        }
        if (line.equals("BREAK")) {
            throw new IllegalStateException("broken");
        }
        if (line.equals("CRASH")) {
            throw new Crash();
        }
        answer(line);
    }

    private void answer(String line) {
        if (messageUnderWay) {
            if (line.equals(".")) {
                messageUnderWay = false;
                SessionWork.messageUnderWay(session, false);
                write(new SMTPResponse("250", "message queued"));
            }
            return;
        }
        if (line.equals("QUIT")) {
            SMTPResponse bye = new SMTPResponse("221", "bye");
            bye.setEndSession(true);
            write(bye);
        } else if (line.equals("STARTTLS")) {
            write(new SMTPResponse("220", "ready to start TLS"));
        } else if (line.equals("DATA")) {
            messageUnderWay = true;
            SessionWork.messageUnderWay(session, true);
            write(new SMTPResponse("354", "go ahead"));
        } else {
            write(new SMTPResponse("250", line));
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        handled.add(new Handled(END));
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        handled.add(new Handled("(event " + event + ")"));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        handled.add(new Handled("(error " + cause.getMessage() + ")"));
        if (ctx.channel().isActive()) {
            write(new SMTPResponse("451", cause.getMessage()));
        }
    }

    private void write(Response response) {
        ((ProtocolSessionImpl) session).getProtocolTransport().writeResponse(response, session);
    }

    @Override
    public void pushLineHandler(ChannelInboundHandlerAdapter lineHandler) {
        // James's transport pushes one that discards what comes after a reply ending the session: nothing to discard
    }

    @Override
    public void popLineHandler() {
        // see pushLineHandler
    }
}
