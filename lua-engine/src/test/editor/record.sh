#!/bin/sh
# Records lua52-functions.txt: the functions Debian's lua5.2 gives a script, which LuaLS's "Lua 5.2" runtime
# already describes. Run from this folder: ./record.sh
set -e
cd "$(dirname "$0")"
lua5.2 -e 'dofile("functions.lua") print(FunctionNames())' > lua52-functions.txt
