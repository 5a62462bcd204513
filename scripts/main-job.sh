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
    # Maven runs on a JDK 22+ (the FFM backend compiles only there); the library stays Java 17.
    JAVA_HOME=$(scripts/build-jdk.sh) mvn -q -B -pl cli -am package -DskipTests >&2
  fi
}

case "$(uname -s)" in
  MINGW* | MSYS* | CYGWIN* | Windows_NT)
    build_if_needed
    exec java -jar "$jar" "$@"
    ;;
esac

lab/provision.sh >&2
build_if_needed
# shellcheck source=scripts/wire-peer.sh
source scripts/wire-peer.sh
start_wire_peer "$root/cli/target/main-job"
status=0
WINSOCK4J_WIRE_PEER=$WIRE_PEER lab/wine-java -jar "$(lab/winpath "$jar")" "$@" || status=$?
exit $status
