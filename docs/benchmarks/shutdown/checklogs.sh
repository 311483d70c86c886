#!/usr/bin/env bash
# checklogs.sh DIR: LUAERRORS.LOG and LUA.OUT lines that are not whole (a line is whole when it starts with a date and ends with a newline)
for f in $1/conf/lua/LUAERRORS.LOG $1/conf/lua/LUA.OUT; do
  [ -f $f ] || { echo "$(basename $f): none"; continue; }
  n=$(wc -l < $f); bad=$(grep -cvE '^20[0-9]{2}-[0-9]{2}-[0-9]{2} [0-9:.]+ ' $f); last=$(tail -c1 $f | od -An -c | tr -d ' ')
  echo "$(basename $f): $n lines, $bad not starting with a date, ends with [$last]"
  cut -c25- $f | sed -E 's/[0-9]+ ms/N ms/' | sort | uniq -c | sort -rn | head -5
done
