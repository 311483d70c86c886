import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jameslua.engine.LuaEngine;
import org.jameslua.engine.ScriptInstance;

/**
 * What the watchdog threads of idle or lightly used engines cost over 10 s: ENGINES engines built (default 1), the
 * first one's instance called CALLS times a second (default 0: idle). Prints the CPU and the context switches
 * (wake-ups) of the `james-lua-watchdog` threads, and the whole JVM's CPU. A single-file program:
 *
 *   java -cp lua-engine/target/lua-engine-0.2.0-cli.jar docs/benchmarks/idle-watchdog/IdleEngineCpu.java ENGINES CALLS
 */
public class IdleEngineCpu {
    public static void main(String[] args) throws Exception {
        int engines = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        int callsPerSecond = args.length > 1 ? Integer.parseInt(args[1]) : 0;
        Path folder = Files.createTempDirectory("idle-engine");
        Files.writeString(folder.resolve("S.LUA"), "function Go() return 1 end");
        LuaEngine[] built = new LuaEngine[engines];
        for (int i = 0; i < engines; i++) {
            built[i] = LuaEngine.builder(folder).build();
        }
        ScriptInstance instance = built[0].newInstance("S.LUA");
        Thread.sleep(2000);

        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        OperatingSystemMXBean system = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpuBefore = watchdogCpu(threads);
        long switchesBefore = watchdogSwitches();
        long processBefore = system.getProcessCpuTime();
        long end = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < end) {
            if (callsPerSecond == 0) {
                Thread.sleep(Math.max(1, (end - System.nanoTime()) / 1_000_000));
            } else {
                instance.call("Go");
                Thread.sleep(1000 / callsPerSecond);
            }
        }
        System.out.printf(
                "%d engine(s), %d calls/s, 10 s: watchdog threads %.2f ms CPU, %d wake-ups; whole JVM %.0f ms CPU%n",
                engines,
                callsPerSecond,
                (watchdogCpu(threads) - cpuBefore) / 1e6,
                watchdogSwitches() - switchesBefore,
                (system.getProcessCpuTime() - processBefore) / 1e6);
        for (LuaEngine engine : built) {
            engine.close();
        }
    }

    private static long watchdogCpu(ThreadMXBean threads) {
        long total = 0;
        for (var info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().equals("james-lua-watchdog")) {
                total += threads.getThreadCpuTime(info.getThreadId());
            }
        }
        return total;
    }

    /** Voluntary and involuntary context switches of the watchdog threads (the kernel cuts their name to 15 bytes). */
    private static long watchdogSwitches() throws Exception {
        long total = 0;
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                if (!Files.readString(task.resolve("comm")).trim().equals("james-lua-watch")) {
                    continue;
                }
                for (String line : Files.readAllLines(task.resolve("status"))) {
                    if (line.contains("ctxt_switches")) {
                        total += Long.parseLong(line.replaceAll("\\D", ""));
                    }
                }
            }
        }
        return total;
    }
}
