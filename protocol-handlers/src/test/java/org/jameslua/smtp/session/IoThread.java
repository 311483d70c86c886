package org.jameslua.smtp.session;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelPromise;
import io.netty.channel.DefaultChannelPromise;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.AbstractScheduledEventExecutor;
import io.netty.util.concurrent.Future;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * The I/O thread of a test's channels: the test's own thread, which runs the tasks other threads queue for it (a
 * worker's replies, its {@code caughtUp}) only when the test says, on a clock that moves only when the test says.
 * Netty's {@code EmbeddedEventLoop} takes every thread for its own, so a worker's reply would be written at once
 * from the worker; here it is queued, as on James's event loops, which is what {@link SessionWork}'s ordering is
 * about.
 */
final class IoThread extends AbstractScheduledEventExecutor implements EventLoop {
    private final Thread thread = Thread.currentThread();
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private long nanos;

    @Override
    public void execute(Runnable task) {
        tasks.add(task);
    }

    /**
     * Runs the task queued first, if any; whether there was one. Scheduled tasks that are due join the queue behind
     * the tasks queued before, as Netty's event loops take them.
     */
    boolean runNextTask() {
        for (Runnable due = pollScheduledTask(nanos); due != null; due = pollScheduledTask(nanos)) {
            tasks.add(due);
        }
        Runnable task = tasks.poll();
        if (task == null) {
            return false;
        }
        task.run();
        return true;
    }

    /** Runs the queued tasks, those they queue too; whether there was any. */
    boolean runTasks() {
        boolean ran = false;
        while (runNextTask()) {
            ran = true;
        }
        return ran;
    }

    /** Moves the clock on: the scheduled tasks then due run with the queued ones (see runNextTask). */
    void advanceTimeBy(long time, TimeUnit unit) {
        nanos += unit.toNanos(time);
    }

    @Override
    protected long getCurrentTimeNanos() {
        return nanos;
    }

    @Override
    public boolean inEventLoop(Thread other) {
        return other == thread;
    }

    @Override
    public EventLoopGroup parent() {
        return this;
    }

    @Override
    public EventLoop next() {
        return this;
    }

    @Override
    public ChannelFuture register(Channel channel) {
        return register(new DefaultChannelPromise(channel, this));
    }

    @Override
    public ChannelFuture register(ChannelPromise promise) {
        promise.channel().unsafe().register(this, promise);
        return promise;
    }

    @Override
    @Deprecated
    public ChannelFuture register(Channel channel, ChannelPromise promise) {
        channel.unsafe().register(this, promise);
        return promise;
    }

    @Override
    public Future<?> shutdownGracefully(long quietPeriod, long timeout, TimeUnit unit) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Future<?> terminationFuture() {
        throw new UnsupportedOperationException();
    }

    @Override
    @Deprecated
    public void shutdown() {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean isShuttingDown() {
        return false;
    }

    @Override
    public boolean isShutdown() {
        return false;
    }

    @Override
    public boolean isTerminated() {
        return false;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        return false;
    }
}
