package org.jameslua.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.luaj.vm2.LuaValue;

/** Many instances at once on many threads, as many SMTP sessions would run them. */
class ConcurrencyTest {
    private static final int THREADS = 8;
    private static final int INSTANCES_PER_THREAD = 200;

    @RegisterExtension
    final ScriptFixture scripts = new ScriptFixture();

    @Test
    void instancesOnManyThreadsKeepTheirOwnStateAndPrintWholeLines() throws Exception {
        scripts.write(
                "SMTPSVR.LUA",
                "Seen = {}\n"
                        + "function Add(id) table.insert(Seen, id) return #Seen end\n"
                        + "function Report(id) print('session ' .. id .. ' saw ' .. table.concat(Seen, ',')) return #Seen end\n");
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try (LuaEngine engine = scripts.engine()) {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    boolean allOwn = true;
                    for (int i = 0; i < INSTANCES_PER_THREAD; i++) {
                        String id = thread + "-" + i;
                        try (ScriptInstance instance = engine.newInstance("SMTPSVR.LUA")) {
                            instance.call("Add", LuaValue.valueOf(id));
                            instance.call("Add", LuaValue.valueOf(id));
                            CallResult report = instance.call("Report", LuaValue.valueOf(id));
                            allOwn &= ((CallResult.Returned) report)
                                            .values()
                                            .arg1()
                                            .toint()
                                    == 2;
                        }
                    }
                    return allOwn;
                }));
            }
            for (Future<Boolean> result : results) {
                assertThat(result.get(60, TimeUnit.SECONDS)).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }

        List<String> out = scripts.luaOut();
        assertThat(out).hasSize(THREADS * INSTANCES_PER_THREAD);
        assertThat(out).allMatch(line -> line.matches("session (\\d+-\\d+) saw \\1,\\1"));
        assertThat(scripts.errors()).isEmpty();
    }
}
