#!/usr/bin/env bash
# Runs every test of every module (unit and end-to-end; the end-to-end tests start their own James, DNS,
# HTTP and SMTP servers on loopback). Needs Java 17 and Maven; dependencies come from Maven Central.
set -euo pipefail
cd "$(dirname "$0")"
exec mvn -B -ntp verify "$@"
