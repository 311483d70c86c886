#!/usr/bin/env bash
# Runs every test of every module (unit and end-to-end; the end-to-end tests start their own James, DNS,
# HTTP and SMTP servers on loopback; the distribution test deploys the pack with deploy-to-james.sh into James
# 3.8.1's own memory distribution and starts it as a separate java process, from JAVA_HOME or the PATH). Needs
# Java 17 and Maven; dependencies come from Maven Central.
set -euo pipefail
cd "$(dirname "$0")"
exec mvn -B -ntp verify "$@"
