#!/bin/sh
# Records expected.txt: every case of cases.txt (made by generate.lua, with a fixed seed) evaluated by Debian's
# lua5.2 (apt-get install -y lua5.2). CI runs FormatConformanceTest against the recorded files, without native Lua.
set -eu
cd "$(dirname "$0")"
lua5.2 generate.lua > cases.txt
lua5.2 -e 'dofile("evaluate.lua") local f = io.open("cases.txt") io.write(Evaluate(f:read("*a"))) f:close()' \
    > expected.txt
echo "$(wc -l < cases.txt) cases recorded with $(lua5.2 -v 2>&1)"
