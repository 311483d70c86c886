package org.jameslua.benchmarks.message;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.jameslua.engine.CallResult;
import org.jameslua.engine.LuaEngine;
import org.jameslua.engine.ScriptInstance;
import org.jameslua.engine.message.Actions;
import org.jameslua.engine.message.MessageSource;
import org.jameslua.engine.message.ScannedMessage;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;

/**
 * A big message (25 MB by default: a text part and two base64 attachments) through ProcessMessage as the SMTP
 * handler runs it: the MIME scan, the MIME structure and attachments tables, and the benchmark SMTPSVR.LUA's
 * ProcessMessage, which walks both tables and reads the text part with {@code VPOP3.GetMessagePart}. The message
 * lies in a file, as James keeps a big message in its spool.
 *
 * <p>For each run it prints the time, the bytes the thread allocated (all of it garbage once the call is over),
 * and the heap still held while the scanned message and its tables are in use (used heap after a GC, less the
 * used heap before the run). Neither may come near the message's size if the message is only streamed, never
 * copied into a Java array or a Lua string. Run it with a heap smaller than the message ({@code -Xmx24m}) to
 * see that it needs none.
 *
 * <p>With {@code --james} the message is first received as James's SMTP server keeps it (spooled by James to a
 * file of its own, see {@link JamesSpooledMessage}; not measured) and read through the pack's James adapter, as
 * the SMTP handler reads it; this needs James on the class path ({@code target/runtime-classpath}).
 *
 * <p>Arguments: {@code [--size-mb N] [--runs N] [--james]} (defaults 25 and 5).
 */
public final class BigMessage {
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private BigMessage() {}

    public static void main(String[] args) throws IOException {
        int sizeMb = intOption(args, "--size-mb", 25);
        int runs = intOption(args, "--runs", 5);
        boolean james = java.util.List.of(args).contains("--james");
        Path folder = Files.createTempDirectory("james-lua-big-message");
        try {
            run(folder, sizeMb, runs, james);
        } finally {
            try (Stream<Path> files = Files.walk(folder)) {
                for (Path file : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                    Files.delete(file);
                }
            }
        }
    }

    private static void run(Path folder, int sizeMb, int runs, boolean james) throws IOException {
        Path message = folder.resolve("big.eml");
        // base64 with a CRLF every 76 characters: 4/3 * 78/76 bytes per byte of attachment
        int attachmentBytes = (int) ((long) sizeMb * 1024 * 1024 / 2 * 3 * 76 / (4 * 78));
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(message), 1 << 16)) {
            new MultipartMessage(2, attachmentBytes).writeTo(out);
        }
        try (InputStream script = BigMessage.class.getResourceAsStream("/bench-scripts/SMTPSVR.LUA")) {
            Files.copy(script, folder.resolve("SMTPSVR.LUA"));
        }
        long size = Files.size(message);
        System.out.printf(
                "message: %,d bytes (%.1f MiB), %s, max heap %,d MiB%n",
                size,
                size / 1048576.0,
                james ? "received into James's MimeMessageWrapper" : "read from its file",
                Runtime.getRuntime().maxMemory() >> 20);
        System.out.println("run  time ms  allocated bytes  allocated/size  held heap bytes  held/size  result");
        JamesSpooledMessage spooled = james ? JamesSpooledMessage.of(message) : null;
        MessageSource source = james ? spooled.source() : MessageSource.of(message);
        try (LuaEngine engine = LuaEngine.builder(folder).build()) {
            ScriptInstance instance = engine.newInstance("SMTPSVR.LUA");
            for (int run = 1; run <= runs; run++) {
                long heapBefore = usedHeapAfterGc();
                long allocatedBefore = THREADS.getCurrentThreadAllocatedBytes();
                long start = System.nanoTime();
                try (ScannedMessage scanned = ScannedMessage.of(source)) {
                    LuaTable mime = scanned.structure();
                    LuaTable attachments = scanned.attachments();
                    CallResult result =
                            instance.callWithMessage(scanned, "ProcessMessage", LuaValue.varargsOf(new LuaValue[] {
                                LuaValue.valueOf("sender@example.com"),
                                LuaValue.valueOf("benchmark message"),
                                LuaValue.listOf(new LuaValue[] {LuaValue.valueOf("user@example.local")}),
                                Actions.forSmtp().toLua(),
                                mime,
                                LuaValue.valueOf((double) scanned.size()),
                                attachments
                            }));
                    long nanos = System.nanoTime() - start;
                    long allocated = THREADS.getCurrentThreadAllocatedBytes() - allocatedBefore;
                    long held = usedHeapAfterGc() - heapBefore;
                    System.out.printf(
                            "%3d  %7.1f  %,15d  %14.3f  %,15d  %9.4f  %s, %d MIME parts, %d attachments%n",
                            run,
                            nanos / 1e6,
                            allocated,
                            (double) allocated / size,
                            held,
                            (double) held / size,
                            result.getClass().getSimpleName(),
                            mime.length(),
                            attachments.length());
                }
            }
            instance.close();
        } finally {
            if (spooled != null) {
                spooled.close();
            }
        }
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return MEMORY.getHeapMemoryUsage().getUsed();
    }

    private static int intOption(String[] args, String name, int fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return fallback;
    }
}
