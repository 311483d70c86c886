#!/usr/bin/env bash
# waitup.sh WEBADMINPORT
s=$(date +%s.%N); for i in $(seq 1 240); do curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:$1/healthcheck 2>/dev/null | grep -q 200 && break; sleep 0.5; done; e=$(date +%s.%N); echo "healthy after $(echo "$e - $s" | bc) s"
