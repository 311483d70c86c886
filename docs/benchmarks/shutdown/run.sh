#!/usr/bin/env bash
# run.sh NAME DIR WEBPORT DELAY_S LOAD...: starts the James of DIR, users, LOAD in the background (its output in
# results/NAME.load), SIGTERM after DELAY_S, the stop timed; James's output of this run in results/NAME.james
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
NAME=$1 DIR=$2 WEB=$3 DELAY=$4; shift 4
mkdir -p results; : > $DIR/james.out
"$HERE"/start.sh $DIR > /dev/null; "$HERE"/waitup.sh $WEB; "$HERE"/users.sh $WEB > /dev/null
"$@" > results/$NAME.load 2>&1 & LOADPID=$!
sleep $DELAY
echo "SIGTERM at $(date +%T.%N | cut -c1-12)"
"$HERE"/stop.sh $DIR 120
wait $LOADPID
cp $DIR/james.out results/$NAME.james
grep -c "" results/$NAME.james | sed 's/^/james.out lines: /'
grep -E "WARN|ERROR|Exception" results/$NAME.james | cut -c1-220 | sort | uniq -c | sort -rn | head -15
