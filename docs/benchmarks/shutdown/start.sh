#!/usr/bin/env bash
# start.sh DIR : James in the background; prints its pid
cd "$1"
nohup /usr/lib/jvm/java-11-openjdk-amd64/bin/java -Xmx512m -Dworking.directory=. -Dlogback.configurationFile=conf/logback.xml -Djdk.tls.ephemeralDHKeySize=2048 -jar james-server-memory-app.jar >> james.out 2>&1 &
echo $! > james.pid
echo $!
