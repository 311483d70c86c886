package org.jameslua.engine;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.jameslua.engine.compat.Lua50Library;
import org.jameslua.engine.compat.Lua50Rewriter;
import org.jameslua.engine.folder.CompiledMemory;
import org.jameslua.engine.folder.CompiledScripts;
import org.jameslua.engine.folder.ErrorLog;
import org.jameslua.engine.folder.LuaOut;
import org.jameslua.engine.folder.ScriptFolder;
import org.jameslua.engine.host.FolderHost;
import org.jameslua.engine.host.Host;
import org.jameslua.engine.lib.AllocationTogether;
import org.jameslua.engine.lib.BaseFunctions;
import org.jameslua.engine.lib.CallWatchdog;
import org.jameslua.engine.lib.CoreTurns;
import org.jameslua.engine.lib.CoroutineThreads;
import org.jameslua.engine.lib.Coroutines;
import org.jameslua.engine.lib.GetDirectoryLibrary;
import org.jameslua.engine.lib.InstanceContext;
import org.jameslua.engine.lib.InstanceFiles;
import org.jameslua.engine.lib.IoLibrary;
import org.jameslua.engine.lib.LuaEnvironment;
import org.jameslua.engine.lib.LuaLibrary;
import org.jameslua.engine.lib.MessageHelpers;
import org.jameslua.engine.lib.OpenFiles;
import org.jameslua.engine.lib.OsLibrary;
import org.jameslua.engine.lib.RetainedMemory;
import org.jameslua.engine.lib.TimedExecuteLibrary;
import org.jameslua.engine.lib.Vpop3Library;
import org.jameslua.engine.net.NetConfig;
import org.jameslua.engine.net.Vpop3NetLibrary;
import org.luaj.vm2.Globals;

/**
 * VPOP3's Lua for one scripts folder. Thread-safe and meant to be shared: hosts keep one engine and ask it
 * for a new {@link ScriptInstance} whenever VPOP3 would have started a script (an SMTP session, a message
 * to route). Scripts are compiled once and picked up again when their file changes.
 */
public final class LuaEngine implements AutoCloseable {
    private final ScriptFolder folder;
    private final ErrorLog errorLog;
    private final LuaOut luaOut;
    private final CompiledScripts scripts;
    private final Host host;
    private final NetConfig net;
    private final Limits limits;
    private final ServerLimits serverLimits;
    private final RetainedMemory retained;
    private final CoroutineThreads coroutineThreads;
    private final OpenFiles openFiles = new OpenFiles();
    private final LuaEnvironment environment;
    private final CallWatchdog watchdog = new CallWatchdog();
    private final AllocationTogether allocationTogether;
    private final CoreTurns coreTurns;
    private final GlobalNames globalNames = new GlobalNames();

    private LuaEngine(Builder builder) {
        this.folder = new ScriptFolder(builder.folder);
        this.serverLimits = builder.serverLimits;
        this.errorLog = new ErrorLog(folder, builder.clock, serverLimits.logFileBytes(), builder.fileProblems);
        this.luaOut = new LuaOut(folder, serverLimits.logFileBytes(), builder.fileProblems);
        this.scripts = new CompiledScripts(
                folder,
                errorLog,
                new Lua50Rewriter(),
                builder.limits.wallTime(),
                new CompiledMemory(RetainedMemory::compiled, serverLimits.retainedTotal()));
        this.host = builder.host != null ? builder.host : FolderHost.in(folder.root());
        this.net = builder.net;
        this.limits = builder.limits;
        this.retained = new RetainedMemory(serverLimits);
        this.coroutineThreads = new CoroutineThreads(serverLimits.coroutines());
        this.allocationTogether = new AllocationTogether(serverLimits.allocatedTotal());
        this.coreTurns = new CoreTurns(serverLimits.runningCalls());
        List<LuaLibrary> libraries = List.of(
                new BaseFunctions(),
                new OsLibrary(),
                new IoLibrary(),
                new TimedExecuteLibrary(),
                new GetDirectoryLibrary(),
                new Vpop3Library(),
                new MessageHelpers(),
                new Vpop3NetLibrary(),
                new Lua50Library());
        this.environment = new LuaEnvironment(libraries);
    }

    public static Builder builder(Path scriptsFolder) {
        return new Builder(scriptsFolder);
    }

    public ScriptFolder folder() {
        return folder;
    }

    public ErrorLog errorLog() {
        return errorLog;
    }

    public LuaOut luaOut() {
        return luaOut;
    }

    public Limits limits() {
        return limits;
    }

    public ServerLimits serverLimits() {
        return serverLimits;
    }

    /** What all live instances are charged for keeping between calls. */
    public RetainedMemory retainedMemory() {
        return retained;
    }

    /** The threads of all instances' coroutines. */
    public CoroutineThreads coroutineThreads() {
        return coroutineThreads;
    }

    /** The turns at the cores that all instances' calls running long share; for tests. */
    CoreTurns coreTurns() {
        return coreTurns;
    }

    /** What all instances' calls under way allocated together; for tests. */
    AllocationTogether allocationTogether() {
        return allocationTogether;
    }

    /** The server services behind the {@code VPOP3.*} helpers, for hosts that read the same settings scripts do. */
    public Host host() {
        return host;
    }

    /** Whether the folder holds a script of this name that compiles (now or in an earlier version). */
    public boolean hasScript(String name) {
        return scripts.get(name).isPresent();
    }

    /**
     * Whether the version of the script in force can define or read a global of this name: it names it in its code
     * ({@link CompiledScripts.Script#hasStringConstant}). False for a missing script or one that never compiled.
     * Lets a host skip running a script's main chunk only to find a function it cannot define.
     */
    public boolean mayDefine(String scriptName, String globalName) {
        return scripts.get(scriptName)
                .filter(script -> script.hasStringConstant(globalName))
                .isPresent();
    }

    /** The state of a script of the folder, for operators: the version serving and the file's compile error. */
    public CompiledScripts.ScriptState scriptState(String name) {
        return scripts.state(name);
    }

    public ScriptInstance newInstance(String scriptName) {
        return newInstance(scriptName, InstanceOptions.defaults());
    }

    /**
     * A new instance of a script, its main chunk already run. A missing script, or one that never compiled,
     * gives an instance that defines no function, so the host does what it does without a script.
     */
    public ScriptInstance newInstance(String scriptName, InstanceOptions options) {
        return instance(scriptName, scripts.get(scriptName), options);
    }

    /**
     * As {@link #newInstance(String)}, only when that certainly finishes at once, for a thread that must never
     * wait for a script (James's I/O thread): when the version of the script in force is compiled already and its
     * main chunk is quick (no loop, no call: {@link CompiledScripts.Script#hasQuickMainChunk}), and the instance
     * is of that same version. Empty when the file changed and must be compiled first, or the main chunk may take
     * long: {@link #newInstance(String)} then does it, on a thread that may wait. A missing script, or one that
     * never compiled, gives the instance that defines no function.
     */
    public Optional<ScriptInstance> quickInstance(String scriptName) {
        return scripts.withoutCompiling(scriptName)
                .filter(script ->
                        script.map(CompiledScripts.Script::hasQuickMainChunk).orElse(true))
                .map(script -> instance(scriptName, script, InstanceOptions.defaults()));
    }

    private ScriptInstance instance(
            String scriptName, Optional<CompiledScripts.Script> script, InstanceOptions options) {
        String name = script.map(CompiledScripts.Script::chunkName).orElse(scriptName);
        InstanceContext context = new InstanceContext(
                name,
                folder,
                scripts,
                errorLog,
                luaOut,
                host,
                net,
                options.owner(),
                new Coroutines(coroutineThreads),
                new InstanceFiles(openFiles));
        Globals globals =
                environment.create(context, options.limits().orElse(limits), watchdog, coreTurns, allocationTogether);
        if (options.safetyMode()) {
            context.safety().turnOn(UUID.randomUUID().toString());
        }
        ScriptInstance instance =
                new ScriptInstance(name, globals, globalNames, context, retained.track(globals, context));
        script.ifPresent(instance::load);
        return instance;
    }

    /** Stops the watchdog thread; instances still in use are no longer bounded in time and memory. */
    @Override
    public void close() {
        watchdog.close();
    }

    public static final class Builder {
        private final Path folder;
        private Host host;
        private NetConfig net = NetConfig.defaults();
        private Limits limits = Limits.defaults();
        private ServerLimits serverLimits = ServerLimits.defaults();
        private Clock clock = Clock.systemDefaultZone();
        private Consumer<String> fileProblems = System.err::println;

        private Builder(Path folder) {
            this.folder = folder;
        }

        public Builder host(Host value) {
            this.host = value;
            return this;
        }

        public Builder net(NetConfig value) {
            this.net = value;
            return this;
        }

        public Builder limits(Limits value) {
            this.limits = value;
            return this;
        }

        public Builder serverLimits(ServerLimits value) {
            this.serverLimits = value;
            return this;
        }

        public Builder clock(Clock value) {
            this.clock = value;
            return this;
        }

        /**
         * Told, once until it is written again, when {@code LUA.OUT} or {@code LUAERRORS.LOG} cannot be written or
         * rotated; standard error unless the host has a log of its own.
         */
        public Builder fileProblems(Consumer<String> value) {
            this.fileProblems = value;
            return this;
        }

        public LuaEngine build() {
            return new LuaEngine(this);
        }
    }
}
