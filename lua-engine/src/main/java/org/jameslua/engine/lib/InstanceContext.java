package org.jameslua.engine.lib;

import java.util.Optional;
import org.jameslua.engine.ScriptError;
import org.jameslua.engine.SourceLine;
import org.jameslua.engine.folder.CompiledScripts;
import org.jameslua.engine.folder.ErrorLog;
import org.jameslua.engine.folder.LuaOut;
import org.jameslua.engine.folder.ScriptFolder;
import org.jameslua.engine.host.Host;
import org.jameslua.engine.message.MessageAccess;
import org.jameslua.engine.net.NetConfig;
import org.jameslua.luaj.RunningInstance;
import org.luaj.vm2.LuaError;

/**
 * What the library functions of one script instance share: where the instance lives, its budget and safety
 * mode, the host services, and the message being processed, if any.
 */
public final class InstanceContext {
    static final int LOGGED_REFUSALS = 10;

    private final String scriptName;
    private final ScriptFolder folder;
    private final CompiledScripts scripts;
    private final ErrorLog errorLog;
    private final LuaOut luaOut;
    private final Host host;
    private final NetConfig net;
    private final Optional<String> owner;
    private final SafetyMode safety = new SafetyMode();
    private final Coroutines coroutines;
    private final InstanceFiles files;
    private final LoadedChunks loadedChunks = new LoadedChunks();
    private Budget budget;
    private RunningInstance running;
    private String currentFunction = "(load)";
    private MessageAccess message;

    public InstanceContext(
            String scriptName,
            ScriptFolder folder,
            CompiledScripts scripts,
            ErrorLog errorLog,
            LuaOut luaOut,
            Host host,
            NetConfig net,
            Optional<String> owner,
            Coroutines coroutines,
            InstanceFiles files) {
        this.scriptName = scriptName;
        this.folder = folder;
        this.scripts = scripts;
        this.errorLog = errorLog;
        this.luaOut = luaOut;
        this.host = host;
        this.net = net;
        this.owner = owner;
        this.coroutines = coroutines;
        this.files = files;
    }

    public String scriptName() {
        return scriptName;
    }

    public ScriptFolder folder() {
        return folder;
    }

    public CompiledScripts scripts() {
        return scripts;
    }

    public LuaOut luaOut() {
        return luaOut;
    }

    public Host host() {
        return host;
    }

    public NetConfig net() {
        return net;
    }

    /** The user whose own script this is, for user scripts run in safety mode; they may touch only that user. */
    public Optional<String> owner() {
        return owner;
    }

    public SafetyMode safety() {
        return safety;
    }

    /** The files the instance holds open. */
    public InstanceFiles files() {
        return files;
    }

    public Coroutines coroutines() {
        return coroutines;
    }

    LoadedChunks loadedChunks() {
        return loadedChunks;
    }

    public Budget budget() {
        return budget;
    }

    void budget(Budget budget) {
        this.budget = budget;
    }

    /** The instance as shared code sees it while one of its calls runs: its budget and its {@code string} table. */
    public RunningInstance running() {
        return running;
    }

    void running(RunningInstance running) {
        this.running = running;
    }

    public String currentFunction() {
        return currentFunction;
    }

    public void currentFunction(String function) {
        this.currentFunction = function;
    }

    /** The message of the ProcessMessage call under way; the message helpers fail outside one. */
    public MessageAccess message() {
        if (message == null) {
            throw new LuaError("no message is being processed: the message helpers work only inside ProcessMessage");
        }
        return message;
    }

    public void message(MessageAccess message) {
        this.message = message;
    }

    /**
     * Logs a refused operation to LUAERRORS.LOG at the script's current line, and returns the error to raise. A
     * call logs its first {@link #LOGGED_REFUSALS} only: a script retrying under pcall in a loop until its time is
     * up wrote thousands of lines a second.
     */
    public Refusal refuse(String message) {
        return refuse(message, budget == null ? Optional.empty() : budget.currentLine());
    }

    /**
     * {@link #refuse(String)} at a line the caller knows better, e.g. where a coroutine was resumed. The raised
     * error has no place: Lua adds it as the error leaves the function, as for any error.
     */
    public Refusal refuse(String message, Optional<SourceLine> line) {
        ScriptError error = new ScriptError(scriptName, currentFunction, line, ScriptError.Kind.SANDBOX, message);
        int refusals = budget == null ? 1 : budget.countRefusal();
        if (refusals < LOGGED_REFUSALS) {
            errorLog.log(error);
        } else if (refusals == LOGGED_REFUSALS) {
            errorLog.log(new ScriptError(
                    scriptName,
                    currentFunction,
                    line,
                    ScriptError.Kind.SANDBOX,
                    message + " (the call's later refusals are not logged)"));
        }
        return new Refusal(error, message);
    }

    public ErrorLog errorLog() {
        return errorLog;
    }
}
