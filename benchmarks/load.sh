#!/bin/sh
# The load benchmark on the real James 3.8.1 memory distribution (BENCHMARKS.md, "Load on the real
# distribution"): stock James and the pack's configurations, each deployed into its own copy of the distribution
# the distribution module assembles and started as its own process, loaded by benchmarks' LoadClient, a process
# of its own. Prints two Markdown tables (msg/s, latency, CPU; then per-message costs the machine's load moves
# least: CPU without the JIT compiler threads, GC threads' CPU, bytes allocated, methods compiled); progress goes
# to stderr. --james-options passes JVM options to every James alike (say -XX:CompileThresholdScaling=0.1, see
# docs/benchmarks/2026-12-06-jit.md). --james-java starts every James with another java (say Java 11's, as James 3.8
# ships on: /usr/lib/jvm/java-11-openjdk-amd64/bin/java); the client, jcmd and keytool stay this JDK's.
#
#   mvn -B -q package -pl distribution,extension,benchmarks -am -DskipTests
#   benchmarks/load.sh [--configurations stock,b,b',c] [--rounds 3] [--messages 1500] [--warmup 600]
#                      [--connections 1,8,64] [--per-session 1,10] [--mailboxes 100] [--heap 2g] [--jfr DIR]
#                      [--warmup-jit-percent P] [--james-options "JVM OPTIONS"] [--james-java PATH]
#   benchmarks/load.sh --slow [--rounds 3] [--messages 1000] [--per-session 1,10] [--slow-delay-ms 500]
#   benchmarks/load.sh --idle [--configurations stock,b,c] [--rounds 3] [--idle-seconds 60]
#   benchmarks/load.sh --soak [--configurations stock,c,h] [--minutes 30] [--messages 1000]
set -eu
cd "$(dirname "$0")/.."
for built in benchmarks/target/classes benchmarks/target/runtime-classpath distribution/target/james-server-memory-app; do
    [ -e "$built" ] || { echo "build first: mvn -B -q package -pl distribution,extension,benchmarks -am -DskipTests" >&2; exit 2; }
done
exec java -cp "benchmarks/target/classes:$(cat benchmarks/target/runtime-classpath)" \
    org.jameslua.benchmarks.load.LoadBenchmark "$@"
