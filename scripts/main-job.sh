#!/usr/bin/env bash
# scripts/main-job.sh: the README's main job. Prints the close matrix (`winsock4j close-matrix`):
# on Linux under Wine, after provisioning the lab and building if needed, with a Linux JVM wire
# peer beside it; on Windows natively (no wire peer there).
# Arguments are passed on to close-matrix (e.g. --format json); none are needed.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
# shellcheck source=scripts/cli-jar.sh
source scripts/cli-jar.sh

case "$(uname -s)" in
  MINGW* | MSYS* | CYGWIN* | Windows_NT)
    cli_jar_build_if_needed
    exec java -jar "$cli_jar" close-matrix "$@"
    ;;
esac

# Only the platform this job runs on (Wine 8 + Java 17 unless WINSOCK4J_WINE/WINSOCK4J_JAVA say).
lab/provision.sh --platform "${WINSOCK4J_WINE:-8}:${WINSOCK4J_JAVA:-17}" >&2
cli_jar_build_if_needed
# The wire peer runs on the host's JVM: the build JDK (scripts/build-jdk.sh) is one.
JAVA_HOME=$(scripts/build-jdk.sh)
export JAVA_HOME PATH=$JAVA_HOME/bin:$PATH
# shellcheck source=scripts/wire-peer.sh
source scripts/wire-peer.sh
start_wire_peer "$root/cli/target/main-job"
status=0
WINSOCK4J_WIRE_PEER=$WIRE_PEER lab/wine-java -jar "$(lab/winpath "$cli_jar")" close-matrix "$@" || status=$?
exit $status
