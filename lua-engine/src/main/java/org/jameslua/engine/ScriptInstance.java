package org.jameslua.engine;

import java.lang.ref.Cleaner;
import java.util.Optional;
import java.util.function.Supplier;
import org.jameslua.engine.folder.CompiledScripts;
import org.jameslua.engine.lib.BudgetExceeded;
import org.jameslua.engine.lib.InstanceContext;
import org.jameslua.engine.lib.InstanceMemory;
import org.jameslua.engine.lib.Refusal;
import org.jameslua.engine.message.MessageAccess;
import org.jameslua.luaj.RunningInstance;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * One running copy of a script with globals of its own, as VPOP3 gives each SMTP session its own
 * {@code SMTPSVR.LUA}. Calls are made by one thread at a time; many instances run at once on many threads.
 *
 * <p>Every call is bounded by the instance's {@link Limits}; a call that fails for any reason is logged
 * to {@code LUAERRORS.LOG} and reported as {@link CallResult.Failed}, never thrown at the host. What the
 * instance keeps between calls is bounded by the engine's {@link ServerLimits}: an instance that keeps too
 * much is emptied, and every later call of it fails as the one that passed the bound did.
 */
public final class ScriptInstance implements AutoCloseable {
    static final String MAIN_CHUNK = "(main chunk)";
    /** Releases the charge of an instance its host dropped without closing, once it is collected. */
    private static final Cleaner DROPPED = Cleaner.create();

    private final String scriptName;
    private final Globals globals;
    private final GlobalNames names;
    private final InstanceContext context;
    private final InstanceMemory memory;
    private final Cleaner.Cleanable charge;
    private boolean loaded;
    private volatile ScriptError spent;

    ScriptInstance(
            String scriptName, Globals globals, GlobalNames names, InstanceContext context, InstanceMemory memory) {
        this.scriptName = scriptName;
        this.globals = globals;
        this.names = names;
        this.context = context;
        this.memory = memory;
        this.charge = DROPPED.register(this, memory::release);
    }

    /** Runs the script's main chunk, which defines its functions; an instance whose chunk failed defines nothing. */
    void load(CompiledScripts.Script script) {
        var closure = new org.luaj.vm2.LuaClosure(script.prototype(), globals);
        loaded = run(MAIN_CHUNK, () -> closure.invoke(LuaValue.NONE)) instanceof CallResult.Returned;
    }

    public String scriptName() {
        return scriptName;
    }

    /** An instance emptied for keeping too much defines everything: each call fails, for the host's failure policy. */
    public boolean defines(String function) {
        return spent != null || loaded && globals.rawget(names.key(function)).isfunction();
    }

    public CallResult call(String function, LuaValue... args) {
        return call(function, LuaValue.varargsOf(args));
    }

    public synchronized CallResult call(String function, Varargs args) {
        if (spent != null) {
            return new CallResult.Failed(spent);
        }
        LuaValue target = loaded ? globals.rawget(names.key(function)) : LuaValue.NIL;
        if (!target.isfunction()) {
            return new CallResult.NotDefined(function);
        }
        return run(function, () -> target.invoke(args));
    }

    /** Calls a function with the message helpers bound to a message, as for ProcessMessage. */
    public synchronized CallResult callWithMessage(MessageAccess message, String function, Varargs args) {
        context.message(message);
        try {
            return call(function, args);
        } finally {
            context.message(null);
        }
    }

    /**
     * A global as the script left it. Read raw: a metamethod the script put on its globals would otherwise run
     * here, in host code, outside the bounds of any call.
     */
    public LuaValue get(String global) {
        return globals.rawget(names.key(global));
    }

    /** Written raw, for the same reason as {@link #get}: a {@code __newindex} on the globals must not run here. */
    public void set(String global, LuaValue value) {
        globals.rawset(names.key(global), value);
    }

    /** Whether the instance was emptied for keeping too much: its globals are gone, there is nothing to read back. */
    public boolean isEmptied() {
        return spent != null;
    }

    public boolean isSafetyOn() {
        return context.safety().isOn();
    }

    /**
     * Records a failure the host found in what a function returned (wrong types, a bad reply), in
     * {@code LUAERRORS.LOG} like any other script error, at the line of the return of the instance's last call.
     */
    public ScriptError reportBadReturn(String function, String problem) {
        ScriptError error = new ScriptError(
                scriptName, function, context.budget().lastLine(), ScriptError.Kind.BAD_RETURN, problem);
        context.errorLog().log(error);
        return error;
    }

    /**
     * Ends coroutines left suspended and releases what the instance kept, charged to the engine's
     * {@link ServerLimits} until then (or until the instance is collected). Not used afterwards.
     */
    @Override
    public void close() {
        context.coroutines().closeAll();
        context.files().closeAll();
        charge.clean();
    }

    private CallResult run(String function, Supplier<Varargs> body) {
        CallResult result = runBounded(function, body);
        Optional<String> tooMuch = memory.afterCall(context.budget().allocated());
        if (tooMuch.isEmpty()) {
            return result;
        }
        context.coroutines().closeAll();
        context.files().closeAll();
        charge.clean();
        for (LuaValue key : globals.keys()) {
            globals.rawset(key, LuaValue.NIL);
        }
        // what it keeps has no line of its own: the line where the call that passed the bound left the function
        CallResult.Failed failed = fail(
                function,
                ScriptError.Kind.MEMORY,
                tooMuch.get(),
                context.budget().lastLine());
        spent = failed.error();
        return failed;
    }

    private CallResult runBounded(String function, Supplier<Varargs> body) {
        String previousFunction = context.currentFunction();
        context.currentFunction(function);
        context.budget().start();
        RunningInstance outer = context.running().enter();
        try {
            return new CallResult.Returned(body.get());
        } catch (Refusal e) {
            return new CallResult.Failed(e.error());
        } catch (LuaError e) {
            return fail(
                    function,
                    ScriptError.Kind.RUNTIME,
                    e.getMessage(),
                    SourceLine.leading(e.getMessage()).or(context.budget()::lastLine));
        } catch (BudgetExceeded e) {
            return fail(function, e.kind(), e.getMessage(), e.line());
        } catch (StackOverflowError e) {
            return fail(
                    function,
                    ScriptError.Kind.RUNTIME,
                    "stack overflow",
                    context.budget().currentLine());
        } catch (OutOfMemoryError e) {
            return fail(function, ScriptError.Kind.MEMORY, "out of memory", Optional.empty());
        } catch (RuntimeException e) {
            return fail(
                    function,
                    ScriptError.Kind.RUNTIME,
                    e.toString(),
                    context.budget().currentLine());
        } finally {
            context.budget().finish();
            RunningInstance.leave(outer);
            context.currentFunction(previousFunction);
        }
    }

    private CallResult.Failed fail(String function, ScriptError.Kind kind, String message, Optional<SourceLine> line) {
        ScriptError error = new ScriptError(scriptName, function, line, kind, message == null ? kind.name() : message);
        context.errorLog().log(error);
        return new CallResult.Failed(error);
    }
}
