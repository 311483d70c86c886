package org.jameslua.smtp.session;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandler;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.api.ProtocolSession.State;
import org.apache.james.protocols.api.ProtocolSessionImpl;
import org.apache.james.protocols.netty.HandlerConstants;
import org.apache.james.protocols.smtp.SMTPSession;
import org.jameslua.smtp.data.ScriptMessageHook;
import org.jameslua.smtp.reply.Reply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One SMTP session's work, taken off James's I/O thread: placed in the channel's pipeline just before James's
 * core handler, it hands every line the client sends (and the end of the connection) to that handler on one of
 * the pack's {@link SessionWorkers}, in the order they came, one at a time; the pack's connect work (the
 * instance, Start(), the RBL lookups, the banner) goes first the same way. James's handlers, the script's
 * callbacks and the replies thus keep the order of a session's commands, pipelined or not, while the I/O
 * thread goes on serving the other sessions.
 *
 * <p>Work that cannot run script code is the exception: while the session has no earlier work waiting, it is done
 * on the I/O thread itself, as stock James does, sparing the hand-off to a worker. That is the connect work and the
 * banner when the script's main chunk is quick and no callback or RBL lookup runs before the banner
 * ({@link ScriptSessionStart}, {@link ScriptBanner}); the lines inside a message once DATA went ahead (354), as
 * James's data line filters only append them to the message until the line that ends it, which runs ProcessMessage
 * and the message hooks (that line too when the script defines no ProcessMessage); and a command whose callbacks
 * ({@link CommandCallbacks}; DoUnrecognised for a verb James does not know) the session's script does not define,
 * unless the line may not be a command at all (right after a DATA whose reply is not known yet, as its next line is
 * the message's first or, DATA refused, a command; or once AUTH or STARTTLS was sent, whose exchanges James reads
 * with line handlers of its own). The end of the connection is the other exception: when nothing of the session
 * waits and its script does not define End(), James's clean-up runs on the I/O thread too. A callback, or a
 * main chunk that may be slow, thus never runs on an I/O thread.
 *
 * <p>A new connection that finds no worker free is answered {@code 421 4.3.2} and closed: the client hears at once
 * that it should come back later, instead of waiting unanswered. Once admitted, a session's later work waits for
 * the next worker instead ({@link SessionWorkers#run}): a 421 then would break off a mail under way, merely
 * because other sessions (or its own previous command, whose worker is just finishing) hold the workers.
 */
public final class SessionWork extends ChannelInboundHandlerAdapter {
    private static final Logger LOGGER = LoggerFactory.getLogger(SessionWork.class);
    private static final ProtocolSession.AttachmentKey<SessionWork> KEY =
            ProtocolSession.AttachmentKey.of("org.jameslua.smtp.session.SessionWork", SessionWork.class);
    private static final String NAME = "org.jameslua.smtp.session.SessionWork";
    // lines waiting beyond this stop the reading from the client until the worker has caught up
    private static final int MAX_WAITING_LINES = 256;
    // how often a session whose client does not take its replies looks whether it has started to
    private static final long BEHIND_LOOK_MS = 10;
    // what the line ending a message may call
    private static final List<String> MESSAGE_CALLBACKS = List.of(ScriptMessageHook.CALLBACK);

    private final SMTPSession session;
    private final SessionWorkers workers;
    private final ChannelHandlerContext core;
    private final Queue<Runnable> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicInteger unfinished = new AtomicInteger();
    // pieces of work handed to the workers so far, and of those the ones whose replies are known to be written;
    // only touched on the I/O thread (see idle)
    private long handedOff;
    private long repliesWritten;
    // pieces of work the workers have finished so far; touched by one worker at a time (see drain)
    private long finished;
    // what the I/O thread is to decide once the workers' replies are written (see hold); only touched there
    private final Deque<Runnable> held = new ArrayDeque<>();
    private boolean releasing;
    // one object for every hand-off of the session, rather than a method reference made per hand-off
    private final Runnable drainWork = this::drain;
    // only touched on the I/O thread
    private boolean turnedAway;
    private boolean readingPaused;
    // lines the client sent while it was not taking the replies to earlier ones (see untaken); only touched there
    private final Deque<Runnable> untaken = new ArrayDeque<>();
    private boolean takingUntaken;
    private boolean clientBehind;
    // the line before was DATA: this one may be the first line of the message
    private boolean lineAfterData;
    // AUTH or STARTTLS was sent: James may read any later line with a line handler of its own
    private boolean commandsUncertain;
    // the line just read is a STARTTLS command
    private boolean startsTls;
    // a STARTTLS was handed to a worker and nothing is read until it has run (see holdReadingForTls)
    private boolean heldForTls;
    // set by DATA's reply (ScriptReplies), cleared by the reply that ends the message (MessageReplies): a message is
    // under way and its next line is plain content;
    // read on the I/O thread only while no work of the session waits, so after the worker that set it has finished
    private volatile boolean messageUnderWay;

    private SessionWork(SMTPSession session, SessionWorkers workers, ChannelHandlerContext core) {
        this.session = session;
        this.workers = workers;
        this.core = core;
    }

    /** Puts a new session's work on the workers from now on; called on its I/O thread, at connect. */
    static SessionWork install(SMTPSession session, Channel channel, SessionWorkers workers) {
        ChannelHandlerContext core = channel.pipeline().context(HandlerConstants.CORE_HANDLER);
        SessionWork work = new SessionWork(session, workers, core);
        channel.pipeline().addBefore(HandlerConstants.CORE_HANDLER, NAME, work);
        channel.pipeline()
                .addBefore(
                        HandlerConstants.FRAMER,
                        ReadSlices.NAME,
                        new ReadSlices(session::needsCommandInjectionDetection));
        // the client's end of input must not close the channel at once: see userEventTriggered
        channel.config().setOption(ChannelOption.ALLOW_HALF_CLOSURE, true);
        session.setAttachment(KEY, work, State.Connection);
        return work;
    }

    /**
     * Records whether the DATA command or data line just handled left a message under way (true once DATA went
     * ahead, false once the message ended or failed).
     */
    public static void messageUnderWay(ProtocolSession session, boolean underWay) {
        session.getAttachment(KEY, State.Connection).ifPresent(work -> work.messageUnderWay = underWay);
    }

    static SessionWork of(SMTPSession session) {
        return session.getAttachment(KEY, State.Connection)
                .orElseThrow(() -> new IllegalStateException("SMTP session without the pack's SessionWork"));
    }

    /**
     * Runs the session's connect work on a worker, or turns the session away if no worker is free (false); called on
     * the I/O thread.
     */
    boolean admit(Runnable connectWork) {
        waiting.add(connectWork);
        unfinished.set(1);
        handedOff = 1;
        if (!workers.tryRun(drainWork)) {
            waiting.clear();
            unfinished.set(0);
            handedOff = 0;
            turnAway();
            return false;
        }
        return true;
    }

    /**
     * Admits a session whose connect work runs no script code and is done on the I/O thread, as stock James does,
     * or turns it away as {@link #admit} would when no worker is free; called on the I/O thread, at connect.
     */
    boolean admitOnIoThread() {
        if (workers.anyFree()) {
            return true;
        }
        turnAway();
        return false;
    }

    /**
     * Runs {@code work} at once, on the I/O thread, when nothing of the session waits and {@code runsNoScript} (then
     * asked) confirms it can run no script code; after the session's earlier work otherwise, as {@link #run} does.
     */
    void runHereIf(BooleanSupplier runsNoScript, Runnable work) {
        if (turnedAway) {
            return;
        }
        if (idle() && runsNoScript.getAsBoolean()) {
            work.run();
        } else {
            run(work);
        }
    }

    /** Runs {@code work} after the session's earlier work; called on the I/O thread, after {@link #admit}. */
    void run(Runnable work) {
        if (turnedAway) {
            return;
        }
        waiting.add(work);
        handedOff++;
        if (unfinished.getAndIncrement() == 0) {
            workers.run(drainWork);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (turnedAway) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (mustWaitForClient()) {
            Object line = detached(msg);
            untaken(() -> channelRead(ctx, line));
            return;
        }
        if (mustHold()) {
            // a copy, as for the lines waiting for the client: a held line may be moved behind those (see release)
            Object line = detached(msg);
            hold(() -> channelRead(ctx, line));
            return;
        }
        ChannelInboundHandler handler = coreHandler();
        if (runsOnIoThread(msg)) {
            read(handler, msg);
            return;
        }
        Object line = detached(msg);
        if (startsTls) {
            holdReadingForTls(handler, line);
            return;
        }
        run(() -> read(handler, line));
        if (unfinished.get() > MAX_WAITING_LINES) {
            pauseReading();
        }
    }

    /**
     * A copy of a line that is to wait for a worker, off the pooled buffer Netty read it into, which goes back to its
     * pool here, on the I/O thread that took it. James's handler gives a line back only once it has answered it; a
     * client resetting the connection while a worker is in that handler tears the pipeline down under it, and the
     * handler throws before: the pooled buffer, and the read buffer it was cut from, were then lost for good, one
     * per such session. A copy on the heap is the JVM's to collect whatever James does with it.
     */
    private static Object detached(Object msg) {
        if (!(msg instanceof ByteBuf)) {
            return msg;
        }
        ByteBuf line = (ByteBuf) msg;
        try {
            return Unpooled.copiedBuffer(line);
        } finally {
            line.release();
        }
    }

    private void read(ChannelInboundHandler handler, Object line) {
        if (!core.channel().isActive()) {
            // the client reset the connection (or James closed it) while the line waited for a worker: nobody is left
            // to answer, and James's handler would push or pop its line handlers (AUTH, DATA, STARTTLS) in a pipeline
            // Netty has taken down, failing with a NullPointerException it logs as an error
            LOGGER.debug("SMTP session {} ended before a line it sent was handled", session.getSessionID());
            ReferenceCountUtil.release(line);
            return;
        }
        try {
            handler.channelRead(core, line);
        } catch (Exception e) {
            if (!core.channel().isActive()) {
                // the client closed the connection while James finished (QUIT's 221 read, the connection closed
                // before James's clean-up after it, which then finds the pipeline gone): nobody is left to answer
                LOGGER.debug("SMTP session {} ended while James still handled a line", session.getSessionID(), e);
                return;
            }
            exceptionCaught(handler, e);
        }
    }

    private boolean runsOnIoThread(Object msg) {
        startsTls = false;
        if (!(msg instanceof ByteBuf)) {
            return false;
        }
        ByteBuf line = (ByteBuf) msg;
        if (idle() && messageUnderWay) {
            // a line of the message, not a command; the line that ends it runs ProcessMessage, if the script has it
            lineAfterData = false;
            return !endsMessage(line) || scriptDefinesNone(MESSAGE_CALLBACKS);
        }
        Optional<String> verb = CommandCallbacks.verb(line);
        boolean afterData = lineAfterData;
        lineAfterData = verb.filter("DATA"::equals).isPresent();
        startsTls = verb.filter("STARTTLS"::equals).isPresent();
        commandsUncertain |= startsTls || verb.filter("AUTH"::equals).isPresent();
        if (!idle()) {
            return false;
        }
        if (afterData || commandsUncertain) {
            return false;
        }
        Optional<List<String>> callbacks = CommandCallbacks.of(verb);
        return callbacks.isPresent() && scriptDefinesNone(callbacks.get());
    }

    // the session has its script, and the script defines none of these callbacks
    private boolean scriptDefinesNone(List<String> callbacks) {
        Optional<ScriptSession> script = ScriptSession.of(session);
        if (script.isEmpty()) {
            return false;
        }
        // a loop, not a stream: asked for most lines a client sends, on the I/O thread
        for (String callback : callbacks) {
            if (script.get().defines(callback)) {
                return false;
            }
        }
        return true;
    }

    // the line James's data line handler takes for the end of the message: ".", CRLF
    private static boolean endsMessage(ByteBuf line) {
        return line.readableBytes() == 3 && line.getByte(line.readerIndex()) == '.';
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (afterUntaken(() -> channelInactive(ctx))) {
            // no client is left to take anything: its lines are dropped and its end handled now, not on the next look,
            // which James stopping cancels as it closes its connections (the session's End() never ran then)
            takeUntaken();
            return;
        }
        if (mustHold()) {
            hold(() -> channelInactive(ctx));
            return;
        }
        ChannelInboundHandler handler = coreHandler();
        Runnable end = () -> {
            try {
                handler.channelInactive(core);
            } catch (RejectedExecutionException e) {
                // James's clean-up passes the end on to the I/O thread, shut down by James stopping (see onIoThread)
                LOGGER.debug("SMTP session {} outlived its I/O thread: James is stopping", session.getSessionID());
            } catch (Exception e) {
                LOGGER.error("Ending SMTP session {} failed", session.getSessionID(), e);
            }
        };
        if (idle() && !callsEnd()) {
            // as in stock James: no script callback can run, and nothing of the session is left to wait for. A
            // session turned away is always here: it ran nothing and has no instance. Its clean-up must not wait for
            // a worker: those are all taken, maybe for long, and a flood of connections, each answered 421 and
            // closed at once, would otherwise keep every one of them in memory until a worker frees
            end.run();
        } else {
            run(end);
        }
    }

    // whether the session's disconnect may run End(); called on the I/O thread once its earlier work has finished
    private boolean callsEnd() {
        return ScriptSession.of(session)
                .filter(script -> script.defines(ScriptSession.END))
                .isPresent();
    }

    /**
     * Nothing of the session waits or runs on a worker, and what the workers wrote is on its way to the client; called
     * on the I/O thread, which alone queues work. A worker's reply is not written at once: Netty queues it as a task
     * of the I/O thread, which runs it once done with the lines it is reading. A line answered on the I/O thread as
     * soon as the worker finished would then overtake that reply, or close the connection (QUIT) before it is sent.
     * The worker's {@link #caughtUp}, queued after its replies, tells the I/O thread when they have gone; so does
     * {@link #release}, queued by the I/O thread itself once the worker has finished (see {@link #mustHold}).
     */
    private boolean idle() {
        return repliesWritten == handedOff;
    }

    /**
     * Whether what the I/O thread has just been given must wait for the workers' replies: when the workers have
     * finished the session's work but their replies may still be queued, or earlier things wait already. Handing it to
     * a worker would keep the order too, but costs two thread wake-ups; a client that read the reply and sent its next
     * command at once often came before the worker's {@link #caughtUp}.
     */
    private boolean mustHold() {
        return !releasing && (!held.isEmpty() || !idle() && unfinished.get() == 0);
    }

    /**
     * Holds a decision of the I/O thread until the workers' replies are written. Their count of unfinished work reads
     * 0, so every reply of theirs is already queued as a task of the I/O thread: a task queued now runs after them.
     */
    private void hold(Runnable decision) {
        if (held.isEmpty()) {
            long upTo = handedOff;
            onIoThread(() -> release(upTo));
        }
        held.add(decision);
    }

    /** Takes the held decisions, in order, once the replies of the first {@code upTo} pieces of work are written. */
    private void release(long upTo) {
        repliesWritten = Math.max(repliesWritten, upTo);
        releasing = true;
        try {
            while (!held.isEmpty()) {
                if (!idle() && unfinished.get() == 0) {
                    // one just taken went to a worker, which has finished already: the rest wait for its replies
                    long next = handedOff;
                    onIoThread(() -> release(next));
                    return;
                }
                if (repliesPileUp()) {
                    // held decisions are older than any waiting for the client: they go first
                    while (!held.isEmpty()) {
                        untaken.addFirst(held.removeLast());
                    }
                    waitForClient();
                    return;
                }
                runAndGoOn(held.remove());
            }
        } finally {
            releasing = false;
        }
    }

    /**
     * The client sent all it will (closed its side, as most do right after reading the 221 of QUIT): the channel
     * is closed once the session's work queued so far has run and its replies are written. Closed at once by Netty
     * instead, its pipeline was torn down under a worker still in James's handler, which then failed looking for
     * itself in it (James pushes a line handler after writing 221) and logged a NullPointerException.
     */
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (!(event instanceof ChannelInputShutdownEvent)) {
            ctx.fireUserEventTriggered(event);
            return;
        }
        if (afterUntaken(() -> userEventTriggered(ctx, event))) {
            return;
        }
        if (mustHold()) {
            hold(() -> userEventTriggered(ctx, event));
            return;
        }
        Channel channel = ctx.channel();
        if (turnedAway || idle()) {
            closeOnceWritten(channel);
        } else {
            run(() -> closeOnceWritten(channel));
        }
    }

    // as James closes a session it ended: a client that closed its side may still be reading the replies to what it
    // sent before, which Netty may still hold for it (closed at once, the channel threw them away)
    private static void closeOnceWritten(Channel channel) {
        channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException) {
            // the connection broke (the client reset it): Netty closes a channel at once then, as for stock James,
            // unless half-closure is allowed, as it is for the client's end of input (see userEventTriggered), when it
            // takes the break for an end of input. The session's work then went on with a connection that fails
            // every write, until Netty closed it under a worker in James's handler
            ctx.close();
        }
        ChannelInboundHandler handler = coreHandler();
        if (turnedAway) {
            exceptionCaught(handler, cause);
            return;
        }
        if (afterUntaken(() -> exceptionCaught(ctx, cause))) {
            return;
        }
        if (mustHold()) {
            hold(() -> exceptionCaught(ctx, cause));
            return;
        }
        run(() -> exceptionCaught(handler, cause));
    }

    private void drain() {
        long done;
        do {
            runAndGoOn(waiting.remove());
            // counted before the work is marked finished, after which the next drain, on any worker, may count
            done = ++finished;
        } while (unfinished.decrementAndGet() > 0);
        long upTo = done;
        onIoThread(() -> caughtUp(upTo));
    }

    // one piece of the session's work, taken from one of its queues: the later ones and the session's end must still
    // be taken whatever it throws, or the session would hang
    private void runAndGoOn(Runnable work) {
        try {
            work.run();
        } catch (RuntimeException | Error e) {
            LOGGER.error("SMTP session {} failed", session.getSessionID(), e);
        }
    }

    /**
     * Queues {@code task} on the session's I/O thread. James stopping with the session open shuts that thread down
     * while a worker may still finish the session's work: the task is then refused, and the session ends with the
     * thread, with nothing left to do on it.
     */
    private void onIoThread(Runnable task) {
        try {
            core.channel().eventLoop().execute(task);
        } catch (RejectedExecutionException e) {
            LOGGER.debug("SMTP session {} outlived its I/O thread: James is stopping", session.getSessionID());
        }
    }

    /**
     * On the I/O thread, after the replies of the first {@code upTo} pieces of work, which a worker has just finished
     * (see {@link #idle}); the reading, paused while they waited, resumes.
     */
    private void caughtUp(long upTo) {
        repliesWritten = Math.max(repliesWritten, upTo);
        resumeReading();
    }

    /**
     * Hands STARTTLS to a worker and reads nothing more from the client until James has answered it and put TLS in
     * the pipeline. James does both in one go, expecting to be on the I/O thread: from a worker, its 220 and the
     * adding of the TLS handler are each queued on the I/O thread, which could read the client's TLS handshake,
     * sent as soon as the 220 arrived, in between; that handshake then reached James's line decoder as if it were
     * a command sent along with STARTTLS, which James takes for command injection and closes the connection.
     * Reading resumes on the I/O thread after both, as the worker queues it after them.
     */
    private void holdReadingForTls(ChannelInboundHandler handler, Object startTls) {
        heldForTls = true;
        readOnlyIfAllowed();
        run(() -> {
            try {
                read(handler, startTls);
            } finally {
                // whatever James did, the session must not stay deaf
                onIoThread(this::releaseReadingForTls);
            }
        });
    }

    private void releaseReadingForTls() {
        heldForTls = false;
        readOnlyIfAllowed();
    }

    // the worker's caughtUp, run on this thread after this, resumes the reading even if the worker has just finished
    private void pauseReading() {
        readingPaused = true;
        readOnlyIfAllowed();
    }

    private void resumeReading() {
        if (readingPaused) {
            readingPaused = false;
            readOnlyIfAllowed();
        }
    }

    // one place decides whether Netty reads from the client, as three things may hold the reading: too many lines
    // waiting for a worker, a STARTTLS under way, a client not taking its replies
    private void readOnlyIfAllowed() {
        core.channel().config().setAutoRead(!readingPaused && !heldForTls && !clientBehind);
    }

    /**
     * Whether a line just read must wait until the client takes the replies to earlier ones: they pile up (see
     * repliesPileUp), or earlier lines wait so already. A client that sends commands and
     * never reads their replies (3 bytes for the 40 of James's reply to an unknown verb) had every reply kept in
     * James's memory, at the rate it could send, until the heap was full; stock James does so too. Now its lines wait
     * here, and Netty stops reading: what the client sends next waits in its own socket, as TCP lets it. A line taken
     * from the held ones (see release) or from these goes on, in order.
     */
    private boolean mustWaitForClient() {
        return !releasing && !takingUntaken && (!untaken.isEmpty() || repliesPileUp());
    }

    /**
     * Replies the client has not taken pile up: Netty holds more of them than its high water mark, or more lines than
     * may wait are still to be answered by the workers. Lines handed to the workers count before their replies are
     * written: every line of a read reached here before the first of those replies, and all went to the workers, as
     * many as the client sent, when the first reply was slow to come.
     */
    private boolean repliesPileUp() {
        Channel channel = core.channel();
        return channel.isActive() && (!channel.isWritable() || unfinished.get() > MAX_WAITING_LINES);
    }

    // the end of the connection, or an error, comes after the lines waiting for the client, in order
    private boolean afterUntaken(Runnable decision) {
        if (releasing || takingUntaken || untaken.isEmpty()) {
            return false;
        }
        untaken(decision);
        return true;
    }

    private void untaken(Runnable decision) {
        untaken.add(decision);
        waitForClient();
    }

    private void waitForClient() {
        if (!clientBehind) {
            clientBehind = true;
            readOnlyIfAllowed();
            lookWhetherClientTakesReplies();
        }
    }

    /**
     * Looks again shortly whether the client has taken its replies. Netty says when a channel becomes writable again
     * with an event, which was seen to come late or not at all here (James's framer hands the session's events across
     * its own threads; why was not settled): a look on a timer, only while a client is behind, cannot miss it.
     */
    private void lookWhetherClientTakesReplies() {
        try {
            core.channel().eventLoop().schedule(this::takeUntaken, BEHIND_LOOK_MS, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOGGER.debug("SMTP session {} outlived its I/O thread: James is stopping", session.getSessionID());
        }
    }

    // once the connection is gone its lines are dropped as they are taken (see read) and its end is handled
    private void takeUntaken() {
        takingUntaken = true;
        try {
            while (!untaken.isEmpty() && !repliesPileUp()) {
                runAndGoOn(untaken.remove());
            }
        } finally {
            takingUntaken = false;
        }
        if (untaken.isEmpty()) {
            clientBehind = false;
            readOnlyIfAllowed();
        } else {
            lookWhetherClientTakesReplies();
        }
    }

    private void turnAway() {
        turnedAway = true;
        workers.turnAwayLog()
                .turnedAway(
                        session.getSessionID(),
                        session.getRemoteAddress().getAddress().getHostAddress());
        ((ProtocolSessionImpl) session)
                .getProtocolTransport()
                .writeResponse(
                        Reply.of(
                                        Reply.SERVICE_NOT_AVAILABLE,
                                        "4.3.2 " + session.getConfiguration().getHelloName()
                                                + " Too busy, please try again later")
                                .toResponse(true),
                        session);
    }

    private ChannelInboundHandler coreHandler() {
        return (ChannelInboundHandler) core.handler();
    }

    private void exceptionCaught(ChannelInboundHandler handler, Throwable cause) {
        try {
            handler.exceptionCaught(core, cause);
        } catch (Exception e) {
            LOGGER.error("SMTP session {} failed", session.getSessionID(), e);
        }
    }
}
