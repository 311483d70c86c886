#!/usr/bin/env bash
# Starts a real in-memory Apache James 3.8.1 with the james-lua pack and its sample scripts, on local ports
# (SMTP 127.0.0.1:2525, IMAP 127.0.0.1:1143, webadmin 127.0.0.1:8000). Ctrl-C stops it.
# Extra options go to the server, e.g. ./run-james.sh --workdir /tmp/james  (keeps the working directory).
set -euo pipefail
cd "$(dirname "$0")"
mvn -B -q -ntp install -DskipTests
args="$*"
cd server
exec mvn -B -q -ntp exec:java ${args:+"-Dexec.args=$args"}
