package org.jameslua.james;

import java.io.FileNotFoundException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.apache.commons.configuration2.Configuration;
import org.apache.james.filesystem.api.FileSystem;
import org.jameslua.engine.Limits;
import org.jameslua.engine.ServerLimits;
import org.jameslua.engine.net.NetConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pack's settings, read from {@code conf/james-lua.properties}. Every key is optional. {@link Key} is the one
 * list of the keys, with their defaults, types and meanings: the sample file and the operators' guide repeat it,
 * and {@code SettingsDocumentedTest} holds them to it.
 */
public final class LuaPackSettings {
    private static final Logger LOGGER = LoggerFactory.getLogger(LuaPackSettings.class);

    /** Every key of {@code james-lua.properties}, in the order the sample file lists them. */
    public enum Key {
        SCRIPTS_FOLDER(
                "scripts.folder",
                "file://conf/lua/",
                "file:// URL or path",
                "The VPOP3 folder: the scripts, and the LUA.OUT and LUAERRORS.LOG the pack writes. A James file:// URL"
                        + " (file://conf/lua/ is conf/lua/ in James's working directory) or a path (relative: from"
                        + " James's working directory). Edited scripts are picked up without a restart."),
        SCRIPT_FAILURE(
                "script.failure",
                "default",
                "default or tempfail",
                "What a failing SMTPSVR.LUA callback (a Lua error, a limit, or a return it cannot use) leads to:"
                        + " default (James goes on as without the callback) or tempfail (a 4xx reply, so the client"
                        + " tries again later)."),
        INSTRUCTIONS("limit.instructions", "200000000", "count", "Lua instructions one call into a script may run."),
        TIME(
                "limit.time.ms",
                "10000",
                "milliseconds",
                "Time one call may take, sleeps and network waits included; also the time a script file may take to"
                        + " compile (past it, a `COMPILE` error)."),
        MEMORY(
                "limit.memory.bytes",
                "",
                "bytes",
                "Bytes one call may allocate, its coroutines included. Empty: a 16th of the heap, at most"
                        + " 536870912."),
        STRING(
                "limit.string.bytes",
                "",
                "bytes",
                "Longest string one operation may build (.., string.rep, table.concat, string.format, gsub,"
                        + " os.date, the source given to load, ...), refused before it is built. Empty: a 32nd of"
                        + " the heap, at most 67108864."),
        OUTPUT(
                "limit.output.bytes",
                "1048576",
                "bytes",
                "Bytes one call may print to LUA.OUT, so that a runaway print loop cannot fill the disk."),
        WRITE(
                "limit.write.bytes",
                "67108864",
                "bytes",
                "Bytes one call may write to files (io.write, file:write), so that a runaway write loop cannot fill"
                        + " the disk."),
        LOG_FILE(
                "limit.logfile.bytes",
                "10485760",
                "bytes",
                "Size past which LUA.OUT and LUAERRORS.LOG are each renamed to LUA.OUT.1 and LUAERRORS.LOG.1"
                        + " (replacing the older .1) and started anew, so that at most twice this is kept of each."),
        CALL_DEPTH(
                "limit.call.depth",
                "500",
                "count",
                "Nested Lua calls within one call, past which a call fails with \"stack overflow\" (which pcall"
                        + " can catch, as in Lua)."),
        COROUTINES(
                "limit.coroutines",
                "32",
                "count",
                "Coroutines alive at once in one instance (each holds a Java thread while it lives); at most"
                        + " limit.coroutines.total."),
        RETAINED(
                "limit.retained.bytes",
                "",
                "bytes",
                "What one instance (one SMTP session's SMTPSVR.LUA, ...) may keep between calls, as estimated:"
                        + " globals, upvalues, the tables they reach, suspended coroutines. Empty: a 32nd of the"
                        + " heap."),
        RETAINED_TOTAL(
                "limit.retained.total.bytes",
                "",
                "bytes",
                "What all live instances together may keep between calls, and as much what the compiled script"
                        + " files may keep together. Empty: a quarter of the heap."),
        MEMORY_TOTAL(
                "limit.memory.total.bytes",
                "",
                "bytes",
                "Bytes the calls under way in all scripts may allocate together, each counted from its start; past"
                        + " it, a call that allocates more fails. Empty: a third of the heap."),
        COROUTINES_TOTAL(
                "limit.coroutines.total", "256", "count", "Coroutines alive at once in all scripts of the server."),
        RUNNING_CALLS(
                "limit.running.calls",
                "",
                "count",
                "Calls of all scripts past their first 100 ms of running that run Lua at once; the others wait"
                        + " their turn (turns of 10 ms, in the order asked), the wait counted in their time, so that"
                        + " many runaway calls at once leave the cores to James. A call waiting in os.sleep or for a"
                        + " DNS, HTTP or WHOIS answer or a program takes no turn. Empty: the number of cores."),
        SMTP_WORKERS(
                "smtp.workers",
                "256",
                "count",
                "SMTP sessions whose commands (their SMTPSVR.LUA callbacks and James's own handling) are worked on"
                        + " at once, on the pack's threads instead of James's I/O threads; a new connection while"
                        + " all are taken is answered 421 4.3.2 and closed."),
        DNS_SERVERS(
                "dns.servers",
                "",
                "comma-separated list",
                "DNS servers (IP or IP:port) for VPOP3Net.GetDNSRecords and the RBL checks. Empty: the system's"
                        + " resolvers."),
        NET_TIMEOUT(
                "dns.timeout.ms",
                "5000",
                "milliseconds",
                "Longest wait for one DNS, HTTP or WHOIS answer, never longer than what is left of the call's"
                        + " time."),
        NET_RESPONSE(
                "net.response.bytes",
                "4194304",
                "bytes",
                "Largest answer VPOP3Net.GetHTTP and GetWHOIS read; a longer one is cut there."),
        RBL_SERVERS(
                "rbl.servers",
                "",
                "comma-separated list",
                "Default RBLServers of SMTPSVR.LUA: DNS blocklist zones, e.g. zen.spamhaus.org. The RBL checks"
                        + " run from these even without a script."),
        RBL_WHITELIST(
                "rbl.whitelist",
                "",
                "comma-separated list",
                "Default RBLWhitelist of SMTPSVR.LUA: client address patterns (* and ? wildcards) never checked."),
        GLOBAL_SETTING(
                GlobalSettingDeclarations.PREFIX + "<Name>",
                "",
                "text",
                "A global setting VPOP3.GetSetting and VPOP3.SetSetting see, with its initial value. Only declared"
                        + " settings exist (SetSetting changes them, never creates one); a changed value is kept in"
                        + " James's mailbox storage, shared by every node. MinPasswordLength is the minimum"
                        + " PASSWORDCHECK.LUA is given and enforced.");

        private final String name;
        private final String defaultValue;
        private final String type;
        private final String meaning;

        Key(String name, String defaultValue, String type, String meaning) {
            this.name = name;
            this.defaultValue = defaultValue;
            this.type = type;
            this.meaning = meaning;
        }

        /** The key as written in the file; {@code setting.<Name>} stands for every key of that prefix. */
        public String key() {
            return name;
        }

        /** The value the key has when absent, as the sample writes it; empty when sized from the heap or none. */
        public String defaultValue() {
            return defaultValue;
        }

        public String type() {
            return type;
        }

        public String meaning() {
            return meaning;
        }

        private String text(Configuration properties) {
            String text = properties.getString(name, "").trim();
            return text.isEmpty() ? defaultValue : text;
        }
    }

    private final Path scriptsFolder;
    private final Limits limits;
    private final ServerLimits serverLimits;
    private final NetConfig net;
    private final ScriptFailure scriptFailure;
    private final int smtpWorkers;
    private final List<String> rblServers;
    private final List<String> rblWhitelist;

    public static final String FILE_NAME = "james-lua";
    public static final int DEFAULT_SMTP_WORKERS = Integer.parseInt(Key.SMTP_WORKERS.defaultValue());

    /**
     * @param scriptsFolder  the folder scripts are read from
     * @param limits         bounds of each callback
     * @param serverLimits   bounds of all instances together, and of what each keeps between callbacks
     * @param net            DNS, HTTP and WHOIS settings of the scripts, and of the pack's own DNS lookups
     * @param scriptFailure  what a failed callback leads to
     * @param smtpWorkers    how many SMTP sessions' commands (their callbacks and James's handling) run at once
     * @param rblServers     DNS blocklist zones checked for SMTP clients unless a script says otherwise
     * @param rblWhitelist   client address patterns ({@code *} and {@code ?} wildcards) never checked
     */
    public LuaPackSettings(
            Path scriptsFolder,
            Limits limits,
            ServerLimits serverLimits,
            NetConfig net,
            ScriptFailure scriptFailure,
            int smtpWorkers,
            List<String> rblServers,
            List<String> rblWhitelist) {
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

    // a call's time is counted in nanoseconds in a long (its deadline, the slow user script bound): about 292 years
    private static final long MAX_TIME_MILLIS = Long.MAX_VALUE / 1_000_000;

    /**
     * Logs a warning for each key that is none of {@link Key}'s: a misspelt key would otherwise leave its setting
     * at the default without a word.
     *
     * @throws IllegalArgumentException naming the key whose value cannot be used, so that James refuses to
     *                                  start rather than run scripts with settings nobody asked for
     */
    public static LuaPackSettings from(Configuration properties, FileSystem fileSystem) {
        warnOfUnknownKeys(properties);
        Limits heapSized = Limits.defaults();
        Limits limits = new Limits(
                number(properties, Key.INSTRUCTIONS, Long.MAX_VALUE, 0),
                Duration.ofMillis(number(properties, Key.TIME, MAX_TIME_MILLIS, 0)),
                number(properties, Key.MEMORY, Long.MAX_VALUE, heapSized.allocatedBytes()),
                (int) number(properties, Key.CALL_DEPTH, Integer.MAX_VALUE, 0),
                (int) number(properties, Key.STRING, MAX_STRING_BYTES, heapSized.stringLength()),
                (int) number(properties, Key.COROUTINES, Integer.MAX_VALUE, 0),
                number(properties, Key.OUTPUT, Long.MAX_VALUE, 0),
                number(properties, Key.WRITE, Long.MAX_VALUE, 0));
        ServerLimits serverHeapSized = ServerLimits.defaults();
        ServerLimits serverLimits = new ServerLimits(
                number(properties, Key.RETAINED, Long.MAX_VALUE, serverHeapSized.retainedPerInstance()),
                number(properties, Key.RETAINED_TOTAL, Long.MAX_VALUE, serverHeapSized.retainedTotal()),
                (int) number(properties, Key.COROUTINES_TOTAL, Integer.MAX_VALUE, 0),
                number(properties, Key.LOG_FILE, Long.MAX_VALUE, 0),
                number(properties, Key.MEMORY_TOTAL, Long.MAX_VALUE, serverHeapSized.allocatedTotal()),
                (int) number(properties, Key.RUNNING_CALLS, Integer.MAX_VALUE, serverHeapSized.runningCalls()));
        if (limits.coroutines() > serverLimits.coroutines()) {
            throw new IllegalArgumentException(Key.COROUTINES.key() + " (" + limits.coroutines()
                    + ") must not be more than " + Key.COROUTINES_TOTAL.key() + " (" + serverLimits.coroutines() + ")");
        }
        NetConfig net = new NetConfig(
                list(properties, Key.DNS_SERVERS),
                Duration.ofMillis(number(properties, Key.NET_TIMEOUT, Long.MAX_VALUE, 0)),
                (int) number(properties, Key.NET_RESPONSE, Integer.MAX_VALUE, 0));
        return new LuaPackSettings(
                scriptsFolder(Key.SCRIPTS_FOLDER.text(properties), fileSystem),
                limits,
                serverLimits,
                net,
                ScriptFailure.parse(Key.SCRIPT_FAILURE.text(properties)),
                (int) number(properties, Key.SMTP_WORKERS, Integer.MAX_VALUE, 0),
                list(properties, Key.RBL_SERVERS),
                list(properties, Key.RBL_WHITELIST));
    }

    private static void warnOfUnknownKeys(Configuration properties) {
        for (Iterator<String> keys = properties.getKeys(); keys.hasNext(); ) {
            String key = keys.next();
            if (!key.startsWith(GlobalSettingDeclarations.PREFIX)
                    && Arrays.stream(Key.values())
                            .noneMatch(known -> known.key().equals(key))) {
                LOGGER.warn("{}.properties: unknown key '{}' ignored{}", FILE_NAME, key, suggestion(key));
            }
        }
    }

    /** The known key closest to a misspelt one, when it is a few typing errors away. */
    private static String suggestion(String unknown) {
        return Arrays.stream(Key.values())
                .map(Key::key)
                .filter(known -> !known.startsWith(GlobalSettingDeclarations.PREFIX))
                .min(Comparator.comparingInt(known -> editDistance(unknown.toLowerCase(Locale.ROOT), known)))
                .filter(known -> editDistance(unknown.toLowerCase(Locale.ROOT), known) <= 3)
                .map(known -> " (did you mean " + known + "?)")
                .orElse("");
    }

    /** Levenshtein distance: the insertions, deletions and substitutions that turn one text into the other. */
    private static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    /** The longest array the JVM allocates. */
    private static final long MAX_STRING_BYTES = Integer.MAX_VALUE - 8;

    private static Path scriptsFolder(String value, FileSystem fileSystem) {
        try {
            if (value.startsWith(FileSystem.FILE_PROTOCOL)) {
                return fileSystem.getFile(value).toPath();
            }
            Path path = Path.of(value);
            return path.isAbsolute() ? path : fileSystem.getBasedir().toPath().resolve(path);
        } catch (FileNotFoundException e) {
            throw new IllegalArgumentException(
                    "scripts.folder '" + value + "' cannot be resolved: " + e.getMessage(), e);
        }
    }

    /**
     * A whole number from 1 to {@code max}: the key's value, else its default, else (for a bound without one)
     * {@code heapSized}.
     */
    private static long number(Configuration properties, Key key, long max, long heapSized) {
        String text = key.text(properties);
        if (text.isEmpty()) {
            return heapSized;
        }
        try {
            long value = Long.parseLong(text);
            if (value > 0 && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(
                key.key() + " must be a whole number from 1 to " + max + ", not '" + text + "'");
    }

    /** Comma-separated values; James's PropertiesProvider may already have split them. */
    private static List<String> list(Configuration properties, Key key) {
        return Arrays.stream(properties.getStringArray(key.key()))
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
}
