#!/usr/bin/env bash
# Records the expected output of every conformance case from the reference interpreters: Debian's lua5.2
# (5.2.4) for cases/*.lua, lua5.1 for the Lua 5.0 dialect (cases/*50*.lua), where 5.1 agrees with 5.0. On the
# lines marked "-- 5.0: table" or "-- 5.0: loaded", 5.0's "for k, v in t" (which 5.1 dropped) is given to lua5.1
# as "for k, v in next, t", its meaning in 5.0. Run with TZ=UTC, from a copy of cases/, so that the files the
# cases read are found as they are by the engine. Needs: apt-get install lua5.2 lua5.1
# Two cases of library.lua ("select with negative beyond", "type errors") name the function as lua5.2 finds it
# in package.loaded, whose order follows its string hashes, seeded per run: 'select' or '_G.select'. The engine
# says 'select'; if a recording flips them, keep the lines as they were (git checkout expected/library.txt).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$here/cases/." "$work/"
mkdir -p "$here/expected"
rm -f "$here"/expected/*.txt
cd "$work"
for file in *.lua; do
    [ "$file" = harness.lua ] && continue
    case "$file" in
        *50*.lua)
            interpreter=lua5.1
            perl -pi -e 's/ in (.*?) do\b/ in next, $1 do/g if /-- 5\.0: (table|loaded)/' "$file"
            ;;
        *) interpreter=lua5.2 ;;
    esac
    # stdin is empty: loadfile() and io.read() read it in the reference, and must not wait for a terminal
    TZ=UTC LC_ALL=C "$interpreter" "$file" < /dev/null > "$here/expected/${file%.lua}.txt"
    echo "$file ($interpreter): $(wc -l < "$here/expected/${file%.lua}.txt") cases"
done
