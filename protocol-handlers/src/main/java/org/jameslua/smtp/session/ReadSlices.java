package org.jameslua.smtp.session;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.function.BooleanSupplier;

/**
 * Hands James's line framer what the client sent in slices of whole lines of about {@value #SLICE} bytes, where
 * Netty reads up to 64 KiB at once. Until a session's first message, James's framer looks for a command injected
 * behind STARTTLS by turning the whole rest of the read into text and splitting it into lines, once for every line
 * it cuts: a read's cost grows with its square, about 90 ms of CPU per KiB in 64 KiB reads, so a client sending a
 * megabyte of short commands and hanging up left the connection's framer thread a minute of work, and the other
 * connections given that thread no banner meanwhile (stock James too). In slices the same bytes cost some 70 times
 * less.
 *
 * <p>The framer's look keeps what it guards: the line of a STARTTLS command (as the framer recognises it, whatever
 * the letter case and space before it) goes to it in one slice with everything after it in the read, as unsliced, so
 * the framer sees every command sent behind a STARTTLS in one packet as it did.
 *
 * <p>Once the framer has stopped looking (James stops at the session's first DATA command, for good), a read goes on
 * whole, as in stock James: every slice is a task for the framer's thread, and each one's lines a task back for the
 * I/O thread, so slicing a message's content, the bulk of what a client sends, only added thread wake-ups.
 */
final class ReadSlices extends ChannelInboundHandlerAdapter {
    static final String NAME = "org.jameslua.smtp.session.ReadSlices";
    private static final int SLICE = 1024;
    private static final byte[] STARTTLS = {'s', 't', 'a', 'r', 't', 't', 'l', 's'};

    private final BooleanSupplier framerLooksForInjection;

    /** {@code framerLooksForInjection}: the session's {@code needsCommandInjectionDetection}, which the framer asks. */
    ReadSlices(BooleanSupplier framerLooksForInjection) {
        this.framerLooksForInjection = framerLooksForInjection;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf)
                || ((ByteBuf) msg).readableBytes() <= SLICE
                || !framerLooksForInjection.getAsBoolean()) {
            ctx.fireChannelRead(msg);
            return;
        }
        ByteBuf read = (ByteBuf) msg;
        try {
            int start = read.readerIndex();
            int end = read.writerIndex();
            while (start < end) {
                int cut = cut(read, start, end);
                ctx.fireChannelRead(read.retainedSlice(start, cut - start));
                start = cut;
            }
        } finally {
            read.release();
        }
    }

    /**
     * Where the slice beginning at {@code start} ends: after the last whole line within {@value #SLICE} bytes (after
     * the first line, if it is longer), or at the end of the read from a STARTTLS line on.
     */
    private static int cut(ByteBuf read, int start, int end) {
        int cut = -1;
        int line = start;
        while (line < end) {
            if (startsTls(read, line, end)) {
                return end;
            }
            int lineEnd = read.indexOf(line, end, (byte) '\n');
            if (lineEnd < 0) {
                return end;
            }
            if (cut >= 0 && lineEnd + 1 - start > SLICE) {
                return cut;
            }
            cut = lineEnd + 1;
            line = cut;
        }
        return cut;
    }

    // a line the framer may take for STARTTLS (Java's trim() skips every character up to the space), or the read's
    // end inside what may become one (the rest comes in the next read)
    private static boolean startsTls(ByteBuf read, int line, int end) {
        int at = line;
        while (at < end && (read.getByte(at) & 0xFF) <= ' ') {
            at++;
        }
        int compared = Math.min(STARTTLS.length, end - at);
        for (int i = 0; i < compared; i++) {
            if ((read.getByte(at + i) | 0x20) != STARTTLS[i]) {
                return false;
            }
        }
        return compared > 0;
    }
}
