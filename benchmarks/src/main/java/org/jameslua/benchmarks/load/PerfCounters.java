package org.jameslua.benchmarks.load;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One long counter of a HotSpot JVM's performance data ({@code /tmp/hsperfdata_USER/PID}, what {@code jstat} and
 * {@code jcmd PerfCounter.print} read), read from the file directly: no process started, nothing run in James.
 * The layout is HotSpot's {@code PerfDataPrologue} followed by {@code PerfDataEntry} records.
 */
final class PerfCounters {
    private static final int MAGIC = 0xcafec0c0;
    private static final int PROLOGUE_BYTE_ORDER = 4;
    private static final int PROLOGUE_ENTRY_OFFSET = 24;
    private static final int PROLOGUE_ENTRIES = 28;

    private PerfCounters() {}

    static Path file(long pid) {
        return Path.of("/tmp", "hsperfdata_" + System.getProperty("user.name"), Long.toString(pid));
    }

    /** The counter {@code name} (a long, say {@code sun.ci.totalCompiles}) in {@code file}. */
    static long read(Path file, String name) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            MappedByteBuffer data = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size());
            if (data.order(ByteOrder.BIG_ENDIAN).getInt(0) != MAGIC) {
                throw new IOException(file + " is not HotSpot performance data");
            }
            data.order(data.get(PROLOGUE_BYTE_ORDER) == 0 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
            int entry = data.getInt(PROLOGUE_ENTRY_OFFSET);
            int entries = data.getInt(PROLOGUE_ENTRIES);
            for (int i = 0; i < entries; i++) {
                int length = data.getInt(entry);
                int nameOffset = data.getInt(entry + 4);
                int vectorLength = data.getInt(entry + 8);
                byte type = data.get(entry + 12);
                int dataOffset = data.getInt(entry + 16);
                if (vectorLength == 0 && type == 'J' && name.equals(name(data, entry + nameOffset))) {
                    return data.getLong(entry + dataOffset);
                }
                entry += length;
            }
            throw new IOException("no counter " + name + " in " + file);
        }
    }

    private static String name(MappedByteBuffer data, int start) {
        int end = start;
        while (data.get(end) != 0) {
            end++;
        }
        byte[] bytes = new byte[end - start];
        data.get(start, bytes);
        return new String(bytes, StandardCharsets.US_ASCII);
    }
}
