#!/usr/bin/env bash
# scripts/main-job.sh: the README's main job. Prints the close matrix (winsock4j close-matrix, the
# CLI run with no arguments): on Linux under Wine, after provisioning the lab and building if
# needed, with a Linux JVM wire peer beside it; on Windows natively (no wire peer there).
# Arguments are passed on to the CLI (e.g. --format json); none are needed.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
jar=cli/target/winsock4j-cli.jar

build_if_needed() {
  if [[ ! -f $jar ]] || [[ -n $(find pom.xml binding cli -newer "$jar" \( -name '*.java' -o -name pom.xml \) -print -quit) ]]; then
    echo "main-job: building $jar" >&2
    # Maven runs on a JDK 22+ (scripts/maven.sh); the library stays Java 17.
    scripts/maven.sh -q -B -pl cli -am package -DskipTests >&2
  fi
}

case "$(uname -s)" in
  MINGW* | MSYS* | CYGWIN* | Windows_NT)
    build_if_needed
    exec java -jar "$jar" "$@"
    ;;
esac

# Only the platform this job runs on (Wine 8 + Java 17 unless WINSOCK4J_WINE/WINSOCK4J_JAVA say).
lab/provision.sh --platform "${WINSOCK4J_WINE:-8}:${WINSOCK4J_JAVA:-17}" >&2
build_if_needed
# The wire peer runs on the host's JVM: the build JDK (scripts/build-jdk.sh) is one.
JAVA_HOME=$(scripts/build-jdk.sh)
export JAVA_HOME PATH=$JAVA_HOME/bin:$PATH
# shellcheck source=scripts/wire-peer.sh
source scripts/wire-peer.sh
start_wire_peer "$root/cli/target/main-job"
status=0
WINSOCK4J_WIRE_PEER=$WIRE_PEER lab/wine-java -jar "$(lab/winpath "$jar")" "$@" || status=$?
exit $status
