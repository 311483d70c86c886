#!/usr/bin/env bash
# Runs every test of every module (unit and end-to-end; the end-to-end tests start their own James, DNS,
# HTTP and SMTP servers on loopback; the distribution test deploys the pack with deploy-to-james.sh into James
# 3.8.1's own memory distribution and starts it as a separate java process). Needs Java 17 and Maven; dependencies
# come from Maven Central.
#
# The distribution's James, and the unit tests of the shipped modules, run on JAMES_JAVA_HOME when set, else on a
# Java 11 (James 3.8.x's own) found where Debian installs it, else on the build's Java; the last line says which Java
# James really ran on. Arguments go to mvn (.ci/run adds -Djames.java.required=11, which fails the distribution test
# and each shipped module's RequiredJavaTest on any other Java).
set -euo pipefail
cd "$(dirname "$0")"

if [ -z "${JAMES_JAVA_HOME:-}" ]; then
    for home in /usr/lib/jvm/java-11-openjdk-*; do
        if [ -x "$home/bin/java" ]; then
            JAMES_JAVA_HOME=$home
        fi
    done
fi
if [ -n "${JAMES_JAVA_HOME:-}" ] && [ ! -x "$JAMES_JAVA_HOME/bin/java" ]; then
    echo "run-tests.sh: JAMES_JAVA_HOME=$JAMES_JAVA_HOME has no bin/java" >&2
    exit 2
fi

# written by DeployedDistributionTest from what James's JVM reported over JMX
record=distribution-test/target/james-java.properties
rm -f "$record"
status=0
mvn -B -ntp verify ${JAMES_JAVA_HOME:+"-Djames.java.home=$JAMES_JAVA_HOME"} "$@" || status=$?

if [ -f "$record" ]; then
    version=$(sed -n 's/^java\.version=//p' "$record")
    release=$(sed -n 's/^java\.specification\.version=//p' "$record")
    if [ "$release" = 11 ]; then
        echo "Distribution test: James 3.8.1 ran on Java $version."
    else
        echo "Distribution test: James 3.8.1 ran on Java $version, NOT on Java 11, James 3.8.x's own: set" \
            "JAMES_JAVA_HOME to a Java 11's home (Debian: openjdk-11-jre-headless) to run it there."
    fi
fi
exit "$status"
