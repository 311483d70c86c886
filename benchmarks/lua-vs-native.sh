#!/bin/sh
# Lua speed side by side, in one run: benchmarks/lua/cpu-bench.lua (fannkuch, n-body, string work) on Debian's
# native Lua 5.1, on LuaJIT when installed, and on the pack's engine (LuaJ 3.0.1 with the pack's budget hook).
# Prints each run, then the median CPU seconds of runs 2..N of each (run 1 warms the JVM up) and the ratios.
#
#   apt-get install -y lua5.1 luajit      # luajit is optional
#   mvn -B -q package -pl lua-engine,benchmarks -am -DskipTests
#   benchmarks/lua-vs-native.sh [runs]    # default 5
set -eu
cd "$(dirname "$0")/.."
runs=${1:-5}
script=benchmarks/lua/cpu-bench.lua
jar=benchmarks/target/benchmarks.jar
[ -f "$jar" ] || { echo "build first: mvn -B -q package -pl lua-engine,benchmarks -am -DskipTests" >&2; exit 2; }
command -v lua5.1 >/dev/null || { echo "native Lua missing: apt-get install -y lua5.1" >&2; exit 2; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

bench() { # name, command...: prints its runs, keeps them in $out/name
    name=$1
    shift
    "$@" > "$out/$name"
    sed "s/^/$name: /" "$out/$name"
}
median() { # median CPU seconds of runs 2..N of a result file
    awk '/^run / && $2 > 1 {print $3}' "$1" | sort -n |
        awk '{v[NR] = $1} END {print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2)}'
}
checksum() {
    awk '/^run / {$1 = $2 = $3 = ""; print}' "$1" | sort -u
}

echo "$(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load average:$(uptime | sed 's/.*load average://')"
bench lua5.1 lua5.1 "$script" "$runs"
if command -v luajit >/dev/null; then
    bench luajit luajit "$script" "$runs"
fi
bench engine java -cp "$jar" org.jameslua.benchmarks.speed.LuaSpeed "$script" "$runs"

expected=$(checksum "$out/lua5.1")
for result in "$out"/*; do
    if [ "$(checksum "$result")" != "$expected" ]; then
        echo "$(basename "$result") computed a different result than lua5.1" >&2
        exit 1
    fi
done
native=$(median "$out/lua5.1")
echo
echo "median CPU seconds of runs 2..$runs (same checksum everywhere):"
for result in "$out"/*; do
    name=$(basename "$result")
    seconds=$(median "$result")
    echo "$name $seconds" | awk -v native="$native" '{printf "  %-7s %7.3f s  %5.2f x lua5.1\n", $1, $2, $2 / native}'
done
