package org.jameslua.smtp.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.codec.TooLongFrameException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.commons.configuration2.BaseConfiguration;
import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.handler.ConnectHandler;
import org.apache.james.protocols.netty.HandlerConstants;
import org.apache.james.protocols.netty.NettyProtocolTransport;
import org.apache.james.protocols.smtp.SMTPConfigurationImpl;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.SMTPSessionImpl;
import org.jameslua.engine.Limits;
import org.jameslua.engine.LuaEngine;
import org.jameslua.engine.ServerLimits;
import org.jameslua.engine.net.NetConfig;
import org.jameslua.james.LuaPackSettings;
import org.jameslua.james.ScriptCallCounts;
import org.jameslua.james.ScriptFailure;
import org.jameslua.james.ScriptMetrics;
import org.jameslua.james.script.ScriptCallers;
import org.jameslua.james.script.UncompiledScripts;
import org.jameslua.smtp.rbl.RblCheck;
import org.jameslua.smtp.session.JamesCore.Handled;
import org.jameslua.smtp.session.JamesCore.Stall;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The order {@link SessionWork} keeps, seen by a client: a real SessionWork between a framer (Netty's line decoder in
 * place of James's, whose STARTTLS check is James's own) and a stand-in for James's core handler ({@link JamesCore}),
 * on a channel whose I/O thread is the test's ({@link IoThread}: it runs what workers queue for it only when the test
 * says) and the pack's {@link SessionWorkers} with one worker. A line can be held on the worker ({@link
 * JamesCore#stallAt}); {@link #settle} waits for the worker, bounded, and runs the I/O thread's tasks until neither has
 * anything left.
 */
class SessionWorkTest {
    // DoNOOP makes NOOP a callback's command, run on a worker; RSET, HELO and unknown verbs call nothing
    private static final String NOOP_CALLS_THE_SCRIPT = "function DoNOOP() end\n";
    private static final long LOOK_MS = 10;

    @TempDir
    Path folder;

    private final IoThread io = new IoThread();
    private final List<Stall> stalls = new ArrayList<>();
    private LuaEngine engine;
    private SessionWorkers workers;
    private List<ConnectHandler<SMTPSession>> connectHandlers;
    private ScriptFailure scriptFailure = ScriptFailure.DEFAULT;
    // the DNS blocklists looked up at connect; their lookups go to a DNS server that answers no one (none listens)
    private List<String> blocklists = List.of();

    @AfterEach
    void close() {
        stalls.forEach(Stall::open);
        if (engine != null) {
            engine.close();
        }
    }

    /**
     * One client's connection: its channel, James's session over it, the stand-in's record, and the connect handlers'
     * work on connect as James's core handler calls them (the pack's ScriptSessionStart, which installs the session's
     * SessionWork, and ScriptBanner).
     */
    private final class Connection {
        final ClientChannel client = new ClientChannel();
        final JamesCore james = new JamesCore();
        final SMTPSessionImpl session;

        Connection() {
            this(client -> {});
        }

        /** {@code beforeConnect} acts on the client once its channel is up, before the connect handlers run. */
        Connection(Consumer<ClientChannel> beforeConnect) {
            client.pipeline().addLast(HandlerConstants.FRAMER, new LineBasedFrameDecoder(8192, false, false));
            client.pipeline().addLast(HandlerConstants.CORE_HANDLER, james);
            io.register(client);
            session = new SMTPSessionImpl(new NettyProtocolTransport(client, null, false), new SMTPConfigurationImpl());
            james.session(session);
            beforeConnect.accept(client);
            for (ConnectHandler<SMTPSession> handler : connectHandlers) {
                Response response = handler.onConnect(session);
                // James's JMX connect monitor reads every handler's answer
                assertThat(response).as("the answer of %s", handler).isNotNull();
                session.getProtocolTransport().writeResponse(response, session);
            }
        }

        Stall stallAt(String line) {
            Stall stall = james.stallAt(line);
            stalls.add(stall);
            return stall;
        }

        List<String> handled() {
            return james.handled().stream().map(handled -> handled.what).collect(Collectors.toList());
        }

        List<String> onWorkers() {
            return james.handled().stream()
                    .filter(Handled::onWorker)
                    .map(handled -> handled.what)
                    .collect(Collectors.toList());
        }

        /** The banner, then {@code replies}. */
        List<String> bannerAnd(String... replies) {
            List<String> all = new ArrayList<>(List.of(client.replies().get(0)));
            all.addAll(List.of(replies));
            return all;
        }
    }

    private Connection connect(String script) throws Exception {
        script(script);
        Connection connection = new Connection();
        settle();
        assertThat(connection.client.replies()).hasSize(1).first().asString().startsWith("220 ");
        return connection;
    }

    private void script(String script) throws Exception {
        Files.writeString(folder.resolve(ScriptSession.SCRIPT), script);
        engine = LuaEngine.builder(folder).build();
        LuaPackSettings settings = settings();
        workers = new SessionWorkers(settings, new RecordingMetricFactory());
        ScriptSessionStart start = new ScriptSessionStart(
                engine,
                settings,
                new ScriptCallers(new ScriptMetrics(new RecordingMetricFactory(), new ScriptCallCounts())),
                workers,
                new UncompiledScripts(engine));
        start.init(new BaseConfiguration());
        connectHandlers = List.of(start, new ScriptBanner(new RblCheck(settings)));
    }

    private LuaPackSettings settings() {
        return new LuaPackSettings(
                folder,
                Limits.defaults(),
                ServerLimits.defaults(),
                blocklists.isEmpty()
                        ? NetConfig.defaults()
                        : new NetConfig(List.of("127.0.0.1"), Duration.ofSeconds(2), 4096),
                scriptFailure,
                1,
                blocklists,
                List.of());
    }

    /** Waits for the worker to finish, then runs the I/O thread's tasks, until neither has anything left. */
    private void settle() {
        do {
            awaitWorkerFinished();
        } while (io.runTasks());
    }

    private void awaitWorkerFinished() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!workers.anyFree()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the worker did not finish within 10 s");
            }
            LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(100));
        }
    }

    // the time after which a session whose client is behind looks again whether it takes its replies; the look runs
    // with the I/O thread's other tasks
    private void nextLook() {
        io.advanceTimeBy(LOOK_MS, TimeUnit.MILLISECONDS);
    }

    @Nested
    class PipelinedLines {
        @Test
        void areAnsweredInOrderWhetherTheyRunOnTheIoThreadOrAWorker() throws Exception {
            Connection connection = connect(NOOP_CALLS_THE_SCRIPT);
            Stall noop = connection.stallAt("NOOP");

            connection.client.sends("HELO a\r\nNOOP\r\nRSET\r\nHELO b\r\n");
            noop.awaitReached();

            assertThat(connection.client.replies()).isEqualTo(connection.bannerAnd("250 HELO a"));
            noop.open();
            settle();
            assertThat(connection.client.replies())
                    .isEqualTo(connection.bannerAnd("250 HELO a", "250 NOOP", "250 RSET", "250 HELO b"));
            // behind a worker's line, lines that call no script go to the worker too
            assertThat(connection.onWorkers()).containsExactly("NOOP", "RSET", "HELO b");

            // the worker's replies written, the session runs such a line on the I/O thread again, at once
            connection.client.sends("RSET\r\n");
            assertThat(connection.client.replies()).last().isEqualTo("250 RSET");
            assertThat(connection.onWorkers()).containsExactly("NOOP", "RSET", "HELO b");
        }

        @Test
        void aLineArrivingOnceTheWorkerFinishedWaitsForItsRepliesToBeWritten() throws Exception {
            Connection connection = connect(NOOP_CALLS_THE_SCRIPT);

            connection.client.sends("NOOP\r\n");
            awaitWorkerFinished();
            // NOOP's reply is queued on the I/O thread, not written yet
            connection.client.sends("RSET\r\n");

            assertThat(connection.handled()).containsExactly("NOOP");
            settle();
            assertThat(connection.client.replies()).isEqualTo(connection.bannerAnd("250 NOOP", "250 RSET"));
            // held on the I/O thread, not handed to a worker
            assertThat(connection.onWorkers()).containsExactly("NOOP");
        }

        @Test
        void heldLinesBehindOneThatGoesToAWorkerFollowItThere() throws Exception {
            Connection connection = connect(NOOP_CALLS_THE_SCRIPT);
            connection.client.sends("NOOP 1\r\n");
            awaitWorkerFinished();
            Stall second = connection.stallAt("NOOP 2");
            connection.client.sends("NOOP 2\r\nRSET\r\n");

            // NOOP 1's reply, then the held lines: NOOP 2 to the worker, RSET behind it, while it works
            io.runTasks();
            second.awaitReached();
            assertThat(connection.client.replies()).isEqualTo(connection.bannerAnd("250 NOOP 1"));
            second.open();
            settle();
            assertThat(connection.client.replies())
                    .isEqualTo(connection.bannerAnd("250 NOOP 1", "250 NOOP 2", "250 RSET"));
            assertThat(connection.onWorkers()).containsExactly("NOOP 1", "NOOP 2", "RSET");
        }

        @Test
        void quitArrivingOnceTheWorkerFinishedClosesOnlyAfterTheWorkersReply() throws Exception {
            Connection connection = connect(NOOP_CALLS_THE_SCRIPT);

            connection.client.sends("NOOP\r\n");
            awaitWorkerFinished();
            connection.client.sends("QUIT\r\n");

            assertThat(connection.client.isOpen()).isTrue();
            settle();
            assertThat(connection.client.replies()).isEqualTo(connection.bannerAnd("250 NOOP", "221 bye"));
            assertThat(connection.client.isOpen()).isFalse();
        }
    }

    @Nested
    class Connect {
        @Test
        void aScriptThatRunsNothingAtConnectHasItsBannerWrittenAtOnceOnTheIoThread() throws Exception {
            script(NOOP_CALLS_THE_SCRIPT);

            Connection connection = new Connection();

            assertThat(connection.client.replies())
                    .hasSize(1)
                    .first()
                    .asString()
                    .startsWith("220 ");
        }

        @Test
        void startsReplyReplacesTheBannerAndSeesTheClientsGlobals() throws Exception {
            script("function Start() return '220 hello ' .. IPAddress .. ' ' .. tostring(CheckRBL) end\n");

            Connection connection = new Connection();
            // Start() runs on a worker, which writes the banner
            assertThat(connection.client.replies()).isEmpty();
            settle();

            assertThat(connection.client.replies()).containsExactly("220 hello 192.0.2.7 true");
            assertThat(connection.client.isOpen()).isTrue();
        }

        @Test
        void startsEmptyReplyOrAnIntermediateOneKeepsJamesBanner() throws Exception {
            for (String reply : List.of("''", "'354 go on'")) {
                script("function Start() return " + reply + " end\n");

                Connection connection = new Connection();
                settle();

                assertThat(connection.client.replies())
                        .hasSize(1)
                        .first()
                        .asString()
                        .startsWith(
                                "220 " + connection.session.getConfiguration().getHelloName() + " ");
                assertThat(connection.client.isOpen()).isTrue();
                engine.close();
            }
        }

        @Test
        void aRefusalFromStartIsSentAndClosesTheConnection() throws Exception {
            script("function Start() return '554 5.7.1 not here' end\n");

            Connection connection = new Connection();
            settle();

            assertThat(connection.client.replies()).containsExactly("554 5.7.1 not here");
            assertThat(connection.client.isOpen()).isFalse();
        }

        @Test
        void aFailingStartUnderTempfailIsAnswered421() throws Exception {
            scriptFailure = ScriptFailure.TEMPFAIL;
            script("function Start() error('broken') end\n");

            Connection connection = new Connection();
            settle();

            assertTempFailed(connection);
        }

        @Test
        void aScriptThatNeverCompiledIsAnswered421UnderTempfailAndIgnoredOtherwise() throws Exception {
            scriptFailure = ScriptFailure.TEMPFAIL;
            script("function Start( end\n");

            Connection refused = new Connection();
            settle();
            assertTempFailed(refused);
            engine.close();

            scriptFailure = ScriptFailure.DEFAULT;
            script("function Start( end\n");
            Connection served = new Connection();
            settle();
            assertThat(served.client.replies()).hasSize(1).first().asString().startsWith("220 ");
            assertThat(served.client.isOpen()).isTrue();
        }

        @Test
        void underTempfailTheConnectWorkRunsOnAWorkerEvenForAScriptThatRunsNothingThere() throws Exception {
            // the check whether SMTPSVR.LUA ever compiled reads the file: not for the I/O thread
            scriptFailure = ScriptFailure.TEMPFAIL;
            script(NOOP_CALLS_THE_SCRIPT);

            Connection connection = new Connection();
            assertThat(connection.client.replies()).isEmpty();
            settle();

            assertThat(connection.client.replies())
                    .hasSize(1)
                    .first()
                    .asString()
                    .startsWith("220 ");
        }

        @Test
        void getMaxMessageSizeIsAskedAtConnectOnAWorkerWithTheClientsAddress() throws Exception {
            script("function GetMaxMessageSize(host, current)\n"
                    + "  if host == '192.0.2.7' then return 1000 + current end\n"
                    + "end\n");

            Connection connection = new Connection();
            assertThat(connection.client.replies()).isEmpty();
            settle();

            assertThat(connection.client.replies()).hasSize(1);
            assertThat(new SessionSizeLimit().getImplementedEsmtpFeatures(connection.session))
                    .containsExactly("SIZE 1000");
        }

        @Test
        void whatStartSetsOfTheRelayGlobalsIsReadBack() throws Exception {
            script("function Start() LocalClientAddress = true end\n");

            Connection connection = new Connection();
            settle();

            assertThat(connection.session.isRelayingAllowed()).isTrue();
        }

        @Test
        void rblResultsReplyReplacesTheBannerOnceTheLookupsAreMade() throws Exception {
            blocklists = List.of("bl.example");
            // what the lookups found replaces what Start left
            script("function Start() RBLFound = true end\n"
                    + "function RBLResults() return '554 5.7.1 looked up, found: ' .. tostring(RBLFound) end\n");

            Connection connection = new Connection();
            assertThat(connection.client.replies()).isEmpty();
            settle();

            assertThat(connection.client.replies()).containsExactly("554 5.7.1 looked up, found: false");
            assertThat(connection.client.isOpen()).isFalse();
        }

        @Test
        void noLookupIsMadeWhenStartRefusesOrTurnsTheCheckOff() throws Exception {
            blocklists = List.of("bl.example");
            for (String start : List.of("return '554 5.7.1 not here'", "CheckRBL = false")) {
                script("function Start() " + start + " end\n"
                        + "function RBLResults() return '550 5.7.1 looked up' end\n");

                Connection connection = new Connection();
                settle();

                assertThat(connection.client.replies())
                        .hasSize(1)
                        .first()
                        .asString()
                        .doesNotContain("looked up");
                engine.close();
            }
        }

        @Test
        void anUnusableGlobalLeftByACallbackIsReportedToTheOperator() throws Exception {
            script("function Start() LocalClientAddress = 'yes'; CheckRBL = 'no' end\n");

            new Connection();
            settle();

            assertThat(Files.readString(folder.resolve("LUAERRORS.LOG"))).contains("LocalClientAddress", "CheckRBL");
        }

        private void assertTempFailed(Connection connection) {
            assertThat(connection.client.replies())
                    .containsExactly(
                            "421 4.3.0 " + connection.session.getConfiguration().getHelloName()
                                    + " Service temporarily unavailable, please try again later");
            assertThat(connection.client.isOpen()).isFalse();
        }

        @Test
        void aLineSentBeforeTheBannerIsAnsweredAfterIt() throws Exception {
            script(NOOP_CALLS_THE_SCRIPT + "function Start() end\n");
            Connection connection = new Connection();
            assertThat(connection.client.replies()).isEmpty();
            // Start() has run and the banner waits for the I/O thread: a client not yet sent it is behind (had the line
            // come while Start() ran, it would have waited for it on the worker, which passed or failed by the race)
            awaitWorkerFinished();

            connection.client.sends("RSET\r\n");
            settle();
            nextLook();
            settle();

            assertThat(connection.client.replies()).hasSize(2);
            assertThat(connection.client.replies()).isEqualTo(connection.bannerAnd("250 RSET"));
        }
    }

    @Nested
    class AMessage {
        @Test
        void hasItsLinesHandledOnTheIoThreadWhateverTheyLookLike() throws Exception {
            Connection connection = connect(NOOP_CALLS_THE_SCRIPT);

            connection.client.sends("DATA\r\n");
            connection.client.sends("Subject: NOOP\r\n\r\nNOOP\r\n.\r\n");

            assertThat(connection.client.replies())
                    .isEqualTo(connection.bannerAnd("354 go ahead", "250 message queued"));
            assertThat(connection.onWorkers()).isEmpty();
        }

        @Test
        void hasItsEndHandledOnAWorkerWhenTheScriptReadsIt() throws Exception {
            Connection connection = connect(NOOP_CALLS_THE_SCRIPT + "function ProcessMessage() end\n");

            connection.client.sends("DATA\r\n");
            connection.client.sends("Subject: NOOP\r\n\r\nNOOP\r\n.\r\n");
            settle();

            assertThat(connection.client.replies())
                    .isEqualTo(connection.bannerAnd("354 go ahead", "250 message queued"));
            assertThat(connection.onWorkers()).containsExactly(".");
            // the message ended, NOOP is a command again
            connection.client.sends("NOOP\r\n");
            settle();
            assertThat(connection.onWorkers()).containsExactly(".", "NOOP");
        }
    }

    @Nested
    class WaitingLines {
        private static final int MAX_WAITING = 256;

        private String noops(int from, int to) {
            return IntStream.range(from, to).mapToObj(i -> "NOOP " + i + "\r\n").collect(Collectors.joining());
        }

        private List<String> noopReplies(int from, int to) {
            return IntStream.range(from, to).mapToObj(i -> "250 NOOP " + i).collect(Collectors.toList());
        }

        @Test
        void moreThan256StopTheReadingUntilTheWorkerHasCaughtUp() throws Exception {
            Connection connection = connect(NOOP_CALLS_THE_SCRIPT);
            Stall first = connection.stallAt("NOOP 0");
            connection.client.sends(noops(0, 1));
            first.awaitReached();

            connection.client.sends(noops(1, MAX_WAITING));
            assertThat(connection.client.reads()).as("256 lines waiting").isTrue();
            connection.client.sends(noops(MAX_WAITING, MAX_WAITING + 1));
            assertThat(connection.client.reads()).as("257 lines waiting").isFalse();

            first.open();
            settle();
            assertThat(connection.client.replies())
                    .isEqualTo(
                            connection.bannerAnd(noopReplies(0, MAX_WAITING + 1).toArray(String[]::new)));
            assertThat(connection.client.reads()).isTrue();
        }

        @Test
        void aLineReadBehindThe257thWaitsForTheWorkerToCatchUp() throws Exception {
            Connection connection = connect(NOOP_CALLS_THE_SCRIPT);
            Stall first = connection.stallAt("NOOP 0");
            connection.client.sends(noops(0, 1));
            first.awaitReached();

            connection.client.sends(noops(1, MAX_WAITING + 2));
            first.open();
            settle();
            assertThat(connection.client.replies())
                    .isEqualTo(
                            connection.bannerAnd(noopReplies(0, MAX_WAITING + 1).toArray(String[]::new)));
            assertThat(connection.client.reads()).isFalse();
            nextLook();
            settle();
            assertThat(connection.client.replies())
                    .isEqualTo(
                            connection.bannerAnd(noopReplies(0, MAX_WAITING + 2).toArray(String[]::new)));
            assertThat(connection.client.reads()).isTrue();
        }

        @Test
        void aLineWaitingForAWorkerHoldsNoneOfTheBufferItWasReadInto() throws Exception {
            Connection connection = connect(NOOP_CALLS_THE_SCRIPT);
            Stall noop = connection.stallAt("NOOP");

            ByteBuf read = connection.client.sends("NOOP\r\nRSET\r\n");
            noop.awaitReached();

            assertThat(read.refCnt()).isZero();
            noop.open();
            settle();
            assertThat(connection.client.replies()).isEqualTo(connection.bannerAnd("250 NOOP", "250 RSET"));
        }
    }

    @Nested
    class AClientNotTakingItsReplies {
        @Test
        void hasItsLinesWaitUntilItTakesThemThenServedInOrder() throws Exception {
            Connection connection = connect(NOOP_CALLS_THE_SCRIPT);
            connection.client.stopsTakingReplies();

            connection.client.sends("RSET\r\nHELO a\r\nNOOP\r\n");

            assertThat(connection.handled()).containsExactly("RSET");
            assertThat(connection.client.reads()).isFalse();
            nextLook();
            settle();
            assertThat(connection.handled()).containsExactly("RSET");

            connection.client.takesReplies();
            assertThat(connection.client.replies()).isEqualTo(connection.bannerAnd("250 RSET"));
            assertThat(connection.handled()).containsExactly("RSET");
            nextLook();
            settle();
            assertThat(connection.client.replies())
                    .isEqualTo(connection.bannerAnd("250 RSET", "250 HELO a", "250 NOOP"));
            assertThat(connection.onWorkers()).containsExactly("NOOP");
            assertThat(connection.client.reads()).isTrue();
        }

        @Test
        void aHeldLineWaitsUntilTheClientTakesTheRepliesBeforeIt() throws Exception {
            Connection connection = connect(NOOP_CALLS_THE_SCRIPT);
            connection.client.stopsTakingReplies();
            connection.client.sends("NOOP\r\n");
            awaitWorkerFinished();
            connection.client.sends("RSET\r\n");

            settle();
            assertThat(connection.handled()).containsExactly("NOOP");
            assertThat(connection.client.reads()).isFalse();
            connection.client.takesReplies();
            nextLook();
            settle();
            assertThat(connection.client.replies()).isEqualTo(connection.bannerAnd("250 NOOP", "250 RSET"));
            assertThat(connection.onWorkers()).containsExactly("NOOP");
            assertThat(connection.client.reads()).isTrue();
        }

        @Test
        void heldLinesGoBeforeTheLinesWaitingForTheClient() throws Exception {
            Connection connection = connect(NOOP_CALLS_THE_SCRIPT);
            connection.client.stopsTakingReplies();
            connection.client.sends("NOOP\r\n");
            awaitWorkerFinished();
            // held: the worker has finished, its reply is not written
            connection.client.sends("RSET\r\n");
            // the I/O thread writes NOOP's reply, which the client does not take, then reads again before going on
            assertThat(io.runNextTask()).isTrue();
            connection.client.sends("HELO a\r\n");
            assertThat(connection.client.reads()).isFalse();

            settle();
            assertThat(connection.handled()).containsExactly("NOOP");
            connection.client.takesReplies();
            nextLook();
            settle();
            assertThat(connection.client.replies())
                    .isEqualTo(connection.bannerAnd("250 NOOP", "250 RSET", "250 HELO a"));
            assertThat(connection.client.reads()).isTrue();
        }
    }

    @Nested
    class StartTls {
        @Test
        void nothingIsReadUntilItsReplyIsWritten() throws Exception {
            Connection connection = connect(NOOP_CALLS_THE_SCRIPT);

            connection.client.sends("STARTTLS\r\n");
            assertThat(connection.client.reads()).isFalse();
            awaitWorkerFinished();
            assertThat(connection.client.reads()).isFalse();
            // the worker's reply first, then the reading
            assertThat(io.runNextTask()).isTrue();
            assertThat(connection.client.replies()).isEqualTo(connection.bannerAnd("220 ready to start TLS"));
            assertThat(connection.client.reads()).isFalse();
            settle();
            assertThat(connection.client.reads()).isTrue();

            // James may read any later line with a line handler of its own: each goes to a worker
            connection.client.sends("RSET\r\n");
            settle();
            assertThat(connection.onWorkers()).containsExactly("STARTTLS", "RSET");
        }
    }

    @Nested
    class TheEndOfTheConnection {
        @Test
        void theClientsEndOfInputComesAfterTheLinesWaitingForAWorker() throws Exception {
            Connection connection = connect(NOOP_CALLS_THE_SCRIPT);
            Stall noop = connection.stallAt("NOOP");
            connection.client.sends("NOOP\r\nRSET\r\n");
            noop.awaitReached();

            connection.client.shutsItsOutput();
            io.runTasks();
            assertThat(connection.client.isOpen()).isTrue();
            noop.open();
            settle();
            assertThat(connection.client.replies()).isEqualTo(connection.bannerAnd("250 NOOP", "250 RSET"));
            assertThat(connection.client.isOpen()).isFalse();
            assertThat(connection.handled()).containsExactly("NOOP", "RSET", JamesCore.END);
        }

        @Test
        void theClientsEndOfInputOnceTheWorkerFinishedComesAfterItsReply() throws Exception {
            Connection connection = connect(NOOP_CALLS_THE_SCRIPT);
            connection.client.sends("NOOP\r\n");
            awaitWorkerFinished();

            connection.client.shutsItsOutput();
            assertThat(connection.client.isOpen()).isTrue();
            settle();

            assertThat(connection.client.replies()).isEqualTo(connection.bannerAnd("250 NOOP"));
            assertThat(connection.client.isOpen()).isFalse();
        }

        @Test
        void theClientsEndOfInputComesAfterTheLinesWaitingForTheClient() throws Exception {
            Connection connection = connect(NOOP_CALLS_THE_SCRIPT);
            connection.client.stopsTakingReplies();
            connection.client.sends("RSET\r\nHELO a\r\n");

            connection.client.shutsItsOutput();
            settle();
            assertThat(connection.client.isOpen()).isTrue();
            connection.client.takesReplies();
            nextLook();
            settle();
            assertThat(connection.client.replies()).isEqualTo(connection.bannerAnd("250 RSET", "250 HELO a"));
            assertThat(connection.client.isOpen()).isFalse();
        }

        @Test
        void aResetConnectionEndsAfterTheLineAtWorkAndDropsTheLinesWaiting() throws Exception {
            Connection connection = connect(NOOP_CALLS_THE_SCRIPT);
            Stall noop = connection.stallAt("NOOP");
            connection.client.sends("NOOP\r\nRSET\r\n");
            noop.awaitReached();

            connection.client.resets();
            io.runTasks();
            assertThat(connection.client.isOpen()).isFalse();
            assertThat(connection.handled()).containsExactly("NOOP");
            noop.open();
            settle();
            assertThat(connection.handled()).containsExactly("NOOP", "(error Connection reset by peer)", JamesCore.END);
        }

        @Test
        void aResetOnceTheWorkerFinishedEndsTheSessionAfterItsWork() throws Exception {
            Connection connection = connect(NOOP_CALLS_THE_SCRIPT);
            connection.client.sends("NOOP\r\n");
            awaitWorkerFinished();

            // the error is held for NOOP's replies, then the end for the error
            connection.client.resets();
            settle();

            assertThat(connection.handled()).containsExactly("NOOP", "(error Connection reset by peer)", JamesCore.END);
        }

        @Test
        void theEndComesAfterTheLinesWaitingForTheClient() throws Exception {
            Connection connection = connect(NOOP_CALLS_THE_SCRIPT);
            connection.client.stopsTakingReplies();
            connection.client.sends("RSET\r\nHELO a\r\n");

            connection.client.resets();
            settle();
            // nobody is left to answer: the waiting line is dropped, then the error and the end come in order
            assertThat(connection.handled()).containsExactly("RSET", "(error Connection reset by peer)", JamesCore.END);
        }

        @Test
        void anotherEventGoesOnToJamesAtOnce() throws Exception {
            Connection connection = connect(NOOP_CALLS_THE_SCRIPT);
            Stall noop = connection.stallAt("NOOP");
            connection.client.sends("NOOP\r\n");
            noop.awaitReached();

            connection.client.pipeline().fireUserEventTriggered("idle");

            assertThat(connection.handled()).containsExactly("NOOP", "(event idle)");
            noop.open();
            settle();
        }

        @Test
        void withoutEndInTheScriptTheEndRunsOnTheIoThread() throws Exception {
            Connection connection = connect(NOOP_CALLS_THE_SCRIPT);

            connection.client.sends("QUIT\r\n");
            settle();

            assertThat(connection.client.replies()).isEqualTo(connection.bannerAnd("221 bye"));
            assertThat(connection.handled()).containsExactly("QUIT", JamesCore.END);
            assertThat(connection.onWorkers()).isEmpty();
        }

        @Test
        void endInTheScriptRunsOnAWorker() throws Exception {
            Connection connection = connect("function End() end\n");

            connection.client.sends("QUIT\r\n");
            settle();

            assertThat(connection.handled()).containsExactly("QUIT", JamesCore.END);
            assertThat(connection.onWorkers()).containsExactly(JamesCore.END);
        }
    }

    @Nested
    class Errors {
        @Test
        void anErrorComesAfterTheLinesWaitingForAWorker() throws Exception {
            Connection connection = connect(NOOP_CALLS_THE_SCRIPT);
            Stall noop = connection.stallAt("NOOP");
            connection.client.sends("NOOP\r\nRSET\r\n");
            noop.awaitReached();

            connection.client.pipeline().fireExceptionCaught(new TooLongFrameException("line too long"));
            noop.open();
            settle();

            assertThat(connection.client.replies())
                    .isEqualTo(connection.bannerAnd("250 NOOP", "250 RSET", "451 line too long"));
        }

        @Test
        void aFailingLineOnAWorkerStopsNoLaterWork() throws Exception {
            Connection connection = connect(NOOP_CALLS_THE_SCRIPT);
            Stall noop = connection.stallAt("NOOP");
            connection.client.sends("NOOP\r\nBREAK\r\nCRASH\r\nRSET\r\n");
            noop.awaitReached();

            noop.open();
            settle();

            assertThat(connection.client.replies())
                    .isEqualTo(connection.bannerAnd("250 NOOP", "451 broken", "250 RSET"));
            assertThat(connection.onWorkers()).containsExactly("NOOP", "BREAK", "(error broken)", "CRASH", "RSET");
        }

        @Test
        void aHeldLineThatCrashesStopsNoLaterLine() throws Exception {
            Connection connection = connect(NOOP_CALLS_THE_SCRIPT);
            connection.client.sends("NOOP\r\n");
            awaitWorkerFinished();

            connection.client.sends("CRASH\r\nRSET\r\n");
            settle();

            assertThat(connection.client.replies()).isEqualTo(connection.bannerAnd("250 NOOP", "250 RSET"));
            assertThat(connection.handled()).containsExactly("NOOP", "CRASH", "RSET");
        }

        @Test
        void aLineThatCrashesWhileTheClientWasBehindStopsNoLaterLine() throws Exception {
            Connection connection = connect(NOOP_CALLS_THE_SCRIPT);
            connection.client.stopsTakingReplies();
            connection.client.sends("RSET\r\nCRASH\r\nHELO a\r\n");

            connection.client.takesReplies();
            nextLook();
            settle();

            assertThat(connection.client.replies()).isEqualTo(connection.bannerAnd("250 RSET", "250 HELO a"));
            assertThat(connection.client.reads()).isTrue();
        }
    }

    @Nested
    class NoWorkerFree {
        // Start() runs before the banner: the connect work goes to a worker
        private static final String START_CALLS_THE_SCRIPT = NOOP_CALLS_THE_SCRIPT + "function Start() end\n";
        private Stall busy;

        private void takeTheWorker(String script) throws Exception {
            Connection other = connect(script);
            busy = other.stallAt("NOOP");
            other.client.sends("NOOP\r\n");
            busy.awaitReached();
        }

        private void assertTurnedAway(Connection connection) {
            assertThat(connection.client.replies())
                    .containsExactly(
                            "421 4.3.2 " + connection.session.getConfiguration().getHelloName()
                                    + " Too busy, please try again later");
            assertThat(connection.client.isOpen()).isFalse();
            io.runTasks();
            // its end runs at once, on the I/O thread: it does not wait for the busy worker
            assertThat(connection.handled()).containsExactly(JamesCore.END);
            assertThat(connection.onWorkers()).isEmpty();
            busy.open();
            settle();
            assertThat(connection.handled()).containsExactly(JamesCore.END);
            assertThat(connection.client.replies()).hasSize(1);
        }

        @Test
        void aNewSessionWhoseConnectWorkCallsTheScriptIsAnswered421AndNothingElseRuns() throws Exception {
            takeTheWorker(START_CALLS_THE_SCRIPT);

            assertTurnedAway(new Connection());
        }

        @Test
        void aNewSessionWhoseConnectWorkRunsNoScriptIsTurnedAwayToo() throws Exception {
            // End() is not connect work: the session is admitted on the I/O thread, or turned away there
            takeTheWorker(NOOP_CALLS_THE_SCRIPT + "function End() end\n");

            assertTurnedAway(new Connection());
        }

        @Test
        void aTurnedAwaySessionLetsItsScriptInstanceGoAndAnAdmittedOneKeepsIt() throws Exception {
            takeTheWorker(START_CALLS_THE_SCRIPT);
            long charged = engine.retainedMemory().charged();

            assertTurnedAway(new Connection());
            // what the instance made for it keeps is no longer charged to the scripts' memory bound
            assertThat(engine.retainedMemory().charged()).isEqualTo(charged);

            Connection admitted = new Connection();
            settle();
            assertThat(admitted.client.replies()).hasSize(1);
            assertThat(engine.retainedMemory().charged()).isGreaterThan(charged);
        }

        @Test
        void aTurnedAwaySessionWhoseConnectWorkRunsNoScriptLetsItsScriptInstanceGo() throws Exception {
            takeTheWorker(NOOP_CALLS_THE_SCRIPT);
            long charged = engine.retainedMemory().charged();

            assertTurnedAway(new Connection());

            assertThat(engine.retainedMemory().charged()).isEqualTo(charged);
        }

        @Test
        void anErrorOfATurnedAwaySessionGoesToJamesAtOnce() throws Exception {
            takeTheWorker(START_CALLS_THE_SCRIPT);
            Connection connection = new Connection(ClientChannel::stopsTakingReplies);

            connection.client.pipeline().fireExceptionCaught(new TooLongFrameException("line too long"));

            assertThat(connection.handled()).containsExactly("(error line too long)");
            assertThat(connection.onWorkers()).isEmpty();
        }

        @Test
        void whatATurnedAwayClientSendsBeforeItsConnectionClosesIsDropped() throws Exception {
            takeTheWorker(START_CALLS_THE_SCRIPT);
            Connection connection = new Connection(ClientChannel::stopsTakingReplies);
            // the 421 waits for the client to take it, and the close for the 421
            assertThat(connection.client.isOpen()).isTrue();

            connection.client.sends("HELO a\r\nQUIT\r\n");
            connection.client.takesReplies();

            assertTurnedAway(connection);
        }
    }
}
