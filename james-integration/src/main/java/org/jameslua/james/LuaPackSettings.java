package org.jameslua.james;

import java.io.FileNotFoundException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

import org.apache.commons.configuration2.Configuration;
import org.apache.james.filesystem.api.FileSystem;
import org.jameslua.engine.Limits;
import org.jameslua.engine.ServerLimits;
import org.jameslua.engine.net.NetConfig;

/**
 * The pack's settings, read from {@code conf/james-lua.properties}. Every key is optional:
 *
 * <pre>
 * # the VPOP3 folder: scripts, LUA.OUT and LUAERRORS.LOG. A James FileSystem URL (file://conf/lua/, file:///abs)
 * # or a plain path; a relative plain path is taken from James's working directory.
 * scripts.folder=file://conf/lua/
 * # bounds of one callback; those without a value are sized from the heap (see Limits.defaults)
 * limit.instructions=200000000
 * limit.time.ms=10000
 * limit.memory.bytes=
 * limit.string.bytes=
 * limit.output.bytes=1048576
 * # bounds shared by all instances; sized from the heap (see ServerLimits.defaults)
 * limit.retained.bytes=
 * limit.retained.total.bytes=
 * limit.coroutines.total=256
 * # DNS servers (IP[:port], comma separated) for VPOP3Net.GetDNSRecords and the RBL checks; empty: the system's
 * dns.servers=
 * dns.timeout.ms=5000
 * # default or tempfail, see ScriptFailure
 * script.failure=default
 * # SMTP sessions worked on at once, off James's I/O threads (see SessionWorkers); one more gets 421 4.3.2
 * smtp.workers=256
 * # default RBLServers and RBLWhitelist of SMTPSVR.LUA, comma separated
 * rbl.servers=
 * rbl.whitelist=
 * # the global settings of VPOP3.GetSetting / SetSetting, with their initial values (GlobalSettingDeclarations)
 * setting.&lt;Name&gt;=
 * </pre>
 *
 * @param scriptsFolder  the folder scripts are read from
 * @param limits         bounds of each callback
 * @param serverLimits   bounds of all instances together, and of what each keeps between callbacks
 * @param net            DNS, HTTP and WHOIS settings of the scripts, and of the pack's own DNS lookups
 * @param scriptFailure  what a failed callback leads to
 * @param smtpWorkers    how many SMTP sessions' commands (their callbacks and James's handling) run at once
 * @param rblServers     DNS blocklist zones checked for SMTP clients unless a script says otherwise
 * @param rblWhitelist   client address patterns ({@code *} and {@code ?} wildcards) never checked
 */
public final class LuaPackSettings {
    private final Path scriptsFolder;
    private final Limits limits;
    private final ServerLimits serverLimits;
    private final NetConfig net;
    private final ScriptFailure scriptFailure;
    private final int smtpWorkers;
    private final List<String> rblServers;
    private final List<String> rblWhitelist;

    public static final String FILE_NAME = "james-lua";
    public static final String DEFAULT_SCRIPTS_FOLDER = "file://conf/lua/";
    public static final int DEFAULT_SMTP_WORKERS = 256;

    public LuaPackSettings(Path scriptsFolder, Limits limits, ServerLimits serverLimits, NetConfig net,
            ScriptFailure scriptFailure, int smtpWorkers, List<String> rblServers, List<String> rblWhitelist) {
        rblServers = List.copyOf(rblServers);
        rblWhitelist = List.copyOf(rblWhitelist);
        this.scriptsFolder = scriptsFolder;
        this.limits = limits;
        this.serverLimits = serverLimits;
        this.net = net;
        this.scriptFailure = scriptFailure;
        this.smtpWorkers = smtpWorkers;
        this.rblServers = rblServers;
        this.rblWhitelist = rblWhitelist;
    }

    /**
     * @throws IllegalArgumentException naming the key whose value cannot be used, so that James refuses to
     *                                  start rather than run scripts with settings nobody asked for
     */
    public static LuaPackSettings from(Configuration properties, FileSystem fileSystem) {
        Limits defaults = Limits.defaults();
        NetConfig netDefaults = NetConfig.defaults();
        Limits limits = defaults
                .withInstructions(positive(properties, "limit.instructions", defaults.instructions()))
                .withWallTime(Duration.ofMillis(positive(properties, "limit.time.ms", defaults.wallTime().toMillis())))
                .withAllocatedBytes(positive(properties, "limit.memory.bytes", defaults.allocatedBytes()))
                .withStringLength((int) Math.min(Integer.MAX_VALUE - 8,
                        positive(properties, "limit.string.bytes", defaults.stringLength())))
                .withOutputBytes(positive(properties, "limit.output.bytes", defaults.outputBytes()));
        ServerLimits serverDefaults = ServerLimits.defaults();
        ServerLimits serverLimits = serverDefaults
                .withRetainedPerInstance(positive(properties, "limit.retained.bytes",
                        serverDefaults.retainedPerInstance()))
                .withRetainedTotal(positive(properties, "limit.retained.total.bytes", serverDefaults.retainedTotal()))
                .withCoroutines((int) Math.min(Integer.MAX_VALUE,
                        positive(properties, "limit.coroutines.total", serverDefaults.coroutines())));
        NetConfig net = new NetConfig(list(properties, "dns.servers"),
                Duration.ofMillis(positive(properties, "dns.timeout.ms", netDefaults.timeout().toMillis())),
                netDefaults.maxResponseBytes());
        return new LuaPackSettings(
                scriptsFolder(properties.getString("scripts.folder", DEFAULT_SCRIPTS_FOLDER).trim(), fileSystem),
                limits,
                serverLimits,
                net,
                ScriptFailure.parse(properties.getString("script.failure", "default")),
                Math.toIntExact(positive(properties, "smtp.workers", DEFAULT_SMTP_WORKERS)),
                list(properties, "rbl.servers"),
                list(properties, "rbl.whitelist"));
    }

    private static Path scriptsFolder(String value, FileSystem fileSystem) {
        try {
            if (value.startsWith(FileSystem.FILE_PROTOCOL)) {
                return fileSystem.getFile(value).toPath();
            }
            Path path = Path.of(value);
            return path.isAbsolute() ? path : fileSystem.getBasedir().toPath().resolve(path);
        } catch (FileNotFoundException e) {
            throw new IllegalArgumentException("scripts.folder '" + value + "' cannot be resolved: " + e.getMessage(), e);
        }
    }

    private static long positive(Configuration properties, String key, long fallback) {
        String text = properties.getString(key, "").trim();
        if (text.isEmpty()) {
            return fallback;
        }
        try {
            long value = Long.parseLong(text);
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(key + " must be a positive whole number, not '" + text + "'");
    }

    /** Comma-separated values; James's PropertiesProvider may already have split them. */
    private static List<String> list(Configuration properties, String key) {
        return Arrays.stream(properties.getStringArray(key))
                .flatMap(value -> Arrays.stream(value.split(",")))
                .map(String::trim)
                .filter(value -> !value.isEmpty())
                .collect(Collectors.toUnmodifiableList());
    }

    public Path scriptsFolder() {
        return scriptsFolder;
    }

    public Limits limits() {
        return limits;
    }

    public ServerLimits serverLimits() {
        return serverLimits;
    }

    public NetConfig net() {
        return net;
    }

    public ScriptFailure scriptFailure() {
        return scriptFailure;
    }

    public int smtpWorkers() {
        return smtpWorkers;
    }

    public List<String> rblServers() {
        return rblServers;
    }

    public List<String> rblWhitelist() {
        return rblWhitelist;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof LuaPackSettings)) {
            return false;
        }
        LuaPackSettings that = (LuaPackSettings) other;
        return Objects.equals(scriptsFolder, that.scriptsFolder)
                && Objects.equals(limits, that.limits)
                && Objects.equals(serverLimits, that.serverLimits)
                && Objects.equals(net, that.net)
                && Objects.equals(scriptFailure, that.scriptFailure)
                && smtpWorkers == that.smtpWorkers
                && Objects.equals(rblServers, that.rblServers)
                && Objects.equals(rblWhitelist, that.rblWhitelist);
    }

    @Override
    public int hashCode() {
        return Objects.hash(scriptsFolder, limits, serverLimits, net, scriptFailure, smtpWorkers, rblServers, rblWhitelist);
    }

    @Override
    public String toString() {
        return "LuaPackSettings[scriptsFolder=" + scriptsFolder + ", limits=" + limits + ", serverLimits=" + serverLimits + ", net=" + net
                + ", scriptFailure=" + scriptFailure + ", smtpWorkers=" + smtpWorkers + ", rblServers=" + rblServers + ", rblWhitelist="
                + rblWhitelist + "]";
    }
}
