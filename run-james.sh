#!/usr/bin/env bash
# Starts a real in-memory Apache James 3.8.1 with the james-lua pack, the operator's configuration of
# conf-samples/james-conf and the sample scripts of conf-samples/scripts, on local ports (SMTP 127.0.0.1:2525,
# IMAP 127.0.0.1:1143, webadmin 127.0.0.1:8000). Ctrl-C (or SIGTERM) stops it.
# Options go to the server:
#   --workdir DIR  use and keep this working directory (conf/, scripts/ with LUA.OUT and LUAERRORS.LOG)
#   --conf DIR     another configuration template directory
#   --jar FILE     an extension jar to put into extensions-jars/ (repeatable)
# JAVA_HOME selects the Java (17 or later); JAVA_OPTS adds JVM options.
set -euo pipefail
cd "$(dirname "$0")"
# builds every module; the server module writes its run time class path to server/target/runtime-classpath,
# naming this build's jars of the pack (not copies another build left in ~/.m2)
mvn -B -q -ntp install -DskipTests
java=java
if [ -n "${JAVA_HOME:-}" ]; then
    java=$JAVA_HOME/bin/java
fi
# JAVA_OPTS is left unquoted on purpose: it holds several options, split on spaces
# shellcheck disable=SC2086
exec "$java" ${JAVA_OPTS:-} -cp "server/target/classes:$(cat server/target/runtime-classpath)" \
    org.jameslua.server.JamesLuaServerMain "$@"
