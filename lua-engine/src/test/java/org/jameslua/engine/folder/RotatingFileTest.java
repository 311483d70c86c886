package org.jameslua.engine.folder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jameslua.engine.OpenDescriptors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** LUA.OUT and LUAERRORS.LOG kept to a size, as an operator and the scripts writing there see them. */
class RotatingFileTest {
    private static final Pattern WRITER_LINE = Pattern.compile("writer (\\d+) line (\\d+) x+");

    @TempDir
    Path folder;

    private final List<String> problems = new CopyOnWriteArrayList<>();

    @Test
    void aLineThatWouldPassTheLimitGoesToANewFileAndTheFullOneBecomesDotOne() throws IOException {
        RotatingFile out = file("LUA.OUT", 30);

        out.append("first line"); // 11 bytes with its line break
        out.append("second line"); // 23
        out.append("third line"); // 34 > 30: rotated first

        assertThat(lines("LUA.OUT.1")).containsExactly("first line", "second line");
        assertThat(lines("LUA.OUT")).containsExactly("third line");
        assertThat(problems).isEmpty();
    }

    /**
     * A FIFO put where LUA.OUT was: opening it to write waited for a reader for ever, holding the lock every
     * session's print waits for. Its lines are dropped and reported once; the writers go on.
     */
    @Test
    void aFifoInPlaceOfTheFileIsNotOpenedAndItsLinesAreDropped() throws Exception {
        Path fifo = folder.resolve("LUA.OUT");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor())
                .isZero();
        RotatingFile out = file("LUA.OUT", 1000);

        assertTimeoutPreemptively(java.time.Duration.ofSeconds(30), () -> {
            out.append("first");
            out.append("second");
        });

        assertThat(problems)
                .singleElement()
                .asString()
                .contains("LUA.OUT cannot be written", "it is not a regular file");
        Files.delete(fifo);
        out.append("third");
        assertThat(lines("LUA.OUT")).containsExactly("third");
    }

    @Test
    void aLineFillingTheFileExactlyStaysInIt() throws IOException {
        RotatingFile out = file("LUA.OUT", 22);

        out.append("0123456789"); // 11
        out.append("abcdefghij"); // 22, exactly the limit

        assertThat(lines("LUA.OUT")).containsExactly("0123456789", "abcdefghij");
        assertThat(folder.resolve("LUA.OUT.1")).doesNotExist();
    }

    @Test
    void theOlderDotOneIsReplacedSoAtMostTwiceTheLimitIsKept() throws IOException {
        RotatingFile out = file("LUAERRORS.LOG", 20);

        for (int i = 1; i <= 12; i++) {
            out.append("error " + i); // 8 or 9 bytes: two a file
        }

        assertThat(lines("LUAERRORS.LOG.1")).containsExactly("error 9", "error 10");
        assertThat(lines("LUAERRORS.LOG")).containsExactly("error 11", "error 12");
        try (var files = Files.list(folder)) {
            assertThat(files.map(path -> path.getFileName().toString()))
                    .containsExactlyInAnyOrder("LUAERRORS.LOG", "LUAERRORS.LOG.1");
        }
    }

    @Test
    void aLineLongerThanTheLimitGetsAFileOfItsOwn() throws IOException {
        RotatingFile out = file("LUA.OUT", 10);

        out.append("short");
        out.append("a line longer than the limit");
        out.append("next");

        assertThat(lines("LUA.OUT.1")).containsExactly("a line longer than the limit");
        assertThat(lines("LUA.OUT")).containsExactly("next");
    }

    /**
     * A first line longer than the limit, in a file just started (an operator deleted it, or it was rotated and
     * nothing written since), goes in it: renaming the empty file to {@code .1} would drop the older lines there.
     */
    @Test
    void aLongLineInAnEmptyFileKeepsTheOlderLines() throws IOException {
        Files.writeString(folder.resolve("LUA.OUT.1"), "older\n", StandardCharsets.UTF_8);
        RotatingFile out = file("LUA.OUT", 10);

        out.append("a line longer than the limit");

        assertThat(lines("LUA.OUT.1")).containsExactly("older");
        assertThat(lines("LUA.OUT")).containsExactly("a line longer than the limit");
    }

    /** Each line's channel is closed, the one of a file rotated away too: James would run out of file descriptors. */
    @Test
    void noLineLeavesAFileOpen() throws IOException {
        RotatingFile out = file("LUA.OUT", 20);

        for (int i = 1; i <= 5; i++) {
            out.append("line " + i);
        }

        assertThat(lines("LUA.OUT.1")).containsExactly("line 3", "line 4");
        assertThat(OpenDescriptors.in(folder)).isEmpty();
    }

    @Test
    void aFileAnOperatorMovedAwayIsStartedAgain() throws IOException {
        RotatingFile out = file("LUA.OUT", 1000);
        out.append("before");

        Files.move(folder.resolve("LUA.OUT"), folder.resolve("archived"));
        out.append("after");

        assertThat(lines("archived")).containsExactly("before");
        assertThat(lines("LUA.OUT")).containsExactly("after");
    }

    /**
     * Eight threads on two writers of the same file (two engines over one folder), with the limit set so that it
     * rotates once while they write: every line is in one of the two files, once and whole.
     */
    @Test
    void concurrentWritersLoseNoLineAndSplitNone() throws Exception {
        int writers = 8;
        int linesEach = 500;
        String padding = "x".repeat(60);
        long total = (long) writers * linesEach * ("writer 0 line 000 ".length() + padding.length() + 1);
        RotatingFile one = file("LUA.OUT", total * 2 / 3);
        RotatingFile two = file("LUA.OUT", total * 2 / 3);

        writeConcurrently(writers, linesEach, padding, one, two);

        List<String> all = new ArrayList<>(lines("LUA.OUT.1"));
        all.addAll(lines("LUA.OUT"));
        assertThat(all).allMatch(line -> WRITER_LINE.matcher(line).matches());
        assertThat(all)
                .hasSize(writers * linesEach)
                .containsExactlyInAnyOrderElementsOf(IntStream.range(0, writers)
                        .boxed()
                        .flatMap(writer -> IntStream.range(0, linesEach)
                                .mapToObj(line -> String.format("writer %d line %03d %s", writer, line, padding)))
                        .collect(Collectors.toList()));
        assertThat(problems).isEmpty();
    }

    /**
     * With a small limit the file rotates some twenty times while the threads write. What is kept is then the
     * last lines written: of each writer, its last lines without a gap, every one whole, and no file over the limit.
     */
    @Test
    void concurrentWritersAcrossManyRotationsKeepEachWritersLastLinesWhole() throws Exception {
        int writers = 8;
        int linesEach = 500;
        long limit = 4096;
        RotatingFile one = file("LUA.OUT", limit);
        RotatingFile two = file("LUA.OUT", limit);

        writeConcurrently(writers, linesEach, "xx", one, two);

        assertThat(Files.size(folder.resolve("LUA.OUT"))).isLessThanOrEqualTo(limit);
        assertThat(Files.size(folder.resolve("LUA.OUT.1")))
                .isLessThanOrEqualTo(limit)
                .isGreaterThan(limit / 2);
        List<String> kept = new ArrayList<>(lines("LUA.OUT.1"));
        kept.addAll(lines("LUA.OUT"));
        assertThat(kept).allMatch(line -> WRITER_LINE.matcher(line).matches());
        for (int writer = 0; writer < writers; writer++) {
            List<Integer> numbers = lineNumbersOf(writer, kept);
            if (!numbers.isEmpty()) {
                int first = numbers.get(0);
                assertThat(numbers)
                        .as("writer %d's lines", writer)
                        .containsExactlyElementsOf(
                                IntStream.range(first, linesEach).boxed().collect(Collectors.toList()));
            }
        }
        assertThat(problems).isEmpty();
    }

    /** Run as root here, permissions stop nothing: a non-empty directory in the way is what no rename replaces. */
    @Test
    void aDotOneThatCannotBeReplacedStopsTheFileAtItsLimitWithOneProblemAndNoException() throws IOException {
        Files.createDirectories(folder.resolve("LUA.OUT.1/kept"));
        RotatingFile out = file("LUA.OUT", 20);

        for (int i = 1; i <= 10; i++) {
            out.append("line " + i);
        }

        assertThat(lines("LUA.OUT")).containsExactly("line 1", "line 2");
        assertThat(problems)
                .singleElement()
                .asString()
                .contains(folder.resolve("LUA.OUT") + " reached its limit of 20 bytes and cannot be renamed to"
                        + " LUA.OUT.1")
                .endsWith("its lines are dropped until it can be");

        Files.delete(folder.resolve("LUA.OUT.1/kept"));
        Files.delete(folder.resolve("LUA.OUT.1"));
        out.append("line 11");

        assertThat(lines("LUA.OUT.1")).containsExactly("line 1", "line 2");
        assertThat(lines("LUA.OUT")).containsExactly("line 11");
        assertThat(problems).hasSize(1);
    }

    // another process holding a lock on the file (james-lua-run stopped while rotating it) must not hold every
    // writer of James, its I/O thread among them, for as long: the line is dropped and the rename tried again later
    @Test
    void aFileLockedByAnotherProcessAtTheLimitDoesNotHoldTheWriter() throws Exception {
        RotatingFile out = file("LUA.OUT", 20);
        out.append("line 1");
        out.append("line 2");
        // another JVM, as the lock is per process: java runs a one-file program from source
        Path program = folder.resolve("LockHolder.java");
        Files.writeString(
                program,
                "import java.nio.channels.FileChannel;\n"
                        + "import java.nio.file.Path;\n"
                        + "import java.nio.file.StandardOpenOption;\n"
                        + "public class LockHolder {\n"
                        + "    public static void main(String[] args) throws Exception {\n"
                        + "        try (FileChannel file = FileChannel.open(Path.of(args[0]), StandardOpenOption.APPEND);\n"
                        + "                var lock = file.lock()) {\n"
                        + "            System.out.println(\"locked\");\n"
                        + "            System.out.flush();\n"
                        + "            System.in.read();\n"
                        + "        }\n"
                        + "    }\n"
                        + "}\n");
        Process holder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        program.toString(),
                        folder.resolve("LUA.OUT").toString())
                .start();
        try {
            assertThat(new java.io.BufferedReader(new java.io.InputStreamReader(holder.getInputStream())).readLine())
                    .isEqualTo("locked");

            assertTimeoutPreemptively(java.time.Duration.ofSeconds(20), () -> out.append("line 3"));
            assertThat(lines("LUA.OUT")).containsExactly("line 1", "line 2");
            assertThat(problems).singleElement().asString().contains("cannot be renamed");
        } finally {
            holder.destroy();
            holder.waitFor();
        }
        out.append("line 4");

        assertThat(lines("LUA.OUT.1")).containsExactly("line 1", "line 2");
        assertThat(lines("LUA.OUT")).containsExactly("line 4");
    }

    /**
     * The thread of a call James interrupts as it stops (its spooler's threads, after 5 s) writes the line that
     * reports the interrupted call: an interruptible channel refused it (ClosedByInterruptException) and the line
     * was lost. The interrupt is kept for the caller.
     */
    @Test
    void aLineWrittenByAnInterruptedThreadIsWrittenAndTheInterruptKept() throws IOException {
        RotatingFile log = file("LUAERRORS.LOG", 1000);
        log.append("before the stop");

        Thread.currentThread().interrupt();
        try {
            log.append("USER_REDIRECT.LUA MainDoRouting line 33 [RUNTIME]: os.sleep interrupted");
            log.append("at the limit, rotated".repeat(50));
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }

        assertThat(lines("LUAERRORS.LOG.1"))
                .containsExactly(
                        "before the stop", "USER_REDIRECT.LUA MainDoRouting line 33 [RUNTIME]: os.sleep interrupted");
        assertThat(lines("LUAERRORS.LOG")).containsExactly("at the limit, rotated".repeat(50));
        assertThat(problems).isEmpty();
    }

    @Test
    void aFileThatCannotBeWrittenIsReportedOnceUntilItIsWrittenAgain() throws IOException {
        Files.createDirectory(folder.resolve("LUAERRORS.LOG"));
        RotatingFile log = file("LUAERRORS.LOG", 1000);

        log.append("lost");
        log.append("lost too");
        Files.delete(folder.resolve("LUAERRORS.LOG"));
        log.append("written");
        Files.delete(folder.resolve("LUAERRORS.LOG"));
        Files.createDirectory(folder.resolve("LUAERRORS.LOG"));
        log.append("lost again");

        assertThat(problems)
                .hasSize(2)
                .allSatisfy(problem -> assertThat(problem)
                        .startsWith(folder.resolve("LUAERRORS.LOG") + " cannot be written (")
                        .endsWith("its lines are dropped until it can be"));
    }

    @Test
    void aFolderThatIsGoneDoesNotThrow() throws IOException {
        RotatingFile out = new RotatingFile(folder.resolve("gone/LUA.OUT"), 1000, problems::add);

        out.append("nowhere to go");

        assertThat(problems).singleElement().asString().contains("NoSuchFileException");
    }

    private RotatingFile file(String name, long limit) {
        return new RotatingFile(folder.resolve(name), limit, problems::add);
    }

    private List<String> lines(String name) throws IOException {
        return Files.readAllLines(folder.resolve(name), StandardCharsets.UTF_8);
    }

    /** Writer {@code w} writes its lines in order, through the first file if even, the second if odd. */
    private static void writeConcurrently(
            int writers, int linesEach, String padding, RotatingFile one, RotatingFile two) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(writers);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                RotatingFile file = writer % 2 == 0 ? one : two;
                done.add(threads.submit(() -> {
                    start.await();
                    for (int line = 0; line < linesEach; line++) {
                        file.append(String.format("writer %d line %03d %s", writer, line, padding));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            threads.shutdown();
        }
    }

    private static List<Integer> lineNumbersOf(int writer, List<String> lines) {
        List<Integer> numbers = new ArrayList<>();
        for (String line : lines) {
            Matcher matcher = WRITER_LINE.matcher(line);
            if (matcher.matches() && Integer.parseInt(matcher.group(1)) == writer) {
                numbers.add(Integer.parseInt(matcher.group(2)));
            }
        }
        return numbers;
    }
}
