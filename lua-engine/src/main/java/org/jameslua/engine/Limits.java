package org.jameslua.engine;

import java.time.Duration;
import java.util.Objects;

/**
 * The bounds of one call from the host into a script (a callback, or loading the script's main chunk).
 * A call that passes one ends with a logged error; the instance and the JVM go on.
 *
 * @param instructions   Lua VM instructions one call may execute
 * @param wallTime       time one call may take, sleeps and network waits included
 * @param allocatedBytes bytes one call may allocate on its thread (a coroutine counts on its own)
 * @param callDepth      nested Lua calls, before "stack overflow"
 * @param stringLength   longest string one operation may build ({@code ..}, {@code string.rep}, {@code table.concat},
 *                       {@code string.format}, ...), refused before it is allocated
 * @param coroutines     coroutines alive at once in one instance (each is a Java thread in LuaJ)
 * @param outputBytes    bytes one call may print to {@code LUA.OUT}, a file nothing else bounds
 * @param writeBytes     bytes one call may write to files ({@code io.write}, {@code file:write}): the server's disk
 */
public final class Limits {
    private final long instructions;
    private final Duration wallTime;
    private final long allocatedBytes;
    private final int callDepth;
    private final int stringLength;
    private final int coroutines;
    private final long outputBytes;
    private final long writeBytes;

    public Limits(
            long instructions,
            Duration wallTime,
            long allocatedBytes,
            int callDepth,
            int stringLength,
            int coroutines,
            long outputBytes,
            long writeBytes) {
        this.instructions = instructions;
        this.wallTime = wallTime;
        this.allocatedBytes = allocatedBytes;
        this.callDepth = callDepth;
        this.stringLength = stringLength;
        this.coroutines = coroutines;
        this.outputBytes = outputBytes;
        this.writeBytes = writeBytes;
    }

    /**
     * Allocation and string length are sized from the heap, so that the calls under way at once cannot fill it:
     * a 16th of it per call (at most 512 MiB), a 32nd per string (at most 64 MiB).
     */
    public static Limits defaults() {
        long heap = Runtime.getRuntime().maxMemory();
        return new Limits(
                200_000_000L,
                Duration.ofSeconds(10),
                Math.min(512L * 1024 * 1024, heap / 16),
                500,
                (int) Math.min(64 * 1024 * 1024, heap / 32),
                32,
                1024 * 1024,
                64L * 1024 * 1024);
    }

    public Limits withInstructions(long value) {
        return new Limits(
                value, wallTime, allocatedBytes, callDepth, stringLength, coroutines, outputBytes, writeBytes);
    }

    public Limits withWallTime(Duration value) {
        return new Limits(
                instructions, value, allocatedBytes, callDepth, stringLength, coroutines, outputBytes, writeBytes);
    }

    public Limits withAllocatedBytes(long value) {
        return new Limits(instructions, wallTime, value, callDepth, stringLength, coroutines, outputBytes, writeBytes);
    }

    public Limits withCallDepth(int value) {
        return new Limits(
                instructions, wallTime, allocatedBytes, value, stringLength, coroutines, outputBytes, writeBytes);
    }

    public Limits withStringLength(int value) {
        return new Limits(
                instructions, wallTime, allocatedBytes, callDepth, value, coroutines, outputBytes, writeBytes);
    }

    public Limits withCoroutines(int value) {
        return new Limits(
                instructions, wallTime, allocatedBytes, callDepth, stringLength, value, outputBytes, writeBytes);
    }

    public Limits withOutputBytes(long value) {
        return new Limits(
                instructions, wallTime, allocatedBytes, callDepth, stringLength, coroutines, value, writeBytes);
    }

    public long instructions() {
        return instructions;
    }

    public Duration wallTime() {
        return wallTime;
    }

    public long allocatedBytes() {
        return allocatedBytes;
    }

    public int callDepth() {
        return callDepth;
    }

    public int stringLength() {
        return stringLength;
    }

    public int coroutines() {
        return coroutines;
    }

    public long outputBytes() {
        return outputBytes;
    }

    public Limits withWriteBytes(long value) {
        return new Limits(
                instructions, wallTime, allocatedBytes, callDepth, stringLength, coroutines, outputBytes, value);
    }

    public long writeBytes() {
        return writeBytes;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof Limits)) {
            return false;
        }
        Limits that = (Limits) other;
        return instructions == that.instructions
                && Objects.equals(wallTime, that.wallTime)
                && allocatedBytes == that.allocatedBytes
                && callDepth == that.callDepth
                && stringLength == that.stringLength
                && coroutines == that.coroutines
                && outputBytes == that.outputBytes
                && writeBytes == that.writeBytes;
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                instructions, wallTime, allocatedBytes, callDepth, stringLength, coroutines, outputBytes, writeBytes);
    }

    @Override
    public String toString() {
        return "Limits[instructions=" + instructions + ", wallTime=" + wallTime + ", allocatedBytes="
                + allocatedBytes + ", callDepth=" + callDepth + ", stringLength=" + stringLength + ", coroutines="
                + coroutines + ", outputBytes=" + outputBytes + ", writeBytes=" + writeBytes + "]";
    }
}
