#!/usr/bin/env bash
# stop.sh DIR [LIMIT_S]: SIGTERM to the James of DIR (its james.pid, checked by cwd), time until it exits; SIGKILL past LIMIT_S (120)
DIR=$1; LIMIT=${2:-120}; PID=$(cat $DIR/james.pid)
[ "$(readlink /proc/$PID/cwd)" = "$DIR" ] || { echo "pid $PID is not the James of $DIR"; exit 1; }
s=$(date +%s.%N); kill -TERM $PID
while kill -0 $PID 2>/dev/null; do
  now=$(date +%s.%N); if [ $(echo "$now - $s > $LIMIT" | bc) = 1 ]; then kill -QUIT $PID; sleep 1; kill -KILL $PID; echo "NOT EXITED after $LIMIT s: SIGKILL (its threads dumped to $DIR/james.out)"; exit 2; fi
  sleep 0.1
done
e=$(date +%s.%N); echo "exited after $(echo "$e - $s" | bc) s"
