package org.jameslua.smtp.session;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.api.ProtocolSession.State;
import org.apache.james.protocols.smtp.SMTPSession;
import org.jameslua.engine.ScriptInstance;
import org.jameslua.engine.message.MessageAccess;
import org.jameslua.james.LuaPackSettings;
import org.jameslua.james.script.ScriptCaller;
import org.jameslua.james.script.ScriptFailedException;
import org.jameslua.smtp.globals.RelayGlobals;
import org.jameslua.smtp.rbl.RblGlobals;
import org.jameslua.smtp.reply.Reply;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * One SMTP connection's {@code SMTPSVR.LUA} instance and what the pack's handlers share about it, kept as a
 * connection attachment of James's session from connect to disconnect. A session's work runs one piece at a
 * time ({@link SessionWork}), so handlers never use it concurrently.
 */
public final class ScriptSession {
    public static final String SCRIPT = "SMTPSVR.LUA";
    static final String END = "End";

    private static final ProtocolSession.AttachmentKey<ScriptSession> KEY =
            ProtocolSession.AttachmentKey.of("org.jameslua.smtp.session.ScriptSession", ScriptSession.class);

    /** The command whose James reply a pending script reply waits for. */
    public enum Stage {
        MAIL,
        RCPT,
        DATA,
        MESSAGE
    }

    private final SMTPSession session;
    private final ScriptInstance instance;
    private final ScriptCaller caller;
    private final RelayGlobals relay = new RelayGlobals();
    private final RblGlobals rbl = new RblGlobals();
    private final Map<Stage, Reply> pending = new EnumMap<>(Stage.class);
    private long maxMessageSize;
    private String commandArgument = "";
    private String commandLine = "";

    private ScriptSession(SMTPSession session, ScriptInstance instance, ScriptCaller caller) {
        this.session = session;
        this.instance = instance;
        this.caller = caller.afterEachCall(this::readBack);
        this.maxMessageSize = Math.max(0, session.getConfiguration().getMaxMessageSize());
    }

    /**
     * Attaches a new session's instance to it and gives the script its globals; {@code caller} calls the script
     * under {@code script.failure}'s policy.
     */
    static ScriptSession start(
            SMTPSession session, ScriptInstance instance, ScriptCaller caller, LuaPackSettings settings) {
        ScriptSession scriptSession = new ScriptSession(session, instance, caller);
        scriptSession.relay.install(instance, session);
        scriptSession.rbl.install(instance, settings, clientAddress(session), scriptSession.relay.isLocalClient());
        session.setAttachment(KEY, scriptSession, State.Connection);
        return scriptSession;
    }

    public static Optional<ScriptSession> of(ProtocolSession session) {
        return session.getAttachment(KEY, State.Connection);
    }

    /** Detaches the instance, for the end of the connection. */
    static Optional<ScriptSession> detach(ProtocolSession session) {
        return session.removeAttachment(KEY, State.Connection);
    }

    /**
     * Calls a callback and reads what it returned ({@code reader} gives null for "no opinion", throws
     * {@link org.jameslua.james.script.BadReturn} for a return it cannot use). Not defined, no opinion, or failed or
     * returning something unusable with {@code script.failure=default}: James's default. Failed or returning
     * something unusable with {@code script.failure=tempfail} (or, then, SMTPSVR.LUA never compiled): a temporary
     * failure. The IN/OUT globals are read back after every call of a defined callback, a failed one too.
     */
    public <T> Answer<T> ask(String function, Function<Varargs, T> reader, LuaValue... args) {
        // most commands of most sessions: nothing to run, so no global to set for it
        return caller.finds(instance, function)
                ? call(function, reader, LuaValue.varargsOf(args))
                : Answer.useDefault();
    }

    /**
     * As {@link #ask}, its arguments made by {@code args} only when the call will happen: for arguments that cost
     * something to build (tables, parsed parameters), which most sessions' scripts never see.
     */
    public <T> Answer<T> askLazily(String function, Function<Varargs, T> reader, Supplier<Varargs> args) {
        return caller.finds(instance, function) ? call(function, reader, args.get()) : Answer.useDefault();
    }

    private <T> Answer<T> call(String function, Function<Varargs, T> reader, Varargs args) {
        relay.beforeCall(instance, session);
        return answer(() -> caller.call(instance, function, args, reader));
    }

    /** As {@link #ask}, with the ProcessMessage helpers bound to the message. */
    public <T> Answer<T> askAbout(
            MessageAccess message, String function, Function<Varargs, T> reader, LuaValue... args) {
        if (!caller.finds(instance, function)) {
            return Answer.useDefault();
        }
        relay.beforeCall(instance, session);
        return answer(() -> caller.callWithMessage(instance, message, function, LuaValue.varargsOf(args), reader));
    }

    public boolean defines(String function) {
        return instance.defines(function);
    }

    /** Records a problem with what a callback returned, in LUAERRORS.LOG and the metrics. */
    public void badReturn(String function, String problem) {
        caller.badReturn(instance, function, problem);
    }

    /** Calls End() and lets the instance go. */
    void end() {
        try {
            ask(END, values -> null);
        } finally {
            instance.close();
        }
    }

    /** The IN/OUT globals as the callback left them. */
    private void readBack(ScriptInstance called, String function) {
        // an instance emptied for keeping too much has no globals left to read
        if (!called.isEmptied()) {
            relay.readBack(called, session, problem -> badReturn(function, problem));
            rbl.readBack(called, problem -> badReturn(function, problem));
        }
    }

    private static <T> Answer<T> answer(Supplier<Optional<T>> call) {
        try {
            return call.get().map(Answer::of).orElseGet(Answer::useDefault);
        } catch (ScriptFailedException e) {
            return Answer.tempFail();
        }
    }

    public SMTPSession smtpSession() {
        return session;
    }

    public RelayGlobals relay() {
        return relay;
    }

    public RblGlobals rbl() {
        return rbl;
    }

    ScriptInstance instance() {
        return instance;
    }

    public String clientAddress() {
        return clientAddress(session);
    }

    /** The session's message size limit in bytes; 0 is none. */
    public long maxMessageSize() {
        return maxMessageSize;
    }

    void maxMessageSize(long bytes) {
        this.maxMessageSize = bytes;
    }

    /** Records the command being handled, for the callbacks that get its raw text. */
    public void command(String verb, String argument) {
        this.commandArgument = argument == null ? "" : argument;
        this.commandLine = argument == null ? verb : verb + " " + argument;
    }

    /** The argument of the command being handled, as the client sent it (e.g. {@code FROM:<a@b> SIZE=10}). */
    public String commandArgument() {
        return commandArgument;
    }

    /** The command line being handled, its verb in upper case. */
    public String commandLine() {
        return commandLine;
    }

    /** A script reply to give instead of James's, once James's reply to the stage's command is known. */
    public void pending(Stage stage, Reply reply) {
        pending.put(stage, reply);
    }

    public Optional<Reply> takePending(Stage stage) {
        return Optional.ofNullable(pending.remove(stage));
    }

    private static String clientAddress(SMTPSession session) {
        return session.getRemoteAddress().getAddress().getHostAddress();
    }
}
